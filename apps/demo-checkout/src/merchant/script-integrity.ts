import type { MerchantConfig } from './config.ts';
import { GatewayUnavailable } from './gateway.ts';

/** A gateway script as the page loads it: its URL, and the hash the browser must find there. */
export interface PinnedScript {
  src: string;
  integrity: string;
}

/** The gateway's scripts the checkout loads: session.js (its build's immutable URL) and the ThreeDS script. */
export interface PinnedScripts {
  sessionJs: PinnedScript;
  threeDSJs: PinnedScript;
}

/** Where Mastercard's checkouts load the ThreeDS script; the manifest must name exactly this. */
const THREE_DS_SCRIPT_PATH = '/static/threeDS/1.3.0/three-ds.min.js';

/** How long one reading of the manifest serves, so a gateway upgrade reaches new pages within a minute. */
const MANIFEST_TTL_MS = 60_000;
const TIMEOUT_MS = 10_000;

const INTEGRITY = /^sha384-[A-Za-z0-9+/]{64}$/;

function pinnedFileOf(
  entry: unknown,
  name: string,
  config: MerchantConfig,
  isPath: (path: string) => boolean,
) {
  const { path, integrity } = (entry ?? {}) as Record<string, unknown>;
  if (
    typeof path !== 'string' ||
    !isPath(path) ||
    typeof integrity !== 'string' ||
    !INTEGRITY.test(integrity)
  )
    throw new GatewayUnavailable(`The gateway answered integrity.json without a usable ${name} entry`);
  return { src: new URL(path, config.gatewayUrl).href, integrity };
}

function pinnedScriptsOf(manifest: unknown, config: MerchantConfig): PinnedScripts {
  const { sessionJs, threeDSJs } = (manifest ?? {}) as Record<string, unknown>;
  const prefix = `/form/version/${config.apiVersion}/merchant/${encodeURIComponent(config.merchantId)}/`;
  return {
    sessionJs: pinnedFileOf(sessionJs, 'sessionJs', config, (path) => path.startsWith(prefix)),
    threeDSJs: pinnedFileOf(threeDSJs, 'threeDSJs', config, (path) => path === THREE_DS_SCRIPT_PATH),
  };
}

/**
 * Reads the gateway's integrity manifest (`…/integrity.json`) so the checkout's `<script>`s name the exact
 * build of session.js and the ThreeDS script they expect, with their Subresource Integrity hashes: the browser refuses to run a file whose
 * bytes differ, wherever it was changed (PCI DSS 4.0 6.4.3: the merchant vouches for every script its payment
 * page runs). One reading serves for a minute; a failed one is not kept.
 */
export function createScriptPinning(
  config: MerchantConfig,
  fetchFn: typeof fetch = fetch,
  now: () => number = Date.now,
): () => Promise<PinnedScripts> {
  const url = `${config.gatewayUrl}/form/version/${config.apiVersion}/merchant/${encodeURIComponent(config.merchantId)}/integrity.json`;
  let cached: { at: number; script: Promise<PinnedScripts> } | undefined;

  async function read(): Promise<PinnedScripts> {
    let response: Response;
    try {
      response = await fetchFn(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new GatewayUnavailable(
        `The gateway at ${config.gatewayUrl} did not answer (${(error as Error).name})`,
      );
    }
    if (!response.ok) throw new GatewayUnavailable(`integrity.json answered ${response.status}`);
    return pinnedScriptsOf(await response.json().catch(() => undefined), config);
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
