// Hosted fields on a session token, end to end, in every engine (see support/engine-test.ts).
import { HOSTED_FIELDS_LIB_VERSION } from '../packages/protocol/src/hosted-fields.ts';
import { CheckoutPage } from './support/checkout-page.ts';
import { startClockGateway, type ClockGateway } from './support/clock-gateway.ts';
import { expect, needs, test, type BrowserPage } from './support/engine-test.ts';
import { createSessionToken, gatewayRequest } from './support/gateway-client.ts';
import { MERCHANT_URL } from './support/ports.ts';

const CARD = {
  number: '5123450000000008',
  month: '01',
  year: '39',
  securityCode: '100',
  nameOnCard: 'Ada Lovelace',
};

test('payment: the fields run on a session token, and the merchant server pays the token with PAY', async ({
  browserPage,
}) => {
  const { token } = await createSessionToken({ scenario: 'payment', libVersion: HOSTED_FIELDS_LIB_VERSION });
  const checkout = new CheckoutPage(browserPage);
  await checkout.openWithToken(token);
  await expect.poll(() => checkout.initialized()).toEqual({ status: 'ok' });
  await checkout.fill(CARD);
  const events = await checkout.events();
  expect(events.filter((e) => e.type === 'cardType').at(-1)?.payload).toMatchObject({ brand: 'MASTERCARD' });

  const response = await checkout.submit();
  expect(response).toMatchObject({
    status: 'ok',
    session: { id: token, updateStatus: 'SUCCESS' },
    sourceOfFunds: { provided: { card: { number: '512345xxxxxx0008', securityCode: 'xxx' } } },
  });
  expect(response.secureTokenId).toBeUndefined();

  const paid = await gatewayRequest('PUT', `/order/token-order-${Date.now()}/transaction/1`, {
    apiOperation: 'PAY',
    order: { amount: '12.50', currency: 'USD' },
    session: { id: token },
  });
  expect(paid.status).toBe(201);
  expect(paid.body.result).toBe('SUCCESS');
});

test('tokenization: the card is saved and the page gets the secureTokenId and the masked card only', async ({
  browserPage,
}) => {
  const { token } = await createSessionToken({
    scenario: 'tokenization',
    libVersion: HOSTED_FIELDS_LIB_VERSION,
  });
  const checkout = new CheckoutPage(browserPage);
  await checkout.openWithToken(token);
  await expect.poll(() => checkout.initialized()).toEqual({ status: 'ok' });
  await checkout.fill(CARD);
  const response = await checkout.submit();
  expect(response.status).toBe('ok');
  expect(response.secureTokenId).toMatch(/^\d{16}$/);
  expect(response.sourceOfFunds.provided.card.number).toBe('512345xxxxxx0008');
  expect(JSON.stringify(response)).not.toContain(CARD.number);

  const saved = await gatewayRequest('GET', `/token/${response.secureTokenId}`);
  expect(saved.body.sourceOfFunds.provided.card).toMatchObject({
    number: '512345xxxxxx0008',
    expiry: '0139',
  });

  // A new page load updates that saved card: a new expiry.
  const update = await createSessionToken({
    scenario: 'tokenization',
    libVersion: HOSTED_FIELDS_LIB_VERSION,
    secureTokenId: response.secureTokenId,
  });
  await checkout.openWithToken(update.token);
  await expect.poll(() => checkout.initialized()).toEqual({ status: 'ok' });
  await checkout.fill({ ...CARD, month: '02', year: '37' });
  const updated = await checkout.submit();
  expect(updated.secureTokenId).toBe(response.secureTokenId);
  const after = await gatewayRequest('GET', `/token/${response.secureTokenId}`);
  expect(after.body.sourceOfFunds.provided.card.expiry).toBe('0237');
});

test('a token made for another library version is refused at once, naming both versions', async ({
  browserPage,
}) => {
  const { token } = await createSessionToken({ scenario: 'payment', libVersion: '1.6.0.172441' });
  const checkout = new CheckoutPage(browserPage);
  await checkout.openWithToken(token);
  await expect.poll(() => checkout.initialized()).not.toBeNull();
  const initialized = await checkout.initialized();
  expect(initialized).toMatchObject({ status: 'system_error', code: 'LIB_VERSION_MISMATCH' });
  expect(initialized.message).toContain('1.6.0.172441');
  expect(initialized.message).toContain(HOSTED_FIELDS_LIB_VERSION);
});

test('a Mastercard session id passed as sessionToken is refused as configuration, not a timeout', async ({
  browserPage,
}) => {
  const created = await gatewayRequest('POST', '/session', {});
  const checkout = new CheckoutPage(browserPage);
  await checkout.openWithToken(created.body.session.id);
  await expect.poll(() => checkout.initialized()).not.toBeNull();
  expect(await checkout.initialized()).toMatchObject({ status: 'system_error', code: 'INVALID_CONFIG' });
});

test('a token is good for one page load: another tab is refused with SESSION_TOKEN_USED, the first tab pays', async ({
  browserPage,
  browserEngine,
}) => {
  needs(browserPage, 'secondPage');
  const { token } = await createSessionToken({ scenario: 'payment', libVersion: HOSTED_FIELDS_LIB_VERSION });
  const first = new CheckoutPage(browserPage);
  await first.openWithToken(token);
  await expect.poll(() => first.initialized()).toEqual({ status: 'ok' });

  const otherTab = await (browserEngine as { newPage(): Promise<BrowserPage> }).newPage();
  try {
    const second = new CheckoutPage(otherTab);
    await second.openWithToken(token);
    await expect.poll(() => second.initialized()).not.toBeNull();
    const refused = await second.initialized();
    expect(refused).toMatchObject({ status: 'system_error', code: 'SESSION_TOKEN_USED' });
    expect(refused.message).toContain('another page load');
  } finally {
    await otherTab.close();
  }

  // The page that holds the token still takes the card into it.
  await first.fill(CARD);
  expect(await first.submit()).toMatchObject({
    status: 'ok',
    session: { id: token, updateStatus: 'SUCCESS' },
  });
});

test('loading the page again is another page load: the token is refused, a new one works', async ({
  browserPage,
}) => {
  const { token } = await createSessionToken({ scenario: 'payment', libVersion: HOSTED_FIELDS_LIB_VERSION });
  const checkout = new CheckoutPage(browserPage);
  await checkout.openWithToken(token);
  await expect.poll(() => checkout.initialized()).toEqual({ status: 'ok' });
  await checkout.openWithToken(token);
  await expect.poll(() => checkout.initialized()).not.toBeNull();
  expect(await checkout.initialized()).toMatchObject({ status: 'system_error', code: 'SESSION_TOKEN_USED' });
  const fresh = await createSessionToken({ scenario: 'payment', libVersion: HOSTED_FIELDS_LIB_VERSION });
  await checkout.openWithToken(fresh.token);
  await expect.poll(() => checkout.initialized()).toEqual({ status: 'ok' });
});

test.describe('a token past its ten minutes', () => {
  let gateway: ClockGateway;
  test.beforeAll(async () => {
    gateway = await startClockGateway();
  });
  test.afterAll(async () => {
    await gateway?.close();
  });

  const expiredToken = async (): Promise<string> => {
    const { token, expiresAt } = await createSessionToken(
      { scenario: 'payment', libVersion: HOSTED_FIELDS_LIB_VERSION },
      gateway.url,
    );
    gateway.advance(Date.parse(expiresAt) - Date.now() + 1000);
    return token;
  };

  test('the script-tag global reports SESSION_EXPIRED through initialized, not a timeout', async ({
    browserPage,
  }) => {
    const checkout = new CheckoutPage(browserPage);
    await checkout.openWithToken(await expiredToken(), { gateway: 'clock' });
    await expect.poll(() => checkout.initialized()).not.toBeNull();
    const initialized = await checkout.initialized();
    expect(initialized).toMatchObject({ status: 'system_error', code: 'SESSION_EXPIRED' });
    expect(initialized.message).toMatch(/expired at \d{4}-\d\d-\d\dT/);
  });

  test('the Promise API rejects ready with SESSION_EXPIRED, not a timeout', async ({ browserPage }) => {
    const query = new URLSearchParams({ gateway: 'clock', sessionToken: await expiredToken() });
    await browserPage.goto(`${MERCHANT_URL}/pages/promise-api.html?${query}`);
    const ready = () => browserPage.evaluate(() => (window as any).recorded.ready);
    await expect.poll(ready).not.toBeNull();
    expect(await ready()).toMatchObject({
      status: 'error',
      name: 'HostedSessionError',
      code: 'SESSION_EXPIRED',
      message: expect.stringContaining('expired'),
    });
  });

  test('a live token on the same gateway mounts the Promise API’s fields', async ({ browserPage }) => {
    const { token } = await createSessionToken(
      { scenario: 'payment', libVersion: HOSTED_FIELDS_LIB_VERSION },
      gateway.url,
    );
    const query = new URLSearchParams({ gateway: 'clock', sessionToken: token });
    await browserPage.goto(`${MERCHANT_URL}/pages/promise-api.html?${query}`);
    await expect
      .poll(() => browserPage.evaluate(() => (window as any).recorded.ready))
      .toEqual({ status: 'ok' });
  });
});
