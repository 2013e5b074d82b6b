// The browser page over puppeteer-core and WebDriver BiDi, for Debian's Firefox ESR. Keys and clicks are
// BiDi input actions, which the browser dispatches as real, trusted events.
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from 'puppeteer-core';
import {
  chord,
  type BrowserFrame,
  type BrowserPage,
  type ConsoleMessage,
  type Engine,
  type InPage,
  type SentRequest,
} from './page.ts';

async function element(frame: Frame, selector: string): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await frame.waitForSelector(selector);
  if (!handle) throw new Error(`no ${selector} in ${frame.url()}`);
  return handle as ElementHandle<HTMLInputElement>;
}

class PuppeteerFrame implements BrowserFrame {
  constructor(private readonly frame: Frame) {}

  async url(): Promise<string> {
    return this.frame.url();
  }

  evaluate<R, A>(fn: InPage<A, R>, arg?: A): Promise<R> {
    return this.frame.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>;
  }

  async type(selector: string, text: string): Promise<void> {
    await (await element(this.frame, selector)).type(text);
  }

  async press(selector: string, key: string): Promise<void> {
    await (await element(this.frame, selector)).press(key as never);
  }

  async select(selector: string, value: string): Promise<void> {
    const picked = await (await element(this.frame, selector)).select(value);
    if (!picked.includes(value)) throw new Error(`no option ${value} in ${selector}`);
  }

  async clear(selector: string): Promise<void> {
    const input = await element(this.frame, selector);
    await input.focus();
    await input.evaluate((node) => node.select());
    await input.press('Backspace');
  }

  async focus(selector: string): Promise<void> {
    await (await element(this.frame, selector)).focus();
  }

  async hover(selector: string): Promise<void> {
    await (await element(this.frame, selector)).hover();
  }

  async value(selector: string): Promise<string> {
    return (await element(this.frame, selector)).evaluate((node) => node.value);
  }
}

export class PuppeteerPage implements BrowserPage {
  readonly engine = 'firefox';
  readonly cannot = {};
  private readonly messages: ConsoleMessage[] = [];
  private readonly sent: Array<Promise<SentRequest>> = [];

  constructor(private readonly page: Page) {
    page.on('console', (message) => {
      const type = message.type();
      this.messages.push({ type: type === 'warn' ? 'warning' : type, text: message.text() });
    });
    page.on('request', (request) => {
      const fromTop = request.frame() === page.mainFrame();
      // BiDi hands the body over on request only; read it as the request is seen.
      const body = request.hasPostData() ? request.fetchPostData().catch(() => undefined) : undefined;
      this.sent.push(
        Promise.resolve(body).then((postData) => ({
          method: request.method(),
          url: request.url(),
          postData: postData ?? '',
          fromTop,
        })),
      );
    });
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
  }

  evaluate<R, A>(fn: InPage<A, R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>;
  }

  async addInitScript(fn: () => void): Promise<void> {
    await this.page.evaluateOnNewDocument(fn);
  }

  async frame(selector: string): Promise<BrowserFrame> {
    const frame = await (await element(this.page.mainFrame(), selector)).contentFrame();
    if (!frame) throw new Error(`no frame in ${selector}`);
    return new PuppeteerFrame(frame);
  }

  async click(selector: string): Promise<void> {
    await (await element(this.page.mainFrame(), selector)).click();
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    const { modifiers, key: last } = chord(key);
    for (const modifier of modifiers) await this.page.keyboard.down(modifier as never);
    await this.page.keyboard.press(last as never);
    for (const modifier of modifiers.reverse()) await this.page.keyboard.up(modifier as never);
  }

  console(): ConsoleMessage[] {
    return [...this.messages];
  }

  requests(): Promise<SentRequest[]> {
    return Promise.all(this.sent);
  }

  async close(): Promise<void> {
    await this.page.browserContext().close();
  }
}

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Debian's Firefox ESR, headless. `prefs` lets the benchmark read timers at full precision; tests take the
 * browser's defaults.
 */
export async function launchFirefox(prefs: Record<string, unknown> = {}): Promise<Engine> {
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: prefs,
  });
  return {
    name: 'firefox',
    version: await browser.version(),
    async newPage() {
      const context = await browser.createBrowserContext();
      return new PuppeteerPage(await context.newPage());
    },
    close: () => browser.close(),
  };
}
