import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = new URL('../dist/', import.meta.url);
// The ES module, unminified as npm ships it, held 8 KiB with card fields alone; gift card and ACH fields and
// their roles, the tolerant reading of options and validate's reasons took it to 8487 bytes; failing on a lost
// hub, a silent hub, shadow-root placeholders, commands after a failure and setDisabled added 649 (8488 → 9137,
// unminified, with comments).
const BUDGET = 9152;
// session.js carries the script-tag API besides the core: after the configuration check, frame removal, a new
// session for typed fields and elements as placeholders it passed 8 KiB (8766 bytes, penpal alone 3767); gift
// card and ACH fields, Mastercard's tolerant configure and the session created from the page took it to 9673;
// failing on a lost or silent hub and watching shadow-root placeholders added 192 (9659 → 9851).
// Braintree's page-side hosted fields load 37 KB.
const SESSION_JS_BUDGET = 9856;

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
  it(`session.js, penpal included, stays within ${SESSION_JS_BUDGET} bytes`, () => {
    expect(gzipped('session.js')).toBeLessThanOrEqual(SESSION_JS_BUDGET);
  });

  it(`the ES module stays within ${BUDGET} bytes`, () => {
    expect(gzipped('index.mjs')).toBeLessThanOrEqual(BUDGET);
  });

  it('session.js carries no zod', () => {
    const source = readFileSync(new URL('session.js', dist), 'utf8');
    expect(source).not.toMatch(/\bZodError\b|\bzod\b/);
  });
});
