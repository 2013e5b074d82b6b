import type { MerchantConfig } from './config.ts';
import { GatewayUnavailable } from './gateway.ts';

/** session.js as the page loads it: the build's immutable URL, and the hash the browser must find there. */
export interface PinnedScript {
  src: string;
  integrity: string;
}

/** How long one reading of the manifest serves, so a gateway upgrade reaches new pages within a minute. */
const MANIFEST_TTL_MS = 60_000;
const TIMEOUT_MS = 10_000;

const INTEGRITY = /^sha384-[A-Za-z0-9+/]{64}$/;

function pinnedScriptOf(manifest: unknown, config: MerchantConfig): PinnedScript {
  const { path, integrity } = ((manifest as { sessionJs?: unknown })?.sessionJs ?? {}) as Record<
    string,
    unknown
  >;
  const prefix = `/form/version/${config.apiVersion}/merchant/${encodeURIComponent(config.merchantId)}/`;
  if (
    typeof path !== 'string' ||
    !path.startsWith(prefix) ||
    typeof integrity !== 'string' ||
    !INTEGRITY.test(integrity)
  ) {
    throw new GatewayUnavailable('The gateway answered integrity.json without a usable sessionJs entry');
  }
  return { src: new URL(path, config.gatewayUrl).href, integrity };
}

/**
 * Reads the gateway's integrity manifest (`…/integrity.json`) so the checkout's `<script>` names the exact
 * build of session.js it expects, with its Subresource Integrity hash: the browser refuses to run a file whose
 * bytes differ, wherever it was changed (PCI DSS 4.0 6.4.3: the merchant vouches for every script its payment
 * page runs). One reading serves for a minute; a failed one is not kept.
 */
export function createScriptPinning(
  config: MerchantConfig,
  fetchFn: typeof fetch = fetch,
  now: () => number = Date.now,
): () => Promise<PinnedScript> {
  const url = `${config.gatewayUrl}/form/version/${config.apiVersion}/merchant/${encodeURIComponent(config.merchantId)}/integrity.json`;
  let cached: { at: number; script: Promise<PinnedScript> } | undefined;

  async function read(): Promise<PinnedScript> {
    let response: Response;
    try {
      response = await fetchFn(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new GatewayUnavailable(
        `The gateway at ${config.gatewayUrl} did not answer (${(error as Error).name})`,
      );
    }
    if (!response.ok) throw new GatewayUnavailable(`integrity.json answered ${response.status}`);
    return pinnedScriptOf(await response.json().catch(() => undefined), config);
  }

  return () => {
    if (!cached || now() - cached.at >= MANIFEST_TTL_MS) {
      const script = read();
      const entry = { at: now(), script };
      cached = entry;
      script.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.script;
  };
}
