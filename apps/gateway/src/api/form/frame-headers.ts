/**
 * Headers of a frame page. The CSP lets the page run only its own scripts and styles, talk only to the
 * gateway, and be embedded only by the merchant's registered origins (`frame-ancestors`). Merchant styles
 * arrive through CSSOM, which CSP does not block, so no 'unsafe-inline' is needed.
 */
export function framePageHeaders(allowedOrigins: readonly string[]): Record<string, string> {
  const ancestors = allowedOrigins.length > 0 ? allowedOrigins.join(' ') : "'none'";
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
  return {
    'content-security-policy': csp,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}
