import type { BrowserFrame, BrowserPage, Engine } from '../../../e2e/support/browser/page.ts';
import { CheckoutPage } from '../../../e2e/support/checkout-page.ts';
import { hubFrame, openCheckout, type BenchWindow } from '../browser.ts';
import { ratio, summarize, type Summary } from '../stats.ts';

export interface UpdateFigure {
  updates: number;
  sdk: Summary;
  baseline: Summary;
  ratio: { median: number; p95: number };
}

// A public test card; the page sessions allow 25 browser calls, so a fresh page (and session) every 20.
const TEST_CARD = {
  number: '5123450000000008',
  month: '01',
  year: '39',
  securityCode: '100',
  nameOnCard: 'A Payer',
};
const UPDATES_PER_SESSION = 20;

/**
 * `updateSessionFromForm('card')` → `formSessionUpdate`, timed in the page, against one `fetch` of the
 * gateway's `/healthz` from inside the hub frame: the single round trip the real update cannot avoid.
 */
export async function measureUpdate(engine: Engine, updates: number): Promise<UpdateFigure> {
  const page = await engine.newPage();
  const sdk: number[] = [];
  const baseline: number[] = [];
  try {
    while (sdk.length < updates) {
      await openCheckout(page, 'sdk');
      await new CheckoutPage(page).fill(TEST_CARD);
      const hub = await hubFrame(page);
      // Untimed: the first update and fetch of a page open the connection and warm both code paths.
      await update(page);
      await fetchFromHub(hub);
      for (let i = 0; i < UPDATES_PER_SESSION && sdk.length < updates; i++) {
        sdk.push(await update(page));
        baseline.push(await fetchFromHub(hub));
      }
    }
    const figure = { sdk: summarize(sdk), baseline: summarize(baseline) };
    return {
      updates,
      ...figure,
      ratio: {
        median: ratio(figure.sdk.median, figure.baseline.median),
        p95: ratio(figure.sdk.p95, figure.baseline.p95),
      },
    };
  } finally {
    await page.close();
  }
}

async function update(page: BrowserPage): Promise<number> {
  const { ms, status } = await page.evaluate(() => (window as unknown as BenchWindow).benchUpdate());
  if (status !== 'ok') throw new Error(`updateSessionFromForm answered ${status}`);
  return ms;
}

function fetchFromHub(hub: BrowserFrame): Promise<number> {
  return hub.evaluate(async () => {
    const start = performance.now();
    const response = await fetch('/healthz', { cache: 'no-store' });
    await response.text();
    return performance.now() - start;
  });
}
