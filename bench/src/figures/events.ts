import type { BrowserFrame, BrowserPage, Engine } from '../../../e2e/support/browser/page.ts';
import { frameBefore, openCheckout, waitInPage, type BenchWindow } from '../browser.ts';
import { MERCHANT_URL } from '../config.ts';
import { round, summarize, type Summary } from '../stats.ts';

export interface EventFigure {
  keys: number;
  sdk: Summary;
  baseline: Summary;
  /** The SDK's cost over the bare message: a difference, since a ratio of two ~1 ms times says little. */
  difference: { median: number; p95: number };
}

/** The last digit of a public test card makes the number valid; Backspace makes it incomplete again. */
const NUMBER_BUT_LAST = '512345000000000';
const LAST_DIGIT = '8';

/**
 * A key typed in the number frame → the page's `onValidityChange` handler, against a bare `postMessage` from
 * the same frame to the page sent at the same keydown. Both ends read `performance.timeOrigin +
 * performance.now()`, one clock across the page's and the frame's processes.
 */
export async function measureEvents(engine: Engine, keys: number): Promise<EventFigure> {
  const page = await engine.newPage();
  try {
    await openCheckout(page, 'sdk');
    const frame = await frameBefore(page, '#card-number');
    await frame.type('input', NUMBER_BUT_LAST);
    await watchKeys(frame, MERCHANT_URL);
    // Untimed: the first pass through each path compiles it.
    await keyToHandler(page, frame, LAST_DIGIT);
    await keyToHandler(page, frame, 'Backspace');
    await keyToBareMessage(page, frame);
    const sdk: number[] = [];
    const baseline: number[] = [];
    // Alternating keys leave the value as it was, so every pair measures the same transitions.
    for (let i = 0; i < keys / 2; i++) {
      sdk.push(await keyToHandler(page, frame, LAST_DIGIT));
      sdk.push(await keyToHandler(page, frame, 'Backspace'));
      baseline.push(await keyToBareMessage(page, frame));
      baseline.push(await keyToBareMessage(page, frame));
    }
    const figure = { sdk: summarize(sdk), baseline: summarize(baseline) };
    return {
      keys: sdk.length,
      ...figure,
      difference: {
        median: round(figure.sdk.median - figure.baseline.median),
        p95: round(figure.sdk.p95 - figure.baseline.p95),
      },
    };
  } finally {
    await page.close();
  }
}

interface FrameWindow {
  benchKeys: { at: number; bare: boolean };
}

/**
 * Runs in the gateway frame, before the field's own listeners (capture on the window). In bare mode it
 * swallows the key, so the field never sees it and only the bare message reaches the page.
 */
function watchKeys(frame: BrowserFrame, pageOrigin: string): Promise<void> {
  return frame.evaluate((origin) => {
    const state = { at: 0, bare: false };
    (window as unknown as FrameWindow).benchKeys = state;
    addEventListener(
      'keydown',
      (event) => {
        state.at = performance.timeOrigin + performance.now();
        if (!state.bare) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        parent.postMessage({ benchKey: state.at }, origin);
      },
      true,
    );
  }, pageOrigin);
}

function setBare(frame: BrowserFrame, bare: boolean): Promise<void> {
  return frame.evaluate((value) => {
    (window as unknown as FrameWindow).benchKeys.bare = value;
  }, bare);
}

async function keyToHandler(page: BrowserPage, frame: BrowserFrame, key: string): Promise<number> {
  await setBare(frame, false);
  const seen = await page.evaluate(() => (window as unknown as BenchWindow).bench.validityAt.length);
  await frame.press('input', key);
  await waitInPage(page, (n) => (window as unknown as BenchWindow).bench.validityAt.length > n, seen);
  const handledAt = await page.evaluate(() => (window as unknown as BenchWindow).bench.validityAt.at(-1)!);
  const typedAt = await frame.evaluate(() => (window as unknown as FrameWindow).benchKeys.at);
  return handledAt - typedAt;
}

async function keyToBareMessage(page: BrowserPage, frame: BrowserFrame): Promise<number> {
  await setBare(frame, true);
  const seen = await page.evaluate(() => (window as unknown as BenchWindow).bench.pings.length);
  await frame.press('input', LAST_DIGIT);
  await waitInPage(page, (n) => (window as unknown as BenchWindow).bench.pings.length > n, seen);
  const { at, sentAt } = await page.evaluate(() => (window as unknown as BenchWindow).bench.pings.at(-1)!);
  return at - sentAt;
}
