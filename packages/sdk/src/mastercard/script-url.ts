import type { Gateway } from '../core/scope.ts';

// session.js, or session-<content hash>.js: the same file under its immutable URL.
const SCRIPT_PATH = /^\/form\/version\/([^/]+)\/merchant\/([^/]+)\/session(-[0-9a-f]{16})?\.js$/;

/**
 * The gateway, API version and merchant that served this session.js, read from its own URL: the file is then
 * identical for every merchant (cacheable, SRI-able). Undefined when the URL does not have that shape.
 */
export function gatewayFromScriptUrl(src: string | undefined): Gateway | undefined {
  try {
    const url = new URL(src ?? '');
    const match = SCRIPT_PATH.exec(url.pathname);
    if (!match || !/^https?:$/.test(url.protocol)) return undefined;
    return {
      origin: url.origin,
      apiVersion: decodeURIComponent(match[1]!),
      merchantId: decodeURIComponent(match[2]!),
    };
  } catch {
    return undefined;
  }
}
