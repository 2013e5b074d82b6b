import { launchEngine, missingPackages } from '../../e2e/support/browser/engines.ts';
import type { BrowserFrame, BrowserPage, Engine, EngineName } from '../../e2e/support/browser/page.ts';
import { fieldFrame } from '../../e2e/support/checkout-page.ts';
import playwrightConfig from '../../playwright.config.ts';
import { MERCHANT_URL } from './config.ts';

/**
 * The engines the browser figures are measured in: Chromium with the browser tests' executable and flags, and
 * Firefox ESR as the tests drive it (site isolation on). Firefox rounds `performance.now()` to a millisecond
 * by default, too coarse for a figure of about one: the benchmark turns that rounding off.
 */
export function launchBrowser(engine: EngineName): Promise<Engine> {
  return launchEngine(engine, {
    chromium: playwrightConfig.use?.launchOptions,
    firefoxPrefs: { 'privacy.reduceTimerPrecision': false },
  });
}

/** Why an engine cannot be measured on this machine, or undefined if it can. */
export function unavailable(engine: EngineName): string | undefined {
  const missing = missingPackages(engine, playwrightConfig.use?.launchOptions?.executablePath);
  return missing.length > 0 ? `not installed: ${missing.join(', ')}` : undefined;
}

export type PageMode = 'sdk' | 'iframes';

/** Polls the page until `fn` holds; the figures are timed inside the page, so polling costs them nothing. */
export async function waitInPage<A>(page: BrowserPage, fn: (arg: A) => boolean, arg: A): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await page.evaluate(fn, arg))) {
    if (Date.now() > deadline) throw new Error('the benchmark page did not get there in 15 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Opens the benchmark page and waits for its ready mark; returns milliseconds from start to ready. */
export async function openCheckout(page: BrowserPage, mode: PageMode): Promise<number> {
  await page.goto(`${MERCHANT_URL}/pages/checkout.html?mode=${mode}`);
  await waitInPage(page, () => (window as unknown as BenchWindow).bench.readyMs !== null, undefined);
  const { readyMs, status } = await page.evaluate(() => (window as unknown as BenchWindow).bench);
  if (status !== 'ok') throw new Error(`the ${mode} page did not become ready: ${status}`);
  return readyMs!;
}

/** The hosted frame that replaced a placeholder. */
export function frameBefore(page: BrowserPage, selector: string): Promise<BrowserFrame> {
  return page.frame(fieldFrame(selector));
}

/** The scope's hidden hub frame. */
export function hubFrame(page: BrowserPage): Promise<BrowserFrame> {
  return page.frame('iframe[aria-hidden="true"]');
}

/** What bench/pages/checkout.html records. */
export interface BenchWindow {
  bench: {
    readyMs: number | null;
    status: string | null;
    validityAt: number[];
    pings: Array<{ at: number; sentAt: number }>;
  };
  benchUpdate(): Promise<{ ms: number; status: string }>;
}
