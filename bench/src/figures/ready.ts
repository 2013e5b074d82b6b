import type { Engine } from '../../../e2e/support/browser/page.ts';
import { openCheckout } from '../browser.ts';
import { ratio, summarize, type Summary } from '../stats.ts';

export interface ReadyFigure {
  loads: number;
  sdk: Summary;
  baseline: Summary;
  ratio: { median: number; p95: number };
}

/**
 * `configure` → `initialized {status:'ok'}` against the same page inserting six empty gateway-origin iframes
 * (five fields and the hub). The two alternate, so a slow moment of the shared machine hits both alike.
 */
export async function measureReady(engine: Engine, loads: number): Promise<ReadyFigure> {
  const page = await engine.newPage();
  try {
    // One untimed load of each fills the HTTP cache and starts the frame process, as for a returning payer.
    await openCheckout(page, 'sdk');
    await openCheckout(page, 'iframes');
    const sdk: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < loads; i++) {
      sdk.push(await openCheckout(page, 'sdk'));
      baseline.push(await openCheckout(page, 'iframes'));
    }
    const figure = { sdk: summarize(sdk), baseline: summarize(baseline) };
    return {
      loads,
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
