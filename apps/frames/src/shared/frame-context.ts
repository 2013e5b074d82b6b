import {
  isOriginAllowed,
  parseFrameFragment,
  type FrameConfig,
  type FrameParams,
} from '@hosted-session/protocol';
import { readFrameConfig } from './frame-config.ts';

export interface FrameContext {
  params: FrameParams;
  config: FrameConfig;
}

/**
 * Decides whether this frame may run: its fragment must be well-formed, the gateway's configuration present,
 * and the parent origin the fragment claims both registered by the merchant and, where the browser says
 * who embeds us, the real one. A fragment is written by the embedding page, so it alone proves nothing.
 * A browser that hides the parent (Firefox before ancestorOrigins, or "null" under an iframe's
 * referrerpolicy) leaves the other guards: frame-ancestors, and penpal talking to the claimed origin only.
 */
export function readFrameContext(win: Window): FrameContext | undefined {
  const params = parseFrameFragment(win.location.hash);
  const config = readFrameConfig(win.document);
  if (!params || !config) return undefined;
  if (win.parent === win) return undefined;
  if (!isOriginAllowed(config.allowedOrigins, params.parent)) return undefined;
  const parent = win.location.ancestorOrigins?.[0];
  if (parent !== undefined && parent !== 'null' && parent !== params.parent) return undefined;
  return { params, config };
}
