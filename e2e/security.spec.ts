// What the embed promises a payer against the page around it, in every engine (support/engine-test.ts).
import { readFileSync } from 'node:fs';
import { CheckoutPage, fieldFrame } from './support/checkout-page.ts';
import { expect, needs, test } from './support/engine-test.ts';
import { sleep } from './support/browser/page.ts';
import { createSession } from './support/gateway-client.ts';
import { pageConsole, recordPageConsole } from './support/page-console.ts';
import { GATEWAY_LOG, GATEWAY_URL, MERCHANT_URL, UNREGISTERED_URL } from './support/ports.ts';
import { recordEverything } from './support/record-everything.ts';
import { leaks, numberForms } from './support/secrets.ts';

const PAN = '371881634498004';
const CSC = '8264';
const NAME = 'Grace Hopper';

test('a hostile page sees no card number, CSC, expiry or name while a card is typed and submitted', async ({
  browserPage: page,
}) => {
  needs(page, 'initScript', 'console', 'requests');
  await page.addInitScript(recordEverything);

  const checkout = new CheckoutPage(page);
  await checkout.open();
  await checkout.fill({ number: PAN, month: '01', year: '39', securityCode: CSC, nameOnCard: NAME });

  const snapshot = async () =>
    [
      await page.evaluate(() => document.documentElement.outerHTML),
      ...(await page.evaluate(() => (window as any).__seen as string[])),
      JSON.stringify(await checkout.events()),
      await page.evaluate(
        () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
      ),
      ...page.console().map((message) => message.text),
      ...(await page.requests())
        .filter((request) => request.fromTop)
        .map((request) => `${request.method} ${request.url} ${request.postData}`),
    ].join('\n');

  // Before submission, not even the expiry or the name may reach the page. Incoming data is what matters:
  // the page itself sent the expiry options to the frame.
  const beforeSubmit = await snapshot();
  expect(leaks(beforeSubmit, [...numberForms(PAN), CSC, NAME])).toEqual([]);
  const incoming = (await page.evaluate(() => (window as any).__seen as string[])).filter(
    (line) => !line.startsWith('port-out'),
  );
  expect(incoming.length).toBeGreaterThan(0);
  for (const line of incoming) expect(line).not.toMatch(/"(0?1|39|2039)"/);

  const response = await checkout.submit();
  expect(response.status).toBe('ok');
  expect(response.sourceOfFunds.provided.card.number).toBe('371881xxxxx8004');

  // After: the masked response is the page's to see; the number and the CSC still never appear.
  expect(leaks(await snapshot(), [...numberForms(PAN), CSC])).toEqual([]);
  expect(await page.evaluate(() => document.querySelectorAll('input[value], [data-value]').length)).toBe(0);

  // Nor in the gateway's log, which saw the whole exchange.
  const log = readFileSync(GATEWAY_LOG, 'utf8');
  expect(log.length).toBeGreaterThan(0);
  expect(leaks(log, [...numberForms(PAN), `"${CSC}"`, `=${CSC}`])).toEqual([]);
});

test('frames refuse to be embedded by an origin the merchant did not register', async ({
  browserPage: page,
}) => {
  const session = await createSession();
  await page.goto(`${UNREGISTERED_URL}/pages/hosted-fields.html?session=${session.id}`);
  // The browser refuses the frames outright; the SDK's configuration check says why, well before its timeout.
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.initialized), { timeout: 10_000 })
    .toEqual({
      status: 'system_error',
      code: 'ORIGIN_NOT_ALLOWED',
      message: expect.stringContaining('is not registered for this merchant'),
    });
  // No frame document from the gateway ever rendered a field: each gateway iframe still in the page is
  // marked, entered and searched.
  const gatewayFrames = await page.evaluate((gateway) => {
    const frames = [...document.querySelectorAll(`iframe[src^="${gateway}"]`)];
    frames.forEach((frame, i) => frame.setAttribute('data-probe', String(i)));
    return frames.length;
  }, GATEWAY_URL);
  for (let i = 0; i < gatewayFrames; i += 1) {
    const frame = await page.frame(`iframe[data-probe="${i}"]`);
    expect(await frame.evaluate(() => document.querySelectorAll('input').length).catch(() => 0)).toBe(0);
  }

  const response = await fetch(`${GATEWAY_URL}/form/version/100/merchant/TESTMERCHANT/frames/field.html`);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toMatch(/frame-ancestors http:\/\/localhost:\*/);
  expect(csp).not.toContain('127.0.0.2');
});

test('messages forged by another frame in the page are ignored', async ({ browserPage: page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  await checkout.fill({ number: '4508750015741019', month: '01', year: '39', securityCode: '100' });
  await expect.poll(() => checkout.lastEvent('validity', '#security-code')).toMatchObject({ isValid: true });
  // The focus leaves the fields first, so reaching into the forger's frame (which a WebDriver does by
  // focusing it) moves no field's focus: any event after this is the forger's doing.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await expect.poll(() => checkout.lastEvent('blur')).toBe('securityCode');
  const eventsBefore = (await checkout.events()).length;

  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.id = 'evil';
    document.body.append(frame);
    return new Promise((resolve) => frame.addEventListener('load', resolve));
  }, `${UNREGISTERED_URL}/pages/evil-frame.html`);
  const evil = await page.frame('#evil');
  expect(await evil.url()).toBe(`${UNREGISTERED_URL}/pages/evil-frame.html`);
  expect(await evil.evaluate(() => (window as any).forge())).toBeUndefined();
  await sleep(500);

  // The page heard nothing new, nothing answered the forger, and nothing changed in the fields. (In that
  // order: a WebDriver reads a field's value by entering, and so focusing, its frame.)
  expect((await checkout.events()).slice(eventsBefore)).toEqual([]);
  expect(await evil.evaluate(() => (window as any).received)).toEqual([]);
  expect(await checkout.value('#card-number')).toBe('4508 7500 1574 1019');
  expect((await checkout.submit()).status).toBe('ok');
});

test('hostile merchant styles take no effect and make no request', async ({ browserPage: page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  await recordPageConsole(page);
  const leak = `${MERCHANT_URL}/leak`;
  await page.evaluate((leak) => {
    const roles = ['card.number', 'card.securityCode'];
    const session = (window as any).PaymentSession;
    session.setFocusStyle(roles, { color: 'rgb(1, 2, 3)', backgroundImage: `url(${leak}/background-image)` });
    session.setFocusStyle(roles, { background: `url(${leak}/background)` });
    session.setFocusStyle(roles, { borderColor: `red; background-image: url(${leak}/semicolon)` });
    session.setFocusStyle(roles, { fontFamily: `x\\75 rl(${leak}/escape)` });
    session.setFocusStyle(roles, { listStyleImage: `url(${leak}/list)` });
    session.setHoverStyle(roles, { color: `expression(fetch('${leak}/expression'))` });
    session.setPlaceholderStyle(roles, { color: `red}</style><img src=${leak}/markup>` });
    session.setPlaceholderShownStyle(roles, { fontFamily: `@import url(${leak}/import)` });
    session.setFocusStyle(roles, { cursor: `url(${leak}/cursor), auto` });
    session.setFocusStyle(roles, { content: `url(${leak}/content)` });
    session.setFocusStyle(roles, { MozBinding: `url(${leak}/binding)` });
  }, leak);
  const number = await checkout.field('#card-number');
  await number.type('input', '4508');
  await number.hover('input');
  await expect.poll(() => checkout.value('#card-number')).toBe('4508');

  // The allowed colour is applied, so the focus style did arrive; nothing else of it did.
  await expect
    .poll(() => number.evaluate(() => getComputedStyle(document.querySelector('input')!).color))
    .toBe('rgb(1, 2, 3)');
  await sleep(500);
  const style = await number.evaluate(() => {
    const computed = getComputedStyle(document.querySelector('input')!);
    return { backgroundImage: computed.backgroundImage, cursor: computed.cursor };
  });
  expect(style.backgroundImage).toBe('none');
  expect(style.cursor).not.toContain('url');
  expect(await (await fetch(`${MERCHANT_URL}/leaks`)).json()).toEqual([]);
  expect(await pageConsole(page, 'warn')).toContainEqual(
    expect.stringMatching(/refused the style properties/),
  );
});

test('a field frame that reloads tears its scope down and the page is told', async ({
  browserPage: page,
}) => {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  await recordPageConsole(page);
  await checkout.fill({ number: '5123450000000008', month: '01', year: '39', securityCode: '100' });

  // Scheduled, so the evaluation returns before its document goes away.
  const numberFrame = await page.frame(fieldFrame('#card-number'));
  await numberFrame.evaluate(() => void setTimeout(() => location.reload()));

  // Every frame of the scope is gone and the merchant's placeholders are back.
  await expect
    .poll(() =>
      page.evaluate((gateway) => document.querySelectorAll(`iframe[src^="${gateway}"]`).length, GATEWAY_URL),
    )
    .toBe(0);
  expect(
    await page.evaluate(() => {
      const placeholder = document.querySelector<HTMLElement>('#card-number')!;
      return (
        placeholder.getClientRects().length > 0 && getComputedStyle(placeholder).visibility === 'visible'
      );
    }),
  ).toBe(true);
  expect((await pageConsole(page, 'error')).length).toBeGreaterThan(0);
  const response = await checkout.submit();
  expect(response).toMatchObject({ status: 'system_error', errors: { message: expect.any(String) } });
});

test('a hostile page sees no gift card number, PIN or bank account number while they are typed and submitted', async ({
  page,
}) => {
  const giftCardNumber = '7700000000004321';
  const pin = '8642';
  const accountNumber = '9876543200';
  const console: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => console.push(message.text()));
  page.on('request', (request) => {
    if (request.frame() === page.mainFrame())
      requests.push(`${request.method()} ${request.url()} ${request.postData() ?? ''}`);
  });
  await page.addInitScript(recordEverything);
  const [gift, bank] = [(await createSession()).id, (await createSession()).id];
  await page.goto(`${MERCHANT_URL}/pages/gift-card-ach.html?gift=${gift}&bank=${bank}`);
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.initialized))
    .toEqual({ gift: 'ok', bank: 'ok' });
  const input = (selector: string) =>
    page.frameLocator(`iframe:has(+ ${selector})`).locator('input, select').first();
  await input('#gift-number').pressSequentially(giftCardNumber);
  await input('#gift-pin').pressSequentially(pin);
  await input('#account-type').selectOption('CONSUMER_CHECKING');
  await input('#holder').pressSequentially('Grace Hopper');
  await input('#account').pressSequentially(accountNumber);
  await input('#account-again').pressSequentially(accountNumber);
  await input('#routing').pressSequentially('011000015');

  const snapshot = async () =>
    [
      await page.content(),
      ...(await page.evaluate(() => (window as any).__seen as string[])),
      JSON.stringify(await page.evaluate(() => (window as any).recorded)),
      await page.evaluate(
        () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
      ),
      ...console,
      ...requests,
    ].join('\n');
  const secrets = [giftCardNumber, giftCardNumber.slice(6), pin, accountNumber];
  expect(leaks(await snapshot(), [...secrets, 'Grace Hopper', '011000015'])).toEqual([]);

  await page.click('#pay-gift');
  await page.click('#pay-bank');
  await expect
    .poll(() =>
      page.evaluate(() => Object.values((window as any).recorded.updates).map((u: any) => u.status)),
    )
    .toEqual(['ok', 'ok']);
  // After: the masked answers are the page's to see (the holder and routing number included); the numbers
  // and the PIN still never appear.
  expect(leaks(await snapshot(), secrets)).toEqual([]);
  const log = readFileSync(GATEWAY_LOG, 'utf8');
  expect(leaks(log, [giftCardNumber, accountNumber, `"${pin}"`])).toEqual([]);
});
