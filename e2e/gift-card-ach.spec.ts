// Gift cards and ACH bank accounts typed into hosted fields, put into sessions and paid with by the merchant's
// server, end to end.
import { expect, test, type Page } from '@playwright/test';
import { createSession, gatewayRequest, retrieveSession } from './support/gateway-client.ts';
import { MERCHANT_URL } from './support/ports.ts';

const GIFT_CARD_NUMBER = '7700000000000000';
const ACCOUNT_NUMBER = '1234567800';

const field = (page: Page, selector: string) =>
  page.frameLocator(`iframe:has(+ ${selector})`).locator('input, select').first();

async function open(page: Page): Promise<{ gift: string; bank: string }> {
  const [gift, bank] = [(await createSession()).id, (await createSession()).id];
  await page.goto(`${MERCHANT_URL}/pages/gift-card-ach.html?gift=${gift}&bank=${bank}`);
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.initialized))
    .toEqual({ gift: 'ok', bank: 'ok' });
  return { gift, bank };
}

const updateOf = (page: Page, scope: string) =>
  expect.poll(() => page.evaluate((s) => (window as any).recorded.updates[s]?.status, scope));

async function pay(sessionId: string, orderId: string) {
  return gatewayRequest('PUT', `/order/${orderId}/transaction/pay-1`, {
    apiOperation: 'PAY',
    order: { amount: '20.00', currency: 'USD' },
    session: { id: sessionId },
  });
}

test('a gift card goes into the session, masked, with its program, and pays', async ({ page }) => {
  const { gift } = await open(page);
  await field(page, '#gift-number').pressSequentially(GIFT_CARD_NUMBER);
  await field(page, '#gift-pin').pressSequentially('4321');
  await page.click('#pay-gift');
  await updateOf(page, 'gift').toBe('ok');
  const update = await page.evaluate(() => (window as any).recorded.updates.gift);
  expect(update).toEqual({
    status: 'ok',
    merchant: 'TESTMERCHANT',
    session: { id: gift, updateStatus: 'SUCCESS', version: expect.any(String) },
    sourceOfFunds: {
      type: 'GIFT_CARD',
      provided: {
        giftCard: {
          brand: 'LOCAL_BRAND_ONLY',
          scheme: 'LOCAL_BRAND_ONLY',
          localBrand: 'SANDBOX_GIFT',
          number: 'xxxxxxxxxxxx0000',
          pin: 'xxxx',
        },
      },
    },
    version: '100',
  });

  const paid = await pay(gift, `gift-${Date.now()}`);
  expect(paid.body).toMatchObject({
    result: 'SUCCESS',
    response: { gatewayCode: 'APPROVED' },
    sourceOfFunds: { type: 'GIFT_CARD', provided: { giftCard: { number: 'xxxxxxxxxxxx0000' } } },
  });
  // The PIN went with the payment, as a CSC does.
  expect((await retrieveSession(gift)).sourceOfFunds.provided.giftCard).not.toHaveProperty('pin');
});

test('a new session after a decline takes the gift card number typed, never its PIN', async ({ page }) => {
  const { gift } = await open(page);
  await field(page, '#gift-number').pressSequentially(GIFT_CARD_NUMBER);
  await field(page, '#gift-pin').pressSequentially('4321');
  await page.click('#pay-gift');
  await updateOf(page, 'gift').toBe('ok');

  // The merchant attaches a new session (configure again, only the session changed).
  const next = (await createSession()).id;
  await page.evaluate((session) => {
    const recorded = (window as any).recorded;
    recorded.initialized.gift = undefined;
    recorded.updates.gift = undefined;
    (window as any).PaymentSession.configure(
      {
        session,
        fields: { giftCard: { number: '#gift-number', pin: '#gift-pin' } },
        frameEmbeddingMitigation: ['javascript'],
        callbacks: {
          initialized: (response: any) => (recorded.initialized.gift = response.status),
          formSessionUpdate: (response: any) => (recorded.updates.gift = response),
        },
      },
      'gift',
    );
  }, next);
  await expect.poll(() => page.evaluate(() => (window as any).recorded.initialized.gift)).toBe('ok');
  // The PIN's field is emptied for the payer to type again.
  await expect(field(page, '#gift-pin')).toHaveValue('');
  await expect(field(page, '#gift-number')).not.toHaveValue('');

  await page.click('#pay-gift');
  await updateOf(page, 'gift').toBe('fields_in_error');
  expect(await page.evaluate(() => (window as any).recorded.updates.gift.errors)).toEqual({ pin: 'missing' });
  expect((await retrieveSession(next)).sourceOfFunds).toBeUndefined();
  expect((await retrieveSession(gift)).sourceOfFunds.provided.giftCard).toMatchObject({ pin: 'xxxx' });
});

test('a bank account goes into the session, its confirmation checked, and an ACH debit is accepted', async ({
  page,
}) => {
  const { bank } = await open(page);
  await field(page, '#account-type').selectOption('CONSUMER_SAVINGS');
  await field(page, '#holder').pressSequentially('Ada Lovelace');
  await field(page, '#account').pressSequentially(ACCOUNT_NUMBER);
  await field(page, '#account-again').pressSequentially('1234567801');
  await field(page, '#routing').pressSequentially('011000016');

  // The payer sees at once that the confirmation differs and the routing number is wrong.
  const lastValidity = (selector: string) =>
    expect.poll(() =>
      page.evaluate(
        (s) => (window as any).recorded.validity.filter((v: any) => v.selector === s).at(-1)?.validity,
        selector,
      ),
    );
  await lastValidity('#account-again').toMatchObject({ hasError: true, errorReason: 'INVALID_VALUE' });
  await lastValidity('#routing').toMatchObject({ hasError: true, errorReason: 'INVALID_VALUE' });
  await page.click('#pay-bank');
  await updateOf(page, 'bank').toBe('fields_in_error');
  expect(await page.evaluate(() => (window as any).recorded.updates.bank.errors)).toEqual({
    bankAccountNumberConfirmation: 'invalid',
    routingNumber: 'invalid',
  });

  // The payer corrects both.
  await field(page, '#account-again').fill(ACCOUNT_NUMBER);
  await field(page, '#routing').fill('011000015');
  await page.evaluate(() => (window as any).validate('ach', 'bank'));
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.validated.bank?.ach?.isValid))
    .toBe(true);
  await page.click('#pay-bank');
  await updateOf(page, 'bank').toBe('ok');
  expect(await page.evaluate(() => (window as any).recorded.updates.bank.sourceOfFunds)).toEqual({
    type: 'ACH',
    provided: {
      ach: {
        accountType: 'CONSUMER_SAVINGS',
        bankAccountHolder: 'Ada Lovelace',
        bankAccountNumber: 'xxxxxx7800',
        routingNumber: '011000015',
        secCode: 'WEB',
      },
    },
  });

  const paid = await pay(bank, `ach-${Date.now()}`);
  expect(paid.body).toMatchObject({
    result: 'SUCCESS',
    response: { gatewayCode: 'APPROVED_PENDING_SETTLEMENT' },
    order: { status: 'CAPTURED' },
  });
  expect(JSON.stringify(paid.body)).not.toContain(ACCOUNT_NUMBER);
});
