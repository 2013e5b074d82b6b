// The browser page over Playwright, for Debian's Chromium (the engine Playwright drives here).
import type { Browser, Frame, Page } from '@playwright/test';
import type { BrowserFrame, BrowserPage, ConsoleMessage, Engine, InPage, SentRequest } from './page.ts';

class PlaywrightFrame implements BrowserFrame {
  constructor(private readonly frame: Frame) {}

  async url(): Promise<string> {
    return this.frame.url();
  }

  evaluate<R, A>(fn: InPage<A, R>, arg?: A): Promise<R> {
    return this.frame.evaluate(fn as (arg: unknown) => R, arg);
  }

  type(selector: string, text: string): Promise<void> {
    return this.frame.locator(selector).first().pressSequentially(text);
  }

  press(selector: string, key: string): Promise<void> {
    return this.frame.locator(selector).first().press(key);
  }

  async select(selector: string, value: string): Promise<void> {
    await this.frame.locator(selector).first().selectOption(value);
  }

  async clear(selector: string): Promise<void> {
    const element = this.frame.locator(selector).first();
    await element.selectText();
    await element.press('Backspace');
  }

  hover(selector: string): Promise<void> {
    return this.frame.locator(selector).first().hover();
  }

  click(selector: string): Promise<void> {
    return this.frame.locator(selector).first().click();
  }

  value(selector: string): Promise<string> {
    return this.frame.locator(selector).first().inputValue();
  }
}

export class PlaywrightPage implements BrowserPage {
  readonly engine = 'chromium';
  readonly automation = 'Playwright';
  readonly cannot = {};
  private readonly messages: ConsoleMessage[] = [];
  private readonly sent: SentRequest[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => this.messages.push({ type: message.type(), text: message.text() }));
    page.on('request', (request) =>
      this.sent.push({
        method: request.method(),
        url: request.url(),
        postData: request.postData() ?? '',
        fromTop: request.frame() === page.mainFrame(),
      }),
    );
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async url(): Promise<string> {
    return this.page.url();
  }

  evaluate<R, A>(fn: InPage<A, R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R, arg);
  }

  async addInitScript(fn: () => void): Promise<void> {
    await this.page.addInitScript(fn);
  }

  async frame(selector: string): Promise<BrowserFrame> {
    const frame = await (await this.page.locator(selector).elementHandle())?.contentFrame();
    if (!frame) throw new Error(`no frame in ${selector}`);
    return new PlaywrightFrame(frame);
  }

  click(selector: string): Promise<void> {
    return this.page.click(selector);
  }

  type(text: string): Promise<void> {
    return this.page.keyboard.type(text);
  }

  press(key: string): Promise<void> {
    return this.page.keyboard.press(key);
  }

  console(): ConsoleMessage[] {
    return [...this.messages];
  }

  async requests(): Promise<SentRequest[]> {
    return [...this.sent];
  }

  screenshot(): Promise<Buffer> {
    return this.page.screenshot({ fullPage: true });
  }

  close(): Promise<void> {
    return this.page.context().close();
  }
}

/** A Chromium that Playwright launched; each page gets a context of its own. */
export function playwrightEngine(browser: Browser): Engine {
  return {
    name: 'chromium',
    version: browser.version(),
    async newPage() {
      const context = await browser.newContext();
      return new PlaywrightPage(await context.newPage());
    },
    close: () => browser.close(),
  };
}
