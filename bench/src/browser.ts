import { chromium, type Browser, type Frame, type Page } from '@playwright/test';
import playwrightConfig from '../../playwright.config.ts';
import { MERCHANT_URL } from './config.ts';

/** The browser tests' Chromium and flags, so the benchmark runs the browser the tests trust. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ ...playwrightConfig.use?.launchOptions, headless: true });
}

export type PageMode = 'sdk' | 'iframes';

/** Opens the benchmark page and waits for its ready mark; returns milliseconds from start to ready. */
export async function openCheckout(page: Page, mode: PageMode): Promise<number> {
  await page.goto(`${MERCHANT_URL}/pages/checkout.html?mode=${mode}`);
  await page.waitForFunction(() => (window as unknown as BenchWindow).bench.readyMs !== null, undefined, {
    timeout: 15_000,
  });
  const { readyMs, status } = await page.evaluate(() => (window as unknown as BenchWindow).bench);
  if (status !== 'ok') throw new Error(`the ${mode} page did not become ready: ${status}`);
  return readyMs!;
}

/** The hosted frame that replaced a placeholder (the SDK puts it right before it), as a Playwright frame. */
export async function frameBefore(page: Page, selector: string): Promise<Frame> {
  const frame = await (await page.locator(`iframe:has(+ ${selector})`).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`no frame before ${selector}`);
  return frame;
}

export async function hubFrame(page: Page): Promise<Frame> {
  const hub = page.frames().find((frame) => new URL(frame.url()).pathname.endsWith('/hub.html'));
  if (!hub) throw new Error('no hub frame');
  return hub;
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
