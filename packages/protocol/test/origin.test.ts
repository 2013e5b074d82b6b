import { describe, expect, it } from 'vitest';
import { isOriginAllowed, originMatches } from '../src/origin.ts';

describe('originMatches', () => {
  it('accepts the exact origin only', () => {
    expect(originMatches('https://shop.example', 'https://shop.example')).toBe(true);
    expect(originMatches('https://shop.example', 'http://shop.example')).toBe(false);
    expect(originMatches('https://shop.example', 'https://shop.example:8443')).toBe(false);
  });

  it.each([
    'https://shop.example.evil.test',
    'https://evilshop.example',
    'https://shop.example@evil.test',
    'https://evil.test/https://shop.example',
    'null',
    '',
  ])('refuses the look-alike %j', (origin) => {
    expect(originMatches('https://shop.example', origin)).toBe(false);
  });

  it('matches any port with :*, on the same scheme and host only', () => {
    expect(originMatches('http://localhost:*', 'http://localhost:5173')).toBe(true);
    expect(originMatches('http://localhost:*', 'http://localhost')).toBe(true);
    expect(originMatches('http://localhost:*', 'https://localhost:5173')).toBe(false);
    expect(originMatches('http://localhost:*', 'http://localhost.evil.test:5173')).toBe(false);
    expect(originMatches('http://localhost:*', 'http://127.0.0.1:5173')).toBe(false);
  });

  it('refuses a value that is not a bare origin', () => {
    expect(originMatches('http://localhost:*', 'http://localhost:5173/path')).toBe(false);
    expect(originMatches('javascript:*', 'javascript:alert(1)')).toBe(false);
  });

  it('isOriginAllowed checks every pattern', () => {
    expect(isOriginAllowed(['https://a.example', 'http://localhost:*'], 'http://localhost:3000')).toBe(true);
    expect(isOriginAllowed([], 'http://localhost:3000')).toBe(false);
  });
});
