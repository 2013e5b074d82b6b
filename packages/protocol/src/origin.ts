/**
 * Exact origin matching against a merchant's registered patterns. A pattern is a full origin
 * (`https://shop.example`) or an origin whose port is `*` (`http://localhost:*`, any port or none). There is
 * no prefix, suffix or substring matching: `https://shop.example.evil.test` never matches `https://shop.example`.
 */
export function originMatches(pattern: string, origin: string): boolean {
  const parsed = parseOrigin(origin);
  if (!parsed || parsed.origin !== origin) return false;
  if (pattern.endsWith(':*')) {
    const base = parseOrigin(pattern.slice(0, -2));
    return (
      !!base &&
      base.origin === pattern.slice(0, -2) &&
      base.protocol === parsed.protocol &&
      base.hostname === parsed.hostname
    );
  }
  return pattern === origin;
}

export function isOriginAllowed(patterns: readonly string[], origin: string): boolean {
  return patterns.some((pattern) => originMatches(pattern, origin));
}

function parseOrigin(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
