// The script-tag shop with 3-D Secure, in every engine (support/engine-test.ts): the page runs the gateway's
// ThreeDS script with its hosted session (INITIATE_AUTHENTICATION, the 3DS Method in a hidden frame,
// AUTHENTICATE_PAYER), shows the bank's challenge in a gateway-origin frame in its own container, and the shop's
// server pays with the authentication it reads from the gateway. Cross-origin frames posting forms and
// messages to each other: where engines differ.
import { APPROVED, APPROVED_WITHOUT_3DS, EngineDemoCheckout } from './support/demo-checkout-page.ts';
import { DEMO_URL } from './support/demo-ports.ts';
import { expect, test, type BrowserPage } from './support/engine-test.ts';
import type { BrowserFrame } from './support/browser/page.ts';
import { GATEWAY_URL } from './support/ports.ts';
import { numberForms } from './support/secrets.ts';
import { challengeShown, leave } from './support/threeds.ts';

const CHALLENGE = '#threeds-container iframe.hs-3ds-challenge';

async function payWith(page: BrowserPage, number: string): Promise<EngineDemoCheckout> {
  const checkout = new EngineDemoCheckout(page);
  await checkout.open();
  await checkout.fill({ ...APPROVED, number });
  await checkout.pay();
  return checkout;
}

/** The bank's challenge screen, in its frame in the shop's page. */
async function atTheBank(page: BrowserPage): Promise<BrowserFrame> {
  const bank = await page.frame(CHALLENGE);
  await challengeShown(bank);
  await expect
    .poll(() => bank.evaluate(() => document.getElementById('acs-title')?.textContent))
    .toBe('Confirm your payment');
  return bank;
}

/**
 * Nothing of the card in what the shop's page can read: its markup (but the sandbox's list of test cards),
 * and the bank's frame, which it cannot open.
 */
function pageHoldsNoCard(page: BrowserPage, number: string): Promise<void> {
  return page
    .evaluate((selector) => {
      const frame = document.querySelector<HTMLIFrameElement>(selector);
      const copy = document.documentElement.cloneNode(true) as HTMLElement;
      copy.querySelector('.test-cards')?.remove();
      return { html: copy.outerHTML, readable: frame?.contentDocument != null };
    }, CHALLENGE)
    .then(({ html, readable }) => {
      expect(readable).toBe(false);
      for (const form of numberForms(number)) expect(html).not.toContain(form);
    });
}

test('a card whose bank challenges: the bank’s frame in the page, the code, and the receipt', async ({
  browserPage,
}, testInfo) => {
  const checkout = await payWith(browserPage, '5123450000000008');
  const bank = await atTheBank(browserPage);
  // The payer never leaves the shop: the bank's page is a gateway-origin frame in its container.
  expect(await browserPage.url()).toBe(`${DEMO_URL}/`);
  expect(await bank.url()).toMatch(new RegExp(`^${GATEWAY_URL.replace(/\./g, '\\.')}/3ds/`));
  expect(await checkout.text('#payment-form', 'hidden')).toBe('');
  const purchase = await bank.evaluate(() => document.querySelector('.purchase')?.textContent ?? '');
  // The gateway names the merchant as its account does (the REST operations send no descriptor).
  expect(purchase).toContain('TESTMERCHANT');
  expect(purchase).toContain('$85.92');
  expect(purchase).toContain('Mastercard •••• 0008');
  await pageHoldsNoCard(browserPage, '5123450000000008');
  await checkout.screenshot(testInfo, 'demo-3ds-challenge');

  // The right code ends the challenge: ThreeDS removes the frame and the shop pays.
  await bank.type('#otp', '1234');
  await bank.click('button[value="verify"]');
  await expect.poll(() => checkout.text('#result-title'), { timeout: 20_000 }).toContain('Payment approved');
  expect(await browserPage.evaluate((selector) => document.querySelector(selector), CHALLENGE)).toBeNull();
  expect(await checkout.receiptLine('Card')).toBe('Mastercard •••• 0008');
  expect(await checkout.receiptLine('3-D Secure')).toBe(
    'Verified by your bank with a one-time code (ECI 02)',
  );
  await checkout.screenshot(testInfo, 'demo-3ds-receipt');

  // The same session sent again pays nothing twice.
  const again = await browserPage.evaluate(async () => {
    const sessionId = document.querySelector<HTMLMetaElement>('meta[name="hosted-session"]')!.content;
    const reply = await fetch('/api/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId }),
    });
    return { status: reply.status, body: await reply.json() };
  });
  expect(again).toMatchObject({ status: 409, body: { approved: false, error: 'SESSION_USED' } });
});

test('a wrong code is refused in the frame, and the right one then pays', async ({ browserPage }) => {
  const checkout = await payWith(browserPage, '5123450000000008');
  const bank = await atTheBank(browserPage);
  await bank.type('#otp', '9999');
  await leave(bank, 'button[value="verify"]');
  await expect
    .poll(() => bank.evaluate(() => document.getElementById('otp-error')?.textContent ?? null))
    .toContain('That code is not right');
  await bank.clear('#otp');
  await bank.type('#otp', '1234');
  await bank.click('button[value="verify"]');
  await expect.poll(() => checkout.text('#result-title'), { timeout: 20_000 }).toContain('Payment approved');
});

test('a card the bank verifies without a code is paid without a challenge', async ({ browserPage }) => {
  const checkout = await payWith(browserPage, '4508750015741019');
  await expect.poll(() => checkout.text('#result-title'), { timeout: 20_000 }).toContain('Payment approved');
  expect(await browserPage.url()).toBe(`${DEMO_URL}/`);
  expect(await checkout.receiptLine('3-D Secure')).toBe('Verified by your bank (ECI 05)');
});

test('a card the bank does not verify is not paid, and the payer is told why', async ({ browserPage }) => {
  const checkout = await payWith(browserPage, '5111111111111118');
  await expect
    .poll(() => checkout.text('#result-title'), { timeout: 20_000 })
    .toContain('Payment not verified');
  expect(await checkout.text('#decline-message')).toBe(
    'Your bank could not confirm it was you, so the payment was not made. Try again, or use another card.',
  );
});

test('cancelling at the bank comes back to the shop with a way to try again', async ({ browserPage }) => {
  const checkout = await payWith(browserPage, '5123450000000008');
  const bank = await atTheBank(browserPage);
  await bank.click('button[value="cancel"]');
  await expect
    .poll(() => checkout.text('#decline-message'), { timeout: 20_000 })
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
