import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';

/** Sends one callback; answers the HTTP status. Rejects only when no answer came (network, timeout). */
export type CallbackTransport = (
  url: string,
  request: { body: string; headers: Record<string, string> },
) => Promise<number>;

export interface CallbackOptions {
  transport?: CallbackTransport;
  /** Waits between attempts; injectable so tests need not wait. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The pause before each retry; the first attempt is at once. */
  retryDelaysMs?: readonly number[];
}

/** Five attempts over about two and a half minutes. */
export const CALLBACK_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000, 120_000];
/** HMAC-SHA256 of the exact body, keyed by the merchant's secret key, in hex. */
export const CALLBACK_SIGNATURE_HEADER = 'cko-signature';
const ATTEMPT_TIMEOUT_MS = 10_000;

export function signCallback(body: string, secretKey: string): string {
  return createHmac('sha256', secretKey).update(body).digest('hex');
}

/**
 * POSTs a signed result to a merchant's callback URL, retrying a bounded number of times until it answers
 * 2xx. Redirects are not followed, so a callback can only reach the URL the merchant registered.
 */
export class CallbackSender {
  private readonly transport: CallbackTransport;
  private readonly wait: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly delays: readonly number[];
  private readonly closing = new AbortController();

  constructor(options: CallbackOptions = {}) {
    this.transport = options.transport ?? postJson;
    this.wait = options.wait ?? ((ms, signal) => sleep(ms, undefined, { signal }));
    this.delays = options.retryDelaysMs ?? CALLBACK_RETRY_DELAYS_MS;
  }

  /** True once the merchant took it; false when every attempt failed (or the gateway is closing). */
  async deliver(url: string, body: string, secretKey: string, log: FastifyBaseLogger): Promise<boolean> {
    const headers = {
      'content-type': 'application/json',
      [CALLBACK_SIGNATURE_HEADER]: signCallback(body, secretKey),
    };
    for (let attempt = 0; attempt <= this.delays.length; attempt++) {
      try {
        if (attempt > 0) await this.wait(this.delays[attempt - 1]!, this.closing.signal);
        if (this.closing.signal.aborted) return false;
        const status = await this.transport(url, { body, headers });
        if (status >= 200 && status < 300) return true;
      } catch {
        if (this.closing.signal.aborted) return false;
      }
    }
    // The origin only: a URL's path or query may hold the merchant's own secrets.
    log.warn(
      { callbackOrigin: new URL(url).origin, attempts: this.delays.length + 1 },
      'callback not delivered',
    );
    return false;
  }

  /** Stops waiting retries (the gateway is shutting down). */
  close(): void {
    this.closing.abort();
  }
}

const postJson: CallbackTransport = async (url, { body, headers }) => {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
  });
  await response.body?.cancel();
  return response.status;
};
