import type { CardBrand } from './field-state.ts';

/**
 * What the gateway tells a frame page about the merchant that embeds it. The gateway writes it into the
 * served HTML in place of the marker below, as a non-executable JSON block (so the frame CSP needs no
 * inline script): `<script type="application/json" id="hs-config">…</script>`.
 */
export interface FrameConfig {
  merchantId: string;
  apiVersion: string;
  /** Origin patterns the merchant registered, e.g. `https://shop.example` or `http://localhost:*`. */
  allowedOrigins: string[];
  supportedBrands: CardBrand[];
  cscRequired: boolean;
}

export const FRAME_CONFIG_MARKER = '<!--hs-config-->';
export const FRAME_CONFIG_ELEMENT_ID = 'hs-config';

export function frameConfigScript(config: FrameConfig): string {
  return jsonDataScript(FRAME_CONFIG_ELEMENT_ID, config);
}

/** A non-executable JSON block, safe inside a `<script>` element: no `<` can close it. */
export function jsonDataScript(id: string, value: unknown): string {
  const json = JSON.stringify(value).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${id}">${json}</script>`;
}
