// A checkout page written for Mastercard's Hosted Session, as shop plugins write theirs, paying unchanged:
// configure without a session and with an extra `cardNumber` key, inside a promise callback, jQuery-style
// callbacks; the shop's server pays with form-encoded JSON, float amounts and line items.
import { expect, test, type Page } from '@playwright/test';
import { retrieveSession } from './support/gateway-client.ts';
import { MERCHANT_URL } from './support/ports.ts';

const field = (page: Page, selector: string) =>
  page.frameLocator(`iframe:has(+ ${selector})`).locator('input, select').first();

async function openShop(page: Page, query = ''): Promise<string[]> {
  const warnings: string[] = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  await page.goto(`${MERCHANT_URL}/pages/mastercard-shop.html${query}`);
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.initialized), { timeout: 15_000 })
    .toEqual({ status: 'ok' });
  return warnings;
}

async function payWithCard(page: Page): Promise<{ update: any; payment: any }> {
  await field(page, '#card-number').pressSequentially('5123450000000008');
  await field(page, '#expiry-month').pressSequentially('01');
  await field(page, '#expiry-year').pressSequentially('39');
  await field(page, '#security-code').pressSequentially('100');
  await field(page, '#cardholder-name').pressSequentially('Ada Lovelace');
  await page.click('#pay-button');
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.payments.length), { timeout: 15_000 })
    .toBe(1);
  return page.evaluate(() => ({
    update: (window as any).recorded.updates.at(-1),
    payment: (window as any).recorded.payments.at(-1),
  }));
}

test('pays: session.js makes the session, ignores the extra key with one warning, and the shop server pays', async ({
  page,
}) => {
  const warnings = await openShop(page);
  expect(warnings).toEqual([expect.stringContaining('fields.card.cardNumber')]);
  // One frame per element: the duplicate key mounted nothing.
  await expect(page.locator('iframe:has(+ #card-number)')).toHaveCount(1);

  const { update, payment } = await payWithCard(page);
  expect(update).toMatchObject({
    status: 'ok',
    merchant: 'TESTMERCHANT',
    session: { id: expect.stringMatching(/^SESSION\w{24}$/), updateStatus: 'SUCCESS' },
    sourceOfFunds: {
      type: 'CARD',
      provided: {
        card: {
          number: '512345xxxxxx0008',
          brand: 'MASTERCARD',
          fundingMethod: 'DEBIT',
          issuer: 'Sandbox Bank Debit',
          securityCode: 'xxx',
        },
      },
    },
  });
  expect(payment).toEqual({
    status: 201,
    result: 'SUCCESS',
    gatewayCode: 'APPROVED',
    orderId: expect.any(String),
    orderStatus: 'CAPTURED',
    amount: '24.90',
    items: 2,
  });
  await expect(page.locator('#result')).toHaveText('SUCCESS APPROVED');
  // The session the page made, with the normal limit, now used by the payment (its CSC is gone).
  const session = await retrieveSession(update.session.id);
  expect(session.session).toMatchObject({ authenticationLimit: 5, updateStatus: 'SUCCESS' });
  expect(session.sourceOfFunds.provided.card).not.toHaveProperty('securityCode');
});

test('authorizes with line items, sub-totals and float amounts', async ({ page }) => {
  await openShop(page, '?operation=AUTHORIZE');
  const { payment } = await payWithCard(page);
  expect(payment).toMatchObject({
    result: 'SUCCESS',
    gatewayCode: 'APPROVED',
    orderStatus: 'AUTHORIZED',
    amount: '24.90',
    items: 2,
  });
});
