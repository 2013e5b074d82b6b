// The browser page over puppeteer-core and WebDriver BiDi, for Debian's Firefox ESR. Keys and pointer moves
// are BiDi input actions, which the browser dispatches as real, trusted events. They are sent to the browsing
// context of the document that holds the focus: with site isolation, a frame of another site lives in another
// process, and Firefox delivers actions only in the process of the context they name.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Browser as Product,
  createProfile,
  launch,
  WEBDRIVER_BIDI_WEBSOCKET_ENDPOINT_REGEX,
} from '@puppeteer/browsers';
import puppeteer, { type ElementHandle, type Frame, type Page } from 'puppeteer-core';
import {
  chordActions,
  textActions,
  type BrowserFrame,
  type BrowserPage,
  type ConsoleMessage,
  type Engine,
  type InPage,
  type SentRequest,
  sleep,
} from './page.ts';

async function element(frame: Frame, selector: string): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await frame.waitForSelector(selector);
  if (!handle) throw new Error(`no ${selector} in ${frame.url()}`);
  return handle as ElementHandle<HTMLInputElement>;
}

/** What puppeteer's BiDi frame exposes of its browsing context (puppeteer's own input uses the top one). */
interface BidiContext {
  browsingContext: {
    navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<void>;
    performActions(actions: unknown[]): Promise<void>;
    releaseActions(): Promise<void>;
  };
}

/** Key or pointer actions, dispatched in `frame`'s own browsing context. */
async function perform(frame: Frame, actions: unknown[]): Promise<void> {
  const { browsingContext } = frame as unknown as BidiContext;
  await browsingContext.performActions(actions);
  await browsingContext.releaseActions();
}

function keys(frame: Frame, actions: unknown[]): Promise<void> {
  return perform(frame, [{ type: 'key', id: 'keyboard', actions }]);
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
    await this.focus(selector);
    await keys(this.frame, textActions(text));
  }

  async press(selector: string, key: string): Promise<void> {
    await this.focus(selector);
    await keys(this.frame, chordActions(key));
  }

  async select(selector: string, value: string): Promise<void> {
    const picked = await (await element(this.frame, selector)).select(value);
    if (!picked.includes(value)) throw new Error(`no option ${value} in ${selector}`);
  }

  async clear(selector: string): Promise<void> {
    const input = await element(this.frame, selector);
    await input.evaluate((node) => (node.focus(), node.select()));
    await keys(this.frame, chordActions('Backspace'));
  }

  private async focus(selector: string): Promise<void> {
    await (await element(this.frame, selector)).focus();
  }

  hover(selector: string): Promise<void> {
    return this.pointer(selector, []);
  }

  click(selector: string): Promise<void> {
    return this.pointer(selector, [
      { type: 'pointerDown', button: 0 },
      { type: 'pointerUp', button: 0 },
    ]);
  }

  /** Moves the pointer to the middle of the element, in the frame's own browsing context, then `then`. */
  private async pointer(selector: string, then: unknown[]): Promise<void> {
    const { x, y } = await (
      await element(this.frame, selector)
    ).evaluate((node) => {
      const box = node.getBoundingClientRect();
      return { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
    });
    await perform(this.frame, [
      {
        type: 'pointer',
        id: 'mouse',
        parameters: { pointerType: 'mouse' },
        actions: [{ type: 'pointerMove', x, y }, ...then],
      },
    ]);
  }

  async value(selector: string): Promise<string> {
    return (await element(this.frame, selector)).evaluate((node) => node.value);
  }
}

export class PuppeteerPage implements BrowserPage {
  readonly engine = 'firefox';
  readonly automation = 'puppeteer-core over WebDriver BiDi';
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

  /**
   * Starts the navigation and waits for the load of a new document. puppeteer's `goto` also waits to hear
   * that every frame of the old document went away, and with site isolation it sometimes never does; and
   * BiDi's own wait reports a frame the browser refused (frame-ancestors) as the page's failure. The new
   * document may be another address than `url`: a page that sends the payer on by itself (3-D Secure's
   * interceptor) may be gone before it could be seen.
   */
  async goto(url: string): Promise<void> {
    // Marks the document being left, which may have the same URL.
    await this.page.evaluate(() => void ((window as any).__left = true)).catch(() => undefined);
    await (this.page.mainFrame() as unknown as BidiContext).browsingContext.navigate(url, 'none');
    const deadline = Date.now() + 30_000;
    for (;;) {
      const loaded = await this.page
        .evaluate(() => !(window as any).__left && document.readyState === 'complete')
        .catch(() => false);
      if (loaded) return;
      if (Date.now() > deadline) throw new Error(`${url} did not load in 30 s`);
      await sleep(20);
    }
  }

  async url(): Promise<string> {
    return this.page.url();
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

  /** Where the keyboard types: down from the top document, through each focused iframe, to the last. */
  private async focusedFrame(): Promise<Frame> {
    let frame = this.page.mainFrame();
    for (;;) {
      const active = await frame.evaluateHandle(() => document.activeElement);
      const child = await active.asElement()?.contentFrame();
      if (!child) return frame;
      frame = child;
    }
  }

  async type(text: string): Promise<void> {
    await keys(await this.focusedFrame(), textActions(text));
  }

  async press(key: string): Promise<void> {
    await keys(await this.focusedFrame(), chordActions(key));
  }

  console(): ConsoleMessage[] {
    return [...this.messages];
  }

  requests(): Promise<SentRequest[]> {
    return Promise.all(this.sent);
  }

  async screenshot(): Promise<Buffer> {
    return Buffer.from(await this.page.screenshot({ fullPage: true }));
  }

  async close(): Promise<void> {
    await this.page.browserContext().close();
  }
}

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Debian's Firefox ESR, headless, with Fission's site isolation as payers run it: each site's documents in
 * processes of their own. (puppeteer's own launcher would put all web content into one process.) `prefs` lets
 * the benchmark read timers at full precision; tests take the browser's defaults.
 */
export async function launchFirefox(prefs: Record<string, unknown> = {}): Promise<Engine> {
  const profile = await mkdtemp(join(tmpdir(), 'hosted-session-firefox-'));
  // The automation defaults puppeteer would set (no first-run pages, updates or telemetry), and ours.
  await createProfile(Product.FIREFOX, { path: profile, preferences: prefs });
  const firefox = launch({
    executablePath: FIREFOX_PATH,
    args: ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0'],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const stop = async () => {
    await firefox.close();
    await rm(profile, { recursive: true, force: true });
  };
  try {
    const endpoint = await firefox.waitForLineOutput(WEBDRIVER_BIDI_WEBSOCKET_ENDPOINT_REGEX, 60_000);
    const browser = await puppeteer.connect({
      browserWSEndpoint: `${endpoint}/session`,
      protocol: 'webDriverBiDi',
    });
    return {
      name: 'firefox',
      version: await browser.version(),
      async newPage() {
        const context = await browser.createBrowserContext();
        return new PuppeteerPage(await context.newPage());
      },
      async close() {
        await browser.close().catch(() => undefined);
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
