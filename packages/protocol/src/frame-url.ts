import { isFieldRole, type FieldRole } from './roles.ts';

/** The two frame pages the gateway serves per merchant (so it can set `frame-ancestors` for that merchant). */
export type FramePage = 'field' | 'hub';

export function framePagePath(apiVersion: string, merchantId: string, page: FramePage): string {
  return `/form/version/${encodeURIComponent(apiVersion)}/merchant/${encodeURIComponent(merchantId)}/frames/${page}.html`;
}

function formPath(apiVersion: string, merchantId: string, file: string): string {
  return `/form/version/${encodeURIComponent(apiVersion)}/merchant/${encodeURIComponent(merchantId)}/${file}`;
}

/**
 * `session.js` (Mastercard's URL, short-lived cache), or with its content hash in the name: the same file
 * under an immutable URL a page can pin with Subresource Integrity. Both keep version and merchant in the
 * path, where the script reads them.
 */
export function sessionScriptPath(apiVersion: string, merchantId: string, contentHash?: string): string {
  return formPath(apiVersion, merchantId, contentHash ? `session-${contentHash}.js` : 'session.js');
}

/** The integrity manifest (`IntegrityManifest`) a merchant's server reads to write its script tag. */
export function integrityManifestPath(apiVersion: string, merchantId: string): string {
  return formPath(apiVersion, merchantId, 'integrity.json');
}

/** A file the gateway serves under an immutable URL, and its Subresource Integrity value. */
export interface PinnedFile {
  /** Path on the gateway, e.g. `/form/version/100/merchant/M/session-0123456789abcdef.js`. */
  path: string;
  /** `sha384-` and the base64 of the file's SHA-384, as an `integrity` attribute takes it. */
  integrity: string;
}

/** What `integrity.json` answers: the files of this gateway build, each pinned by its hash. */
export interface IntegrityManifest {
  sessionJs: PinnedFile;
  /** The ThreeDS script (`/static/threeDS/1.3.0/three-ds.min.js`), for a page that loads it with its hash. */
  threeDSJs: PinnedFile;
  /** Every script and stylesheet the frame pages load (the frames check them; listed for audits). */
  frameAssets: PinnedFile[];
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
  role?: FieldRole;
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
  return isFieldRole(role) ? { instance, role, parent } : undefined;
}

/**
 * The configuration check a page makes before its frames load (CORS, no credentials): does the gateway know
 * this merchant, and did the merchant register the page's origin? It answers about the merchant named in the
 * path only, as `session.js` does by answering or not.
 */
export function configurationCheckPath(apiVersion: string, merchantId: string): string {
  return formPath(apiVersion, merchantId, 'check');
}

/** The answer of the configuration check. */
export interface ConfigurationCheck {
  status: 'ok' | 'unknown_merchant' | 'origin_not_allowed';
}
