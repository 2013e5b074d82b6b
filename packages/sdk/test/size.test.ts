import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = new URL('../dist/', import.meta.url);
// 8 KB held the card alone; gift card and ACH fields, Mastercard's tolerant configure (ignored options, one
// warning, failures through initialized) and creating the session from the page took session.js to 8.7 KB.
// Braintree's page-side hosted fields load 37 KB.
const BUDGET = 9216;

function gzipped(file: string): number {
  const path = new URL(file, dist);
  if (!existsSync(path)) {
    throw new Error(
      `packages/sdk/dist/${file} is missing: run the build first (pnpm --filter @hosted-session/sdk build)`,
    );
  }
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

describe('bundle size (gzip -9)', () => {
  it(`session.js, penpal included, stays within ${BUDGET} bytes`, () => {
    expect(gzipped('session.js')).toBeLessThanOrEqual(BUDGET);
  });

  it(`the ES module stays within ${BUDGET} bytes`, () => {
    expect(gzipped('index.js')).toBeLessThanOrEqual(BUDGET);
  });

  it('session.js carries no zod', () => {
    const source = readFileSync(new URL('session.js', dist), 'utf8');
    expect(source).not.toMatch(/\bZodError\b|\bzod\b/);
  });
});
