import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import {
  GATEWAY_LOG,
  GATEWAY_PORT,
  GATEWAY_URL,
  MERCHANT_PORT,
  MERCHANT_URL,
  METHOD_TIMEOUT_MS,
} from './e2e/support/ports.ts';
import { DEMO_PORT, DEMO_URL, SPA_DEV_DIST, SPA_PORT, SPA_URL } from './e2e/support/demo-ports.ts';
import type { EngineOptions } from './e2e/support/engine-test.ts';

const GATEWAY_DATA_DIR = new URL('./.test-output/gateway-data', import.meta.url).pathname;
// Every test pays from 127.0.0.1, far more often than one payer would: the shops' own limits are raised.
const SHOP_LIMITS_FOR_TESTS = { SHOP_CHECKOUTS_PER_ADDRESS: '1000', SHOP_PAYMENTS_PER_ADDRESS: '1000' };

// Debian's Chromium; Playwright never downloads a browser here.
const executablePath =
  process.env.CHROMIUM_PATH ??
  ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((path) => existsSync(path));

/**
 * The suites written once against e2e/support/browser/page.ts, which run in every engine; every other spec
 * uses Playwright's own page and runs in Chromium only.
 */
const CORE_SUITES = [
  'hosted-fields.spec.ts',
  'payments.spec.ts',
  'security.spec.ts',
  'hostile-page.spec.ts',
  'demo-threeds.spec.ts',
  'threeds.spec.ts',
  'session-token.spec.ts',
  'threeds1-mastercard.spec.ts',
];

export default defineConfig<EngineOptions>({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  projects: [
    { name: 'chromium', use: { engine: 'chromium' } },
    // Firefox ESR through puppeteer-core and WebDriver BiDi; WebKitGTK through WebKitWebDriver. Their
    // protocols take a round trip or more per key, so their tests get more time.
    { name: 'firefox', testMatch: CORE_SUITES, timeout: 60_000, use: { engine: 'firefox' } },
    { name: 'webkit', testMatch: CORE_SUITES, timeout: 60_000, use: { engine: 'webkit' } },
  ],
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
  },
  // The real gateway (embedded default, its own data folder) and a minimal merchant on another site.
  webServer: [
    {
      // Its log goes to a file so the tests can prove no card data ever reached it. Each run starts from an
      // empty database, so what an earlier run counted (declines of the same test cards) never carries over.
      command: `rm -rf ${GATEWAY_DATA_DIR} && mkdir -p $(dirname ${GATEWAY_LOG}) && pnpm -s --filter @hosted-session/gateway start > ${GATEWAY_LOG} 2>&1`,
      url: `${GATEWAY_URL}/healthz`,
      env: {
        PORT: String(GATEWAY_PORT),
        DATA_DIR: GATEWAY_DATA_DIR,
        THREEDS_METHOD_TIMEOUT_MS: String(METHOD_TIMEOUT_MS),
        // Every engine's run declines the same public test cards against this one gateway; the per-card limit
        // itself is proven by apps/gateway/test/card-testing.test.ts.
        RATE_LIMIT_DECLINES_PER_CARD: '1000/1h',
      },
      reuseExistingServer: false,
    },
    {
      command: 'pnpm exec tsx e2e/support/merchant-server.ts',
      url: `${MERCHANT_URL}/healthz`,
      env: { E2E_MERCHANT_PORT: String(MERCHANT_PORT), E2E_GATEWAY_PORT: String(GATEWAY_PORT) },
      reuseExistingServer: false,
    },
    // The demo checkouts, as `npm start` runs them, against the test gateway.
    {
      command: 'pnpm -s --filter @hosted-session/demo-checkout start',
      url: `${DEMO_URL}/healthz`,
      env: { DEMO_PORT: String(DEMO_PORT), GATEWAY_URL, ...SHOP_LIMITS_FOR_TESTS },
      reuseExistingServer: false,
    },
    {
      // A development build of the SPA, so React's StrictMode really mounts everything twice.
      command: `pnpm -s --filter @hosted-session/spa-checkout exec vite build --mode development --outDir ${SPA_DEV_DIST} --emptyOutDir --logLevel warn && pnpm -s --filter @hosted-session/spa-checkout start`,
      url: `${SPA_URL}/healthz`,
      env: {
        NODE_ENV: 'development',
        DEMO_SPA_PORT: String(SPA_PORT),
        GATEWAY_URL,
        SPA_DIST: SPA_DEV_DIST,
        ...SHOP_LIMITS_FOR_TESTS,
      },
      reuseExistingServer: false,
    },
  ],
});
