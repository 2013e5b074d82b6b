// The script-tag shop with 3-D Secure, in every engine (support/engine-test.ts): it asks the gateway (POST
// /sessions, the card by its hosted session) before paying, sends the payer to their bank's page when the
// bank wants to see them, and pays with the result when they come back. Top-level redirects across three
// sites, the 3DS Method in a hidden frame and its message back: where engines differ.
import { APPROVED, APPROVED_WITHOUT_3DS, EngineDemoCheckout } from './support/demo-checkout-page.ts';
import { DEMO_URL } from './support/demo-ports.ts';
import { expect, test, type BrowserPage } from './support/engine-test.ts';
import { GATEWAY_URL } from './support/ports.ts';
import { numberForms } from './support/secrets.ts';

async function payWith(page: BrowserPage, number: string): Promise<EngineDemoCheckout> {
  const checkout = new EngineDemoCheckout(page);
  await checkout.open();
  await checkout.fill({ ...APPROVED, number });
  await checkout.pay();
  return checkout;
}

/** The bank's challenge screen, once the interceptor has gone on to it. */
async function atTheBank(checkout: EngineDemoCheckout): Promise<void> {
  await expect.poll(() => checkout.text('#acs-title'), { timeout: 20_000 }).toBe('Confirm your payment');
}

test('a card whose bank challenges: the bank’s page, the code, and the receipt back at the shop', async ({
  browserPage,
}, testInfo) => {
  const checkout = await payWith(browserPage, '5123450000000008');
  await atTheBank(checkout);
  expect(await browserPage.url()).toMatch(new RegExp(`^${GATEWAY_URL.replace(/\./g, '\\.')}/3ds/`));
  const purchase = await checkout.text('.purchase');
  expect(purchase).toContain('Harbor & Pine Coffee');
  expect(purchase).toContain('$85.92');
  expect(purchase).toContain('Mastercard •••• 0008');
  const html = await browserPage.evaluate(() => document.documentElement.outerHTML);
  for (const form of numberForms('5123450000000008')) expect(html).not.toContain(form);
  await checkout.screenshot(testInfo, 'demo-3ds-challenge');

  await browserPage.click('#otp');
  await browserPage.type('1234');
  await browserPage.click('button[value="verify"]');
  await checkout.reached(`${DEMO_URL}/3ds/return`);
  await expect.poll(() => checkout.text('#result-title')).toContain('Payment approved');
  expect(await checkout.receiptLine('Card')).toBe('Mastercard •••• 0008');
  expect(await checkout.receiptLine('3-D Secure')).toBe(
    'Verified by your bank with a one-time code (ECI 02)',
  );
  await checkout.screenshot(testInfo, 'demo-3ds-receipt');

  // Loading the return page again pays nothing twice.
  await browserPage.goto(await browserPage.url());
  await expect.poll(() => checkout.text('#result-title')).toContain('Payment not completed');
});

test('a card the bank verifies without a code is paid after a round trip to the bank', async ({
  browserPage,
}) => {
  const checkout = await payWith(browserPage, '4508750015741019');
  await checkout.reached(`${DEMO_URL}/3ds/return`);
  await expect.poll(() => checkout.text('#result-title')).toContain('Payment approved');
  expect(await checkout.receiptLine('3-D Secure')).toBe('Verified by your bank (ECI 05)');
});

test('a card the bank does not verify is not paid, and the payer is told why', async ({ browserPage }) => {
  const checkout = await payWith(browserPage, '5111111111111118');
  await checkout.reached(`${DEMO_URL}/3ds/return`);
  await expect.poll(() => checkout.text('#result-title')).toContain('Payment not verified');
  expect(await checkout.text('#decline-message')).toBe(
    'Your bank could not confirm it was you, so the payment was not made. Try again, or use another card.',
  );
});

test('cancelling at the bank comes back to the shop with a way to try again', async ({ browserPage }) => {
  const checkout = await payWith(browserPage, '5123450000000008');
  await atTheBank(checkout);
  await browserPage.click('button[value="cancel"]');
  await checkout.reached(`${DEMO_URL}/3ds/return`);
  await expect
    .poll(() => checkout.text('#decline-message'))
    .toBe('You cancelled the check with your bank, so the payment was not made. You can try again.');
  await browserPage.click('#try-again');
  await expect.poll(() => browserPage.url()).toBe(`${DEMO_URL}/`);
  await checkout.ready();
});

test('a card outside 3-D Secure is paid at once, without a 3-D Secure line', async ({ browserPage }) => {
  const checkout = await payWith(browserPage, APPROVED_WITHOUT_3DS.number!);
  await expect.poll(() => checkout.text('#result-title'), { timeout: 15_000 }).toContain('Payment approved');
  expect(await browserPage.url()).toBe(`${DEMO_URL}/`);
  expect(await checkout.receiptLine('3-D Secure')).toBeNull();
});
