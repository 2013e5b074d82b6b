// The test function of the core suites, which run in every engine: a test takes `browserPage` (see
// browser/page.ts) instead of Playwright's `page`, and the project (playwright.config.ts) picks the engine.
import { test as base } from '@playwright/test';
import { launchEngine, missingPackages } from './browser/engines.ts';
import type { BrowserPage, Capability, Engine, EngineName } from './browser/page.ts';

export { expect } from '@playwright/test';
export type { BrowserFrame, BrowserPage } from './browser/page.ts';

export interface EngineOptions {
  engine: EngineName;
}

export const test = base.extend<
  { browserPage: BrowserPage },
  EngineOptions & { browserEngine: Engine | string }
>({
  engine: ['chromium', { option: true, scope: 'worker' }],
  // One browser per worker; a string instead says why this machine has none (local runs only: under CI a
  // missing browser fails the run, as `npm test` installs every engine).
  browserEngine: [
    async ({ engine, launchOptions }, use) => {
      const missing = missingPackages(engine, launchOptions.executablePath);
      if (missing.length > 0 && !process.env.CI) {
        const option = engine === 'chromium' ? 'browser' : engine;
        await use(
          `${engine} is not installed here: bash scripts/setup.sh --${option} installs ${missing.join(', ')}`,
        );
        return;
      }
      const launched = await launchEngine(engine, { chromium: launchOptions });
      try {
        await use(launched);
      } finally {
        await launched.close();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  browserPage: async ({ browserEngine }, use, testInfo) => {
    testInfo.skip(typeof browserEngine === 'string', browserEngine as string);
    const page = await (browserEngine as Engine).newPage();
    try {
      await use(page);
    } finally {
      await page.close();
    }
  },
});

/**
 * Runs the tests of the enclosing `test.describe` in Chromium only, saying in one line why the other engines
 * cannot: for tests built on a Playwright tool the browser page interface does not carry.
 */
export function chromiumOnly(reason: string): void {
  test.skip(({ engine }) => engine !== 'chromium', `Chromium only: ${reason}`);
}

/** Skips the test, with the one-line reason, in an engine whose automation lacks one of `capabilities`. */
export function needs(page: BrowserPage, ...capabilities: Capability[]): void {
  const lacking = capabilities.map((capability) => page.cannot[capability]).filter(Boolean);
  test.skip(lacking.length > 0, `${page.engine}: ${page.automation} cannot ${lacking.join(', ')}`);
}
