import { isCardRole, type CardRole } from './roles.ts';

/** The two frame pages the gateway serves per merchant (so it can set `frame-ancestors` for that merchant). */
export type FramePage = 'field' | 'hub';

export function framePagePath(apiVersion: string, merchantId: string, page: FramePage): string {
  return `/form/version/${encodeURIComponent(apiVersion)}/merchant/${encodeURIComponent(merchantId)}/frames/${page}.html`;
}

export function sessionScriptPath(apiVersion: string, merchantId: string): string {
  return `/form/version/${encodeURIComponent(apiVersion)}/merchant/${encodeURIComponent(merchantId)}/session.js`;
}

/**
 * What a frame learns from its URL fragment (never sent to the server):
 * - `instance`: random id of one `configure` scope; names the gateway-origin channel between its frames;
 * - `role`: for field frames, the field it holds;
 * - `parent`: the embedding page's origin, which the frame checks against the merchant's allowed origins
 *   and then uses as its only penpal `allowedOrigins` entry.
 */
export interface FrameParams {
  instance: string;
  role?: CardRole;
  parent: string;
}

export function frameFragment(params: FrameParams): string {
  const search = new URLSearchParams();
  search.set('instance', params.instance);
  if (params.role) search.set('role', params.role);
  search.set('parent', params.parent);
  return `#${search.toString()}`;
}

/** Parses a fragment; returns undefined unless instance and parent are present and well-formed. */
export function parseFrameFragment(hash: string): FrameParams | undefined {
  const search = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const instance = search.get('instance');
  const parent = search.get('parent');
  const role = search.get('role');
  if (!instance || !/^[A-Za-z0-9_-]{16,64}$/.test(instance) || !parent) return undefined;
  let origin: string;
  try {
    origin = new URL(parent).origin;
  } catch {
    return undefined;
  }
  if (origin !== parent) return undefined;
  if (role === null) return { instance, parent };
  return isCardRole(role) ? { instance, role, parent } : undefined;
}
