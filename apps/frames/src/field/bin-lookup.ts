import {
  FUNDING_METHODS,
  binLookupPath,
  type BinLookupResponse,
  type FrameConfig,
} from '@hosted-session/protocol';
import { hasKeys, isBag, isOneOf, isText } from '../shared/guards.ts';

/** The answer only adds to `onCardTypeChange`; past this it is not worth waiting for. */
const LOOKUP_TIMEOUT_MS = 5_000;

function parseAnswer(data: unknown): BinLookupResponse | undefined {
  if (!isBag(data) || !isOneOf(FUNDING_METHODS, data.fundingMethod)) return undefined;
  if (data.issuer === undefined)
    return hasKeys(data, 'fundingMethod') ? { fundingMethod: data.fundingMethod } : undefined;
  return hasKeys(data, 'fundingMethod', 'issuer') && isText(data.issuer, 100, 1)
    ? { fundingMethod: data.fundingMethod, issuer: data.issuer }
    : undefined;
}

/**
 * Asks the frame's own gateway (same origin: the CSP allows no other) what a card's first digits tell. The
 * digits go in a POST body, never in the URL. Any failure is undefined: the card type is then told without
 * funding and issuer, as Mastercard's gateway does when it does not know them.
 */
export function binLookup(config: FrameConfig, fetcher: typeof fetch) {
  return async (bin: string): Promise<BinLookupResponse | undefined> => {
    try {
      const response = await fetcher(binLookupPath(config.apiVersion, config.merchantId), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bin }),
        credentials: 'omit',
        cache: 'no-store',
        signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
      });
      return response.ok ? parseAnswer(await response.json()) : undefined;
    } catch {
      return undefined;
    }
  };
}
