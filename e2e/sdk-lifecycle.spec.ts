// What the SDK does after mounting, in Chromium against the real gateway and frames: a new session for the
// card already typed (after a decline), a placeholder the page removes, a field that follows its container.
import { expect, test } from '@playwright/test';
import { CheckoutPage } from './support/checkout-page.ts';
import { createSession, retrieveSession } from './support/gateway-client.ts';
import { MERCHANT_URL } from './support/ports.ts';

const CARD = {
  number: '5123450000000008',
  month: '01',
  year: '39',
  securityCode: '100',
  nameOnCard: 'Ada Lovelace',
};

test('configure again with a new session keeps the card; the payer types only the security code', async ({
  page,
}) => {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  await checkout.fill(CARD);
  expect((await checkout.submit()).status).toBe('ok');

  // The payment was declined; the merchant's server makes a new session and the page configures again.
  const next = await createSession();
  await page.evaluate((session) => {
    (window as any).recorded.initialized = null;
    (window as any).PaymentSession.configure({
      session,
      fields: {
        card: {
          number: '#card-number',
          securityCode: '#security-code',
          expiryMonth: '#expiry-month',
          expiryYear: '#expiry-year',
          nameOnCard: '#cardholder-name',
        },
      },
      frameEmbeddingMitigation: ['javascript'],
      callbacks: {
        initialized: (response: unknown) => ((window as any).recorded.initialized = response),
        formSessionUpdate: (response: unknown) => (window as any).recorded.updates.push(response),
      },
      interaction: { displayControl: { formatCard: 'EMBOSSED', invalidFieldCharacters: 'REJECT' } },
      locale: 'en_US',
    });
  }, next.id);
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.initialized))
    .toEqual({ status: 'ok' });
  await expect(page.locator('iframe[title="Card number"]')).toHaveCount(1);
  await expect.poll(() => checkout.value('#card-number')).toBe('5123 4500 0000 0008');
  await expect.poll(() => checkout.value('#security-code')).toBe('');

  const missing = await checkout.submit();
  expect(missing).toMatchObject({ status: 'fields_in_error', errors: { securityCode: 'missing' } });
  await checkout.fill({ securityCode: '100' });
  const update = await checkout.submit();
  expect(update).toMatchObject({ status: 'ok', session: { id: next.id } });
  const stored = await retrieveSession(next.id);
  expect(stored.sourceOfFunds.provided.card).toMatchObject({
    number: '512345xxxxxx0008',
    securityCode: 'xxx',
  });
});

test('a placeholder the page removes takes the form’s frames with it', async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.evaluate(() => document.querySelector('#cardholder-name')!.remove());
  await expect(page.locator('iframe')).toHaveCount(0);
  await expect.poll(() => errors.join('\n')).toContain('frame reloaded or went away');
});

test('a field whose placeholder has a relative width follows its container', async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'box';
    box.style.width = '400px';
    box.innerHTML = '<input id="wide" readonly style="width: 100%; box-sizing: border-box">';
    document.body.append(box);
    (window as any).PaymentSession.configure(
      { fields: { card: { number: '#wide' } }, frameEmbeddingMitigation: ['javascript'] },
      'wide',
    );
  });
  const frame = page.locator('#box iframe');
  await expect.poll(async () => (await frame.boundingBox())?.width).toBe(400);
  await page.evaluate(() => (document.getElementById('box')!.style.width = '240px'));
  await expect.poll(async () => (await frame.boundingBox())?.width).toBe(240);
});

test('a page whose CSP keeps the SDK from asking the gateway still gets its fields', async ({ page }) => {
  const session = await createSession();
  const violations: string[] = [];
  page.on(
    'console',
    (message) => /Content Security Policy/.test(message.text()) && violations.push(message.text()),
  );
  await page.goto(`${MERCHANT_URL}/pages/strict-csp.html?session=${session.id}`);
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.initialized))
    .toEqual({ status: 'ok' });
  // The check was refused by the page's own policy, and that alone did not fail the form.
  expect(violations.join('\n')).toContain('/check');
  await expect(page.frameLocator('iframe[title="Card number"]').locator('input')).toBeVisible();
});
