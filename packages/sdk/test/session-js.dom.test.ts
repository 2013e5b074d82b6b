import { afterEach, describe, expect, it, vi } from 'vitest';
import { FORM } from './fake-connector.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  Reflect.deleteProperty(window, 'PaymentSession');
});

async function load(src: string | undefined): Promise<Window['PaymentSession']> {
  const script = document.createElement('script');
  if (src) script.src = src;
  vi.spyOn(document, 'currentScript', 'get').mockReturnValue(script);
  // The configuration check asks the gateway; here it answers that all is well.
  vi.stubGlobal('fetch', async () => new Response('{"status":"ok"}'));
  await import('../src/session-js.ts');
  vi.restoreAllMocks();
  return window.PaymentSession;
}

describe('session.js', () => {
  it('defines window.PaymentSession bound to the gateway, version and merchant of its own URL', async () => {
    document.body.innerHTML = FORM;
    const PaymentSession = await load(
      'http://127.0.0.1:4600/form/version/100/merchant/TESTMERCHANT/session.js',
    );
    PaymentSession.configure({
      fields: { card: { number: '#card-number' } },
      frameEmbeddingMitigation: ['csp'],
    });
    const iframe = document.querySelector('#card-number')!.previousElementSibling as HTMLIFrameElement;
    expect(iframe.src).toMatch(
      /^http:\/\/127\.0\.0\.1:4600\/form\/version\/100\/merchant\/TESTMERCHANT\/frames\/field\.html#instance=/,
    );
  });

  it('refuses to configure when not loaded from a gateway URL, and says why', async () => {
    const PaymentSession = await load('https://cdn.example/session.js');
    const initialized = vi.fn();
    PaymentSession.configure({
      fields: { card: { number: '#card-number' } },
      frameEmbeddingMitigation: ['csp'],
      callbacks: { initialized },
    });
    await Promise.resolve();
    expect(initialized).toHaveBeenCalledExactlyOnceWith({
      status: 'system_error',
      message: 'Load session.js from <gateway>/form/version/{v}/merchant/{id}/session.js',
    });
  });
});
