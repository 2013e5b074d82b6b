import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { postSession, sessionRequest } from './checkout-helpers.ts';
import { builtAssets } from './form-assets.ts';
import { manualClock, testApp } from './helpers.ts';

const BROWSER = {
  acceptHeader: 'text/html',
  javaEnabled: false,
  language: 'en-GB',
  colorDepth: 24,
  screenHeight: 900,
  screenWidth: 1440,
  timezoneOffset: -60,
};
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };

function configOf(html: string): Record<string, unknown> | undefined {
  const json = /<script type="application\/json" id="hs-3ds">(.*?)<\/script>/.exec(html)?.[1];
  return json === undefined ? undefined : JSON.parse(json);
}

function hidden(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no ${name} in the page`);
  return value;
}

function formAction(html: string): string {
  return /<form method="post" action="([^"]*)"/.exec(html)![1]!;
}

describe('the 3-D Secure pages', () => {
  let app: FastifyInstance;
  const clock = manualClock(Date.UTC(2026, 10, 30, 12));
  afterEach(() => app?.close());

  async function open(request: Record<string, unknown>, publicOrigin?: string) {
    app = await testApp({ formAssets: builtAssets(), now: clock.now }, publicOrigin ? { publicOrigin } : {});
    const session = (await postSession(app, request)).json();
    return session as { id: string; transaction_id: string; _links: { redirect: { href: string } } };
  }

  const json = (url: string, payload: object = {}, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload });
  const form = (url: string, fields: Record<string, string>) =>
    app.inject({ method: 'POST', url, headers: FORM_TYPE, payload: new URLSearchParams(fields).toString() });

  /** The interceptor's script, step by step: start, the 3DS Method round trip, continue. */
  async function throughDeviceData(id: string, extra: object = {}) {
    const start = await json(`/3ds/interceptor/${id}/start`, { browser: BROWSER, ...extra });
    expect(start.statusCode).toBe(200);
    let step = start.json();
    if (step.kind === 'method') {
      expect(step.url).toBe('/3ds/acs/method');
      const acs = await form(step.url, { threeDSMethodData: step.threeDSMethodData });
      expect(configOf(acs.body)).toEqual({ action: 'submit' });
      const notification = await form(formAction(acs.body), {
        threeDSMethodData: hidden(acs.body, 'threeDSMethodData'),
      });
      expect(configOf(notification.body)).toMatchObject({
        action: 'message',
        targetOrigin: 'http://localhost:80',
        message: { type: 'hosted-session:3ds-method-complete' },
      });
      step = (await json(`/3ds/interceptor/${id}/continue`)).json();
    }
    return step;
  }

  async function challengePage(id: string) {
    const step = await throughDeviceData(id);
    expect(step).toMatchObject({ kind: 'challenge', acsUrl: '/3ds/acs/challenge' });
    const page = await form(step.acsUrl, { creq: step.creq });
    expect(page.statusCode).toBe(200);
    return { page, creq: step.creq as string };
  }

  /** The issuer's CRes page back to the gateway, then the completion page. */
  async function finish(html: string) {
    expect(configOf(html)).toEqual({ action: 'submit' });
    const notified = await form(new URL(formAction(html)).pathname, { cres: hidden(html, 'cres') });
    expect(notified.statusCode).toBe(303);
    return app.inject({ method: 'GET', url: notified.headers.location as string });
  }

  it('serves the interceptor with a strict CSP, framed only by the merchant’s origins, without card data', async () => {
    const session = await open(sessionRequest());
    const page = await app.inject({ method: 'GET', url: new URL(session._links.redirect.href).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain('frame-ancestors http://localhost:*');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(configOf(page.body)).toEqual({
      startUrl: `/3ds/interceptor/${session.id}/start`,
      continueUrl: `/3ds/interceptor/${session.id}/continue`,
      acceptHeader: '*/*',
      allowedOrigins: ['http://localhost:*'],
    });
    // Its script as built: Subresource Integrity of the very bytes the gateway serves at that URL.
    const script = await app.inject({ method: 'GET', url: '/3ds/assets/threeds-interceptor-abc.js' });
    const integrity = `sha384-${createHash('sha384').update(script.rawPayload).digest('base64')}`;
    expect(page.body).toContain(`src="/3ds/assets/threeds-interceptor-abc.js" integrity="${integrity}"`);
    expect(page.body).not.toMatch(/5123450000000008|0000000008/);
  });

  it('runs the challenge: the issuer’s screen, a wrong code, the right one, and back to success_url', async () => {
    const session = await open(
      sessionRequest({ billing_descriptor: { name: 'Harbor & <Pine>' }, amount: 8592 }),
    );
    const { page, creq } = await challengePage(session.id);
    expect(page.headers['content-security-policy']).not.toContain('script-src');
    expect(page.headers['content-security-policy']).toContain('frame-ancestors http://localhost:*');
    expect(page.body).toContain('Harbor &#38; &#60;Pine&#62;');
    expect(page.body).toContain('$85.92');
    expect(page.body).toContain('Mastercard •••• 0008');
    expect(page.body).not.toContain('512345');
    expect(page.body).toContain('<label for="otp">One-time code</label>');
    expect(page.body).toMatch(/<button type="submit" name="action" value="verify">Verify<\/button>/);

    const wrong = await form('/3ds/acs/challenge', { creq, code: '4321', action: 'verify' });
    expect(wrong.body).toContain('role="alert"');
    expect(wrong.body).toContain('You have 2 attempts left.');
    expect(wrong.body).toContain('aria-invalid="true"');

    const right = await form('/3ds/acs/challenge', { creq, code: '1234', action: 'verify' });
    const done = await finish(right.body);
    expect(configOf(done.body)).toEqual({
      action: 'redirect',
      url: `http://example.com/sessions/success?cko-session-id=${session.id}`,
    });
    expect(done.body).toContain('Payment verified');
  });

  it('shows the amount to the last minor unit, however large', async () => {
    const session = await open(sessionRequest({ amount: 9007199254740991 }));
    const { page } = await challengePage(session.id);
    expect(page.body).toContain('$90,071,992,547,409.91');
  });

  it('declines after three wrong codes and abandons on Cancel, both back to failure_url', async () => {
    const session = await open(sessionRequest());
    const { creq } = await challengePage(session.id);
    let last;
    for (let i = 0; i < 3; i++)
      last = await form('/3ds/acs/challenge', { creq, code: '0000', action: 'verify' });
    const declined = await finish(last!.body);
    expect(configOf(declined.body)!.url).toBe(
      `http://example.com/sessions/fail?cko-session-id=${session.id}`,
    );

    const second = (await postSession(app, sessionRequest())).json();
    const other = await challengePage(second.id);
    const cancelled = await finish(
      (await form('/3ds/acs/challenge', { creq: other.creq, action: 'cancel' })).body,
    );
    expect(configOf(cancelled.body)!.url).toContain('/sessions/fail?');
    const status = await app.inject({
      method: 'GET',
      url: `/sessions/${second.id}`,
      headers: { authorization: 'Bearer sk_test_0123456789abcdef' },
    });
    expect(status.json()).toMatchObject({
      status: 'challenge_abandoned',
      acs: { challenge_cancel_reason: 'cardholder_cancel' },
    });
  });

  it('expires when the issuer’s 3DS Method never answers, and sends the cardholder to failure_url', async () => {
    const session = await open(sessionRequest({}, '4012000033330026'));
    const start = (await json(`/3ds/interceptor/${session.id}/start`, { browser: BROWSER })).json();
    expect(start).toMatchObject({ kind: 'method', url: '/3ds/acs/unresponsive/method', waitMs: 10_000 });
    const silent = await form(start.url, { threeDSMethodData: start.threeDSMethodData });
    expect(silent.statusCode).toBe(200);
    expect(configOf(silent.body)).toBeUndefined();
    expect((await json(`/3ds/interceptor/${session.id}/continue`)).json()).toEqual({
      kind: 'wait',
      waitMs: 10_000,
    });
    clock.advance(10_000);
    const step = (await json(`/3ds/interceptor/${session.id}/continue`)).json();
    expect(step).toEqual({ kind: 'complete', url: `/3ds/interceptor/${session.id}/complete` });
    const done = await app.inject({ method: 'GET', url: step.url });
    expect(configOf(done.body)!.url).toContain('/sessions/fail?cko-session-id=');
  });

  it('tells a framing page on a registered origin the result, and no other origin', async () => {
    const nonHosted = { completion: { type: 'non_hosted', callback_url: 'http://localhost:4700/cb' } };
    const session = await open(sessionRequest(nonHosted, '5123456789012346'));
    const step = await throughDeviceData(session.id, { parentOrigin: 'http://localhost:4700' });
    const done = await app.inject({ method: 'GET', url: step.url });
    expect(configOf(done.body)).toEqual({
      action: 'message',
      targetOrigin: 'http://localhost:4700',
      message: { type: 'hosted-session:3ds-complete', id: session.id, status: 'approved' },
    });

    const other = (await postSession(app, sessionRequest(nonHosted, '5123456789012346'))).json();
    const foreign = await throughDeviceData(other.id, { parentOrigin: 'https://localhost.evil.example' });
    const page = await app.inject({ method: 'GET', url: foreign.url });
    expect(configOf(page.body)).toBeUndefined();
    expect(page.body).toContain('You can close this window.');
  });

  it('answers a page that does not exist with a page, and bad browser data with an error body', async () => {
    app = await testApp({ formAssets: builtAssets() });
    for (const url of ['/3ds/interceptor/sid_aaaaaaaaaaaaaaaaaaaaaaaaaa', '/3ds/interceptor/..%2Fsessions']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode).toBe(404);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('This link does not work');
    }
    for (const [url, fields] of [
      ['/3ds/acs/challenge', { creq: 'not-base64!' }],
      [
        '/3ds/acs/method',
        { threeDSMethodData: Buffer.from('{"threeDSServerTransID":"x"}').toString('base64url') },
      ],
      ['/3ds/method-notification', {}],
      ['/3ds/challenge-notification', { cres: '' }],
    ] as const) {
      const response = await form(url, fields);
      expect(response.statusCode, url).toBe(404);
    }
    const session = (await postSession(app, sessionRequest())).json();
    const bad = await json(`/3ds/interceptor/${session.id}/start`, {
      browser: { ...BROWSER, colorDepth: 'deep' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ result: 'ERROR', error: { cause: 'INVALID_REQUEST' } });
  });

  it('sends the cardholder back only to the configured gateway origin, whatever Host the caller sent', async () => {
    const session = await open(sessionRequest({ amount: 8592 }), 'https://gateway.example');
    expect(session._links.redirect.href).toBe(`https://gateway.example/3ds/interceptor/${session.id}`);
    const forged = { host: 'evil.example' };
    const start = (await json(`/3ds/interceptor/${session.id}/start`, { browser: BROWSER }, forged)).json();
    expect(start.kind).toBe('method');
    const acs = await form(start.url, { threeDSMethodData: start.threeDSMethodData });
    expect(formAction(acs.body)).toBe('https://gateway.example/3ds/method-notification');
    await form('/3ds/method-notification', { threeDSMethodData: hidden(acs.body, 'threeDSMethodData') });
    const step = (await json(`/3ds/interceptor/${session.id}/continue`, {}, forged)).json();
    const challenge = await form(step.acsUrl, { creq: step.creq });
    const right = await form('/3ds/acs/challenge', { creq: step.creq, code: '1234', action: 'verify' });
    expect(challenge.statusCode).toBe(200);
    expect(formAction(right.body)).toBe('https://gateway.example/3ds/challenge-notification');
    expect(right.headers['content-security-policy']).not.toContain('evil.example');
  });

  it('refuses a forged Host on a loopback gateway, and the authentication goes on untouched', async () => {
    const session = await open(sessionRequest());
    const forged = await json(
      `/3ds/interceptor/${session.id}/start`,
      { browser: BROWSER },
      { host: 'evil.example' },
    );
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ result: 'ERROR', error: { cause: 'INVALID_REQUEST' } });
    expect(forged.body).not.toContain('evil.example');
    const step = await throughDeviceData(session.id);
    expect(step).toMatchObject({ kind: 'challenge' });
  });

  it('lets the simulated issuer post its device data only back to the gateway', async () => {
    const session = await open(sessionRequest());
    const start = (await json(`/3ds/interceptor/${session.id}/start`, { browser: BROWSER })).json();
    const forged = Buffer.from(
      JSON.stringify({
        threeDSServerTransID: session.transaction_id,
        threeDSMethodNotificationURL: 'https://evil.example/x',
      }),
    ).toString('base64url');
    expect((await form(start.url, { threeDSMethodData: forged })).statusCode).toBe(404);
  });
});
