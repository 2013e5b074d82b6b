/** Where a 3-D Secure page may load from, post to and be framed by; everything else is refused. */
export interface PagePolicy {
  /** The page runs its own script (the interceptor, relay pages); the issuer's challenge runs none. */
  script: boolean;
  /** Origins the page frames (the issuer's 3DS Method). */
  frames?: readonly string[];
  /** Origins its forms post to, beyond the gateway. */
  forms?: readonly string[];
  /** Who may frame the page: the merchant's registered origins, and the gateway's own pages if `self`. */
  ancestors: readonly string[];
}

/**
 * Headers of the gateway's 3-D Secure pages: a strict CSP (scripts and styles from the gateway only, no
 * inline script), no caching, no referrer, and framing only by the merchant's registered origins.
 */
export function threeDSPageHeaders(policy: PagePolicy): Record<string, string> {
  const list = (extra: readonly string[] = []) => ["'self'", ...new Set(extra)].join(' ');
  const csp = [
    "default-src 'none'",
    policy.script ? "script-src 'self'" : undefined,
    "style-src 'self'",
    "img-src 'self'",
    policy.script ? "connect-src 'self'" : undefined,
    policy.frames ? `frame-src ${list(policy.frames)}` : undefined,
    `form-action ${list(policy.forms)}`,
    "base-uri 'none'",
    `frame-ancestors ${policy.ancestors.length > 0 ? policy.ancestors.join(' ') : "'none'"}`,
  ].filter(Boolean);
  return {
    'content-security-policy': csp.join('; '),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

/** The origins of absolute URLs among these (relative ones are the gateway's own). */
export function originsOf(...urls: (string | undefined)[]): string[] {
  return urls.flatMap((url) => {
    if (!url || !/^https?:\/\//i.test(url)) return [];
    try {
      return [new URL(url).origin];
    } catch {
      return [];
    }
  });
}
