import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = new URL('../dist/', import.meta.url);
const BUDGET = 8192;
const THREE_DS_BUDGET = 4096;

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

  it(`three-ds.min.js (Mastercard's ThreeDS script) stays within ${THREE_DS_BUDGET} bytes`, () => {
    expect(gzipped('three-ds.min.js')).toBeLessThanOrEqual(THREE_DS_BUDGET);
  });

  it('session.js carries no zod', () => {
    const source = readFileSync(new URL('session.js', dist), 'utf8');
    expect(source).not.toMatch(/\bZodError\b|\bzod\b/);
  });
});
