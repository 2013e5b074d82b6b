import { expect, test } from '@playwright/test';
import { HOSTED_FIELDS_LIB_VERSION } from '../packages/protocol/src/hosted-fields.ts';
import { CheckoutPage } from './support/checkout-page.ts';
import { createSessionToken, gatewayRequest } from './support/gateway-client.ts';

const CARD = {
  number: '5123450000000008',
  month: '01',
  year: '39',
  securityCode: '100',
  nameOnCard: 'Ada Lovelace',
};

test('payment: the fields run on a session token, and the merchant server pays the token with PAY', async ({
  page,
}) => {
  const { token } = await createSessionToken({ scenario: 'payment', libVersion: HOSTED_FIELDS_LIB_VERSION });
  const checkout = new CheckoutPage(page);
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
  page,
}) => {
  const { token } = await createSessionToken({
    scenario: 'tokenization',
    libVersion: HOSTED_FIELDS_LIB_VERSION,
  });
  const checkout = new CheckoutPage(page);
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
  page,
}) => {
  const { token } = await createSessionToken({ scenario: 'payment', libVersion: '1.6.0.172441' });
  const checkout = new CheckoutPage(page);
  await checkout.openWithToken(token);
  await expect.poll(() => checkout.initialized()).not.toBeNull();
  const initialized = await checkout.initialized();
  expect(initialized).toMatchObject({ status: 'system_error', code: 'LIB_VERSION_MISMATCH' });
  expect(initialized.message).toContain('1.6.0.172441');
  expect(initialized.message).toContain(HOSTED_FIELDS_LIB_VERSION);
});

test('a Mastercard session id passed as sessionToken is refused as configuration, not a timeout', async ({
  page,
}) => {
  const created = await gatewayRequest('POST', '/session', {});
  const checkout = new CheckoutPage(page);
  await checkout.openWithToken(created.body.session.id);
  await expect.poll(() => checkout.initialized()).not.toBeNull();
  expect(await checkout.initialized()).toMatchObject({ status: 'system_error', code: 'INVALID_CONFIG' });
});
