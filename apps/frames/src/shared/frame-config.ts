import { CARD_BRANDS, FRAME_CONFIG_ELEMENT_ID, type FrameConfig } from '@hosted-session/protocol';
import { isBag, isOneOf, isText } from './guards.ts';

function parseFrameConfig(json: unknown): FrameConfig | undefined {
  if (!isBag(json)) return undefined;
  const { merchantId, apiVersion, allowedOrigins, supportedBrands, cscRequired } = json;
  if (
    !isText(merchantId, 64, 1) ||
    !isText(apiVersion, 8, 1) ||
    !Array.isArray(allowedOrigins) ||
    !allowedOrigins.every((origin) => isText(origin, 256)) ||
    !Array.isArray(supportedBrands) ||
    !supportedBrands.every((brand) => isOneOf(CARD_BRANDS, brand)) ||
    typeof cscRequired !== 'boolean'
  ) {
    return undefined;
  }
  return { merchantId, apiVersion, allowedOrigins, supportedBrands, cscRequired };
}

/**
 * The merchant's configuration the gateway wrote into the page. Undefined when the block is missing (the page
 * was not served by the gateway) or malformed: the frame must then refuse to run rather than guess.
 */
export function readFrameConfig(doc: Document): FrameConfig | undefined {
  const text = doc.getElementById(FRAME_CONFIG_ELEMENT_ID)?.textContent;
  if (!text) return undefined;
  try {
    return parseFrameConfig(JSON.parse(text));
  } catch {
    return undefined;
  }
}
