import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { CheckoutPage } from './support/checkout-page.ts';
import { createSession } from './support/gateway-client.ts';
import { GATEWAY_LOG, GATEWAY_URL, MERCHANT_URL, UNREGISTERED_URL } from './support/ports.ts';
import { recordEverything } from './support/record-everything.ts';
import { leaks, numberForms } from './support/secrets.ts';

const PAN = '371881634498004';
const CSC = '8264';
const NAME = 'Grace Hopper';

test('a hostile page sees no card number, CSC, expiry or name while a card is typed and submitted', async ({
  page,
}) => {
  const console: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => console.push(message.text()));
  page.on('request', (request) => {
    if (request.frame() === page.mainFrame())
      requests.push(`${request.method()} ${request.url()} ${request.postData() ?? ''}`);
  });
  await page.addInitScript(recordEverything);

  const checkout = new CheckoutPage(page);
  await checkout.open();
  await checkout.fill({ number: PAN, month: '01', year: '39', securityCode: CSC, nameOnCard: NAME });

  const snapshot = async () =>
    [
      await page.content(),
      ...(await page.evaluate(() => (window as any).__seen as string[])),
      JSON.stringify(await checkout.events()),
      await page.evaluate(
        () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
      ),
      ...console,
      ...requests,
    ].join('\n');

  // Before submission, not even the expiry or the name may reach the page. Incoming data is what matters:
  // the page itself sent the expiry options to the frame.
  const beforeSubmit = await snapshot();
  expect(leaks(beforeSubmit, [...numberForms(PAN), CSC, NAME])).toEqual([]);
  const incoming = (await page.evaluate(() => (window as any).__seen as string[])).filter(
    (line) => !line.startsWith('port-out'),
  );
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

test('frames refuse to be embedded by an origin the merchant did not register', async ({ page }) => {
  const session = await createSession();
  const blocked: string[] = [];
  page.on('console', (message) => blocked.push(message.text()));
  await page.goto(`${UNREGISTERED_URL}/pages/hosted-fields.html?session=${session.id}`);
  // The browser refuses the frames outright; the SDK's configuration check says why, well before its timeout.
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.initialized), { timeout: 10_000 })
    .toEqual({
      status: 'system_error',
      message: expect.stringContaining('is not registered for this merchant'),
    });
  // No frame document from the gateway ever rendered a field.
  for (const frame of page.frames()) {
    if (frame.url().startsWith(GATEWAY_URL))
      expect(
        await frame
          .locator('input')
          .count()
          .catch(() => 0),
      ).toBe(0);
  }

  const response = await page.request.get(
    `${GATEWAY_URL}/form/version/100/merchant/TESTMERCHANT/frames/field.html`,
  );
  const csp = response.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toMatch(/frame-ancestors http:\/\/localhost:\*/);
  expect(csp).not.toContain('127.0.0.2');
});

test('messages forged by another frame in the page are ignored', async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  await checkout.fill({ number: '4508750015741019', month: '01', year: '39', securityCode: '100' });
  const eventsBefore = (await checkout.events()).length;

  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.id = 'evil';
    document.body.append(frame);
    return new Promise((resolve) => frame.addEventListener('load', resolve));
  }, `${UNREGISTERED_URL}/pages/evil-frame.html`);
  const evil = page.frames().find((frame) => frame.url().startsWith(UNREGISTERED_URL))!;
  await evil.evaluate(() => (window as any).forge());
  await page.waitForTimeout(500);

  // Nothing answered the forger, nothing changed in the fields, and the page heard nothing new.
  expect(await evil.evaluate(() => (window as any).received)).toEqual([]);
  await expect(checkout.input('#card-number')).toHaveValue('4508 7500 1574 1019');
  expect((await checkout.events()).length).toBe(eventsBefore);
  expect((await checkout.submit()).status).toBe('ok');
});

test('hostile merchant styles take no effect and make no request', async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  const warnings: string[] = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
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
  await checkout.input('#card-number').focus();
  await page.keyboard.type('4508');
  await checkout.input('#card-number').hover();
  await page.waitForTimeout(500);

  const style = await checkout.input('#card-number').evaluate((input) => {
    const computed = getComputedStyle(input);
    return { color: computed.color, backgroundImage: computed.backgroundImage, cursor: computed.cursor };
  });
  expect(style.color).toBe('rgb(1, 2, 3)');
  expect(style.backgroundImage).toBe('none');
  expect(style.cursor).not.toContain('url');
  expect(await (await page.request.get(`${MERCHANT_URL}/leaks`)).json()).toEqual([]);
  expect(warnings.length).toBeGreaterThan(0);
});

test('a field frame that reloads tears its scope down and the page is told', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  const checkout = new CheckoutPage(page);
  await checkout.open();
  await checkout.fill({ number: '5123450000000008', month: '01', year: '39', securityCode: '100' });

  const numberFrame = page.frames().find((frame) => frame.url().includes('role=card.number'))!;
  await numberFrame.evaluate(() => location.reload());

  // Every frame of the scope is gone and the merchant's placeholders are back.
  await expect.poll(() => page.locator(`iframe[src^="${GATEWAY_URL}"]`).count()).toBe(0);
  await expect(page.locator('#card-number')).toBeVisible();
  expect(errors.length).toBeGreaterThan(0);
  const response = await checkout.submit();
  expect(response).toMatchObject({ status: 'system_error', errors: { message: expect.any(String) } });
});
