// The browser page over classic WebDriver (W3C WebDriver over HTTP), for WebKitGTK's WebKitWebDriver. Keys
// and clicks are WebDriver actions, which WebKit dispatches as real, trusted events. Classic WebDriver has
// no event stream, so this page cannot hear the console or the network, nor run a script before a document's
// own: the tests that need those say so and do not run in this engine.
import {
  chordActions,
  textActions,
  type BrowserFrame,
  type BrowserPage,
  type Capability,
  type InPage,
} from './page.ts';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
type ElementRef = { [ELEMENT]: string };

const AUTOMATION = 'WebKitWebDriver speaks classic WebDriver only (no BiDi), so it';
export const WEBDRIVER_CANNOT: Record<Capability, string> = {
  console: 'read the browser console',
  initScript: "run a script before a document's own",
  requests: 'see the requests a page sends',
};

function cannot(capability: Capability): Error {
  return new Error(`${AUTOMATION} cannot ${WEBDRIVER_CANNOT[capability]}`);
}

export class WebDriverSession {
  constructor(
    private readonly base: string,
    readonly id: string,
    readonly browserVersion: string,
  ) {}

  static async create(base: string): Promise<WebDriverSession> {
    const { sessionId, capabilities } = await call<{
      sessionId: string;
      capabilities: { browserName: string; browserVersion: string };
    }>(base, 'POST', '/session', { capabilities: { alwaysMatch: {} } });
    const session = new WebDriverSession(
      base,
      sessionId,
      `${capabilities.browserName} ${capabilities.browserVersion}`,
    );
    // Elements appear as frames load: finding one waits for it, as Playwright's and puppeteer's locators do.
    await session.command('POST', '/timeouts', { implicit: 10_000, script: 30_000 });
    return session;
  }

  command<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    return call<T>(this.base, method, `/session/${this.id}${path}`, body);
  }

  async find(selector: string, within?: ElementRef): Promise<ElementRef> {
    const path = within ? `/element/${within[ELEMENT]}/element` : '/element';
    return this.command<ElementRef>('POST', path, { using: 'css selector', value: selector });
  }

  /**
   * Runs `fn(arg)` in the current browsing context; `arg` may be an element reference, which arrives as the
   * element. `undefined` survives the JSON round trip.
   */
  async run<R>(fn: InPage<never, R>, arg?: unknown): Promise<R> {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${String(fn)})(arguments[0])).then(
        (value) => done({ value, undefined: value === undefined }),
        (error) => done({ error: String((error && error.stack) || error) }));`;
    const result = await this.command<{ value: R; undefined: boolean; error?: string }>(
      'POST',
      '/execute/async',
      { script, args: arg === undefined ? [] : [arg] },
    );
    if (result.error !== undefined) throw new Error(result.error);
    return result.undefined ? (undefined as R) : result.value;
  }

  keys(actions: unknown[]): Promise<void> {
    return this.actions([{ type: 'key', id: 'keyboard', actions }]);
  }

  async actions(actions: unknown[]): Promise<void> {
    await this.command('POST', '/actions', { actions });
    await this.command('DELETE', '/actions');
  }
}

async function call<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const { value } = (await response.json()) as { value: any };
  if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
  return value as T;
}

class WebDriverFrame implements BrowserFrame {
  constructor(
    private readonly session: WebDriverSession,
    private readonly iframe: string,
  ) {}

  /** Classic WebDriver acts in one browsing context at a time: each call goes into the frame anew. */
  private async enter(): Promise<void> {
    await this.session.command('POST', '/frame', { id: null });
    await this.session.command('POST', '/frame', { id: await this.session.find(this.iframe) });
  }

  private async element(selector: string): Promise<ElementRef> {
    await this.enter();
    return this.session.find(selector);
  }

  async url(): Promise<string> {
    await this.enter();
    return this.session.run(() => location.href);
  }

  async evaluate<R, A>(fn: InPage<A, R>, arg?: A): Promise<R> {
    await this.enter();
    return this.session.run(fn, arg);
  }

  async type(selector: string, text: string): Promise<void> {
    const element = await this.element(selector);
    // A click, as a payer's: WebKit lets a script in another site's frame move the focus only once the
    // payer has used that frame. Not on a field that has the focus already, where it would move the caret.
    const active = await this.session.run((input: Element) => input === document.activeElement, element);
    if (!active) await this.session.command('POST', `/element/${element[ELEMENT]}/click`, {});
    await this.session.keys(textActions(text));
  }

  async press(selector: string, key: string): Promise<void> {
    await this.focus(selector);
    await this.session.keys(chordActions(key));
  }

  async select(selector: string, value: string): Promise<void> {
    const option = await this.session.find(`option[value="${value}"]`, await this.element(selector));
    await this.session.command('POST', `/element/${option[ELEMENT]}/click`, {});
  }

  async clear(selector: string): Promise<void> {
    const element = await this.element(selector);
    await this.session.run((input: HTMLInputElement) => (input.focus(), input.select()), element);
    await this.session.keys(chordActions('Backspace'));
  }

  private async focus(selector: string): Promise<void> {
    const element = await this.element(selector);
    await this.session.run((input: HTMLElement) => input.focus(), element);
  }

  async hover(selector: string): Promise<void> {
    const element = await this.element(selector);
    await this.session.actions([
      {
        type: 'pointer',
        id: 'mouse',
        parameters: { pointerType: 'mouse' },
        actions: [{ type: 'pointerMove', origin: element, x: 0, y: 0 }],
      },
    ]);
  }

  async click(selector: string): Promise<void> {
    const element = await this.element(selector);
    await this.session.command('POST', `/element/${element[ELEMENT]}/click`, {});
  }

  async value(selector: string): Promise<string> {
    const element = await this.element(selector);
    return this.session.run((input: HTMLInputElement) => input.value, element);
  }
}

export class WebDriverPage implements BrowserPage {
  readonly engine = 'webkit';
  readonly automation = AUTOMATION;
  readonly cannot = WEBDRIVER_CANNOT;

  constructor(private readonly session: WebDriverSession) {}

  private async top(): Promise<void> {
    await this.session.command('POST', '/frame', { id: null });
  }

  async goto(url: string): Promise<void> {
    await this.session.command('POST', '/url', { url });
  }

  url(): Promise<string> {
    return this.session.command<string>('GET', '/url');
  }

  async evaluate<R, A>(fn: InPage<A, R>, arg?: A): Promise<R> {
    await this.top();
    return this.session.run(fn, arg);
  }

  async addInitScript(): Promise<void> {
    throw cannot('initScript');
  }

  async frame(selector: string): Promise<BrowserFrame> {
    await this.top();
    await this.session.find(selector);
    return new WebDriverFrame(this.session, selector);
  }

  async click(selector: string): Promise<void> {
    await this.top();
    const element = await this.session.find(selector);
    await this.session.command('POST', `/element/${element[ELEMENT]}/click`, {});
  }

  async type(text: string): Promise<void> {
    await this.session.keys(textActions(text));
  }

  async press(key: string): Promise<void> {
    await this.session.keys(chordActions(key));
  }

  console(): never {
    throw cannot('console');
  }

  requests(): never {
    throw cannot('requests');
  }

  /** The viewport only: classic WebDriver has no full-page screenshot. */
  async screenshot(): Promise<Buffer> {
    await this.top();
    return Buffer.from(await this.session.command<string>('GET', '/screenshot'), 'base64');
  }

  async close(): Promise<void> {
    await this.session.command('DELETE', '');
  }
}
