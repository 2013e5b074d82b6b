import { METHOD_COMPLETE_MESSAGE, THREEDS_CONFIG_ELEMENT_ID } from '@hosted-session/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runInterceptor } from '../src/threeds/interceptor.ts';
import { runRelay } from '../src/threeds/relay.ts';

function page(config: unknown, body = '') {
  document.head.replaceChildren();
  document.body.innerHTML = body;
  const block = document.createElement('script');
  block.type = 'application/json';
  block.id = THREEDS_CONFIG_ELEMENT_ID;
  block.textContent = JSON.stringify(config);
  document.head.append(block);
}

function framedBy(ancestors: string[]) {
  const parent = { postMessage: vi.fn() };
  vi.spyOn(window, 'parent', 'get').mockReturnValue(parent as unknown as Window);
  Object.defineProperty(window.location, 'ancestorOrigins', { value: ancestors, configurable: true });
  return parent;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the relay page', () => {
  it('tells the framing page at exactly the origin the gateway wrote', () => {
    const parent = framedBy(['https://shop.example']);
    const message = { type: 'hosted-session:3ds-complete', id: 'sid_x', status: 'approved' };
    page({ action: 'message', targetOrigin: 'https://shop.example', message });
    runRelay(window);
    expect(parent.postMessage).toHaveBeenCalledWith(message, 'https://shop.example');
  });

  it('submits the issuer’s form, and does nothing with a configuration it does not know', () => {
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => undefined);
    page({ action: 'submit' }, '<form method="post" action="/3ds/method-notification"></form>');
    runRelay(window);
    expect(submit).toHaveBeenCalledTimes(1);
    const parent = framedBy(['https://shop.example']);
    page({ action: 'message', targetOrigin: 'https://shop.example' });
    runRelay(window);
    page({ action: 'post-everything', targetOrigin: '*' });
    runRelay(window);
    expect(parent.postMessage).not.toHaveBeenCalled();
  });

  it('never navigates to anything but http(s)', () => {
    const replace = vi.spyOn(window.location, 'replace').mockImplementation(() => undefined);
    page({ action: 'redirect', url: 'javascript:alert(document.cookie)' });
    runRelay(window);
    expect(replace).not.toHaveBeenCalled();
    page({ action: 'redirect', url: 'https://shop.example/ok?cko-session-id=sid_x' });
    runRelay(window);
    expect(replace).toHaveBeenCalledWith('https://shop.example/ok?cko-session-id=sid_x');
  });
});

describe('the interceptor', () => {
  const CONFIG = {
    startUrl: '/3ds/interceptor/sid_x/start',
    continueUrl: '/3ds/interceptor/sid_x/continue',
    acceptHeader: 'text/html',
    allowedOrigins: ['https://shop.example'],
  };
  const STATUS = '<p id="status" role="status"></p>';

  function gateway(steps: unknown[]) {
    const calls: { url: string; body: { parentOrigin?: string; browser?: object } }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, body: JSON.parse(String(init.body)) });
        return new Response(JSON.stringify(steps.shift()), { status: 200 });
      }),
    );
    return calls;
  }

  it('sends the framing page’s origin only if the merchant registered it', async () => {
    vi.spyOn(window.location, 'replace').mockImplementation(() => undefined);
    for (const [ancestor, sent] of [
      ['https://shop.example', 'https://shop.example'],
      ['https://shop.example.evil.test', undefined],
    ] as const) {
      framedBy([ancestor]);
      page(CONFIG, STATUS);
      const calls = gateway([{ kind: 'complete', url: '/3ds/interceptor/sid_x/complete' }]);
      await runInterceptor(window);
      expect(calls[0]!.body.parentOrigin).toBe(sent);
      expect(calls[0]!.body.browser).toMatchObject({ acceptHeader: 'text/html', javaEnabled: false });
    }
  });

  it('waits for the method frame’s own message, not one forged by another window', async () => {
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => undefined);
    vi.spyOn(window.location, 'replace').mockImplementation(() => undefined);
    page(CONFIG, STATUS);
    const calls = gateway([
      { kind: 'method', url: '/3ds/acs/method', threeDSMethodData: 'abc', waitMs: 60_000 },
      { kind: 'complete', url: '/3ds/interceptor/sid_x/complete' },
    ]);
    const running = runInterceptor(window);
    await vi.waitFor(() => expect(submit).toHaveBeenCalled());
    const frame = document.querySelector('iframe')!;
    expect(frame.hidden).toBe(true);
    const data = { type: METHOD_COMPLETE_MESSAGE };
    window.dispatchEvent(
      new MessageEvent('message', { data, origin: 'https://evil.example', source: frame.contentWindow }),
    );
    window.dispatchEvent(
      new MessageEvent('message', { data, origin: window.location.origin, source: window }),
    );
    expect(calls).toHaveLength(1);
    expect(document.querySelector('iframe')).not.toBeNull();
    window.dispatchEvent(
      new MessageEvent('message', { data, origin: window.location.origin, source: frame.contentWindow }),
    );
    await running;
    expect(calls.map((call) => call.url)).toEqual([CONFIG.startUrl, CONFIG.continueUrl]);
    expect(document.querySelector('iframe')).toBeNull();
  });

  it('says so when the gateway sends what it does not know', async () => {
    page(CONFIG, STATUS);
    gateway([{ kind: 'challenge', acsUrl: 'javascript:alert(1)', creq: 'x' }]);
    await runInterceptor(window);
    expect(document.getElementById('status')!.textContent).toMatch(/could not reach your bank/);
  });
});
