import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IdempotentResponse, Store } from '../store/store.ts';
import { IdempotencyKeyError } from './errors.ts';
import { MIN_FINGERPRINT_KEY_BYTES, canonicalJson, classifyResubmission } from './orders/index.ts';

/**
 * The one Idempotency-Key of every API face that takes one. A key is a UUID v4 the merchant makes per
 * operation, kept per merchant for `IDEMPOTENCY_KEY_TTL_MS`: the same key with the same request (the same
 * operation on the same resource, the same body) gets the first response again, and the operation runs once
 * even when the retries race; the same key with another request is refused, and so is a retry while the first
 * is still running past `waitMs`. The request is kept as a keyed fingerprint only (a body may hold card data).
 * A request that fails runs again on retry: only answers the face chose to keep are kept.
 */

/** UUID v4: the version nibble 4, the variant nibble 8–b. */
export const IDEMPOTENCY_KEY_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** How long a key is kept (published in the README): a retry within it is answered, not run again. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60_000;
/** An unanswered claim older than this was left by a gateway that stopped; a retry may then run the request. */
const CLAIM_LEASE_MS = 60_000;
const DEFAULT_WAIT_MS = 5_000;
const POLL_MS = 10;

export interface IdempotentRequest {
  merchantId: string;
  /** The key as the merchant sent it, already read by `readIdempotencyKey`. */
  key: string;
  /** What is asked of which resource, e.g. `POST /v1/processing-terminals/1234001/hosted-fields-sessions`. */
  operation: string;
  body: unknown;
}

export interface IdempotencyOptions {
  store: Store;
  /** HMAC key of the request fingerprints (derived from the vault key). */
  fingerprintKey: Buffer;
  /** How long a retry waits for a racing first request before it is refused as still in progress. */
  waitMs?: number;
  /** Epoch milliseconds; injectable so expiry can be tested without waiting. */
  now?: () => number;
}

/**
 * Reads an `Idempotency-Key` header: undefined when absent and not `required`; IdempotencyKeyError when absent
 * but required, repeated, or not a UUID v4. Lower-cased, so a key's spelling does not make it another key.
 */
export function readIdempotencyKey(
  header: string | string[] | undefined,
  required: boolean,
): string | undefined {
  if (header === undefined) {
    if (required) throw new IdempotencyKeyError('missing');
    return undefined;
  }
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header.trim())) {
    throw new IdempotencyKeyError('malformed');
  }
  return header.trim().toLowerCase();
}

export class Idempotency {
  private readonly store: Store;
  private readonly fingerprintKey: Buffer;
  private readonly waitMs: number;
  private readonly now: () => number;

  constructor(options: IdempotencyOptions) {
    if (options.fingerprintKey.length < MIN_FINGERPRINT_KEY_BYTES) {
      throw new RangeError(`The fingerprint key must be at least ${MIN_FINGERPRINT_KEY_BYTES} bytes.`);
    }
    this.store = options.store;
    this.fingerprintKey = options.fingerprintKey;
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * Runs `execute` once per key and answers its response to every retry of the same request. A request
   * without a key (where the face makes it optional) just runs.
   */
  async run(
    request: Omit<IdempotentRequest, 'key'> & { key: string | undefined },
    execute: () => Promise<IdempotentResponse>,
  ): Promise<IdempotentResponse> {
    if (request.key === undefined) return execute();
    const scope = { merchantId: request.merchantId, key: request.key };
    const fingerprint = this.fingerprint(request.operation, request.body);
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const now = this.now();
      const claim = {
        fingerprint,
        claimedUntil: now + CLAIM_LEASE_MS,
        expiresAt: now + IDEMPOTENCY_KEY_TTL_MS,
      };
      const held = classifyResubmission(await this.store.claimIdempotencyKey(scope, claim, now), fingerprint);
      if (held.kind === 'new') break;
      if (held.kind === 'replay') return held.response;
      if (held.kind === 'conflict') throw new IdempotencyKeyError('reused');
      if (Date.now() >= deadline) throw new IdempotencyKeyError('in-progress');
      await sleep(POLL_MS);
    }
    let response: IdempotentResponse;
    try {
      response = await execute();
    } catch (error) {
      await this.store.releaseIdempotencyKey(scope, fingerprint);
      throw error;
    }
    await this.store.completeIdempotencyKey(scope, fingerprint, response);
    return response;
  }

  /** Removes the keys whose 24 hours are over. */
  sweep(): Promise<number> {
    return this.store.deleteExpiredIdempotencyKeys(this.now());
  }

  private fingerprint(operation: string, body: unknown): string {
    return createHmac('sha256', this.fingerprintKey)
      .update(canonicalJson({ body: body ?? null, operation }))
      .digest('hex');
  }
}
