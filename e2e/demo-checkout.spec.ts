// The script-tag demo (apps/demo-checkout) as a shopper meets it: session.js from the gateway, hosted
// fields in a shop's page, and the shop's server paying with the session.
import { expect, test, type Page } from '@playwright/test';
import { APPROVED_WITHOUT_3DS as APPROVED, DemoCheckout } from './support/demo-checkout-page.ts';
import { DEMO_URL } from './support/demo-ports.ts';

async function open(page: Page): Promise<{ checkout: DemoCheckout; sessionId: string }> {
  const response = await page.goto(`${DEMO_URL}/`);
  expect(response?.status()).toBe(200);
  const checkout = new DemoCheckout(page);
  await checkout.ready();
  const sessionId = (await page.locator('meta[name="hosted-session"]').getAttribute('content')) ?? '';
  expect(sessionId).toMatch(/^SESSION/);
  return { checkout, sessionId };
}

test('an approved payment ends on a receipt', async ({ page }, testInfo) => {
  const { checkout } = await open(page);
  await checkout.screenshot(testInfo, 'demo-checkout');

  await checkout.fill(APPROVED);
  await expect(page.getByRole('img', { name: 'Mastercard' })).toBeVisible();
  await checkout.screenshot(testInfo, 'demo-checkout-filled');
  await checkout.pay();

  const result = page.locator('#result');
  await expect(result.getByRole('heading', { name: 'Payment approved' })).toBeVisible({ timeout: 15_000 });
  const receipt = page.locator('#receipt');
  await expect(receipt).toContainText('Mastercard •••• 0007');
  await expect(receipt).toContainText('Mastercard');
  await expect(receipt).toContainText('$85.92');
  await expect(receipt.locator('dt:text("Authorization code") + dd')).toHaveText(/\S+/);
  await expect(receipt.locator('dt:text("Receipt number") + dd')).toHaveText(/\S+/);
  await expect(page.locator('#checkout')).toBeHidden();
  // The page never held the card: outside the test-card list, only the masked number is in it.
  for (const part of ['#checkout', '#result']) {
    expect(await page.locator(part).evaluate((element) => element.outerHTML)).not.toContain(
      '2223000000000007',
    );
  }
  await checkout.screenshot(testInfo, 'demo-receipt');
});

test('a declined card gets a clear message and a fresh form to try again', async ({ page }, testInfo) => {
  const { checkout, sessionId } = await open(page);
  await checkout.fill({ ...APPROVED, month: '05', year: '39' });
  await checkout.pay();

  await expect(page.getByRole('heading', { name: 'Payment declined' })).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('#decline-message')).toHaveText(
    'Your bank declined this payment. Try another card, or contact your bank.',
  );
  await checkout.screenshot(testInfo, 'demo-declined');
  await page.getByRole('link', { name: 'Try again' }).click();

  const again = new DemoCheckout(page);
  await again.ready();
  const fresh = await page.locator('meta[name="hosted-session"]').getAttribute('content');
  expect(fresh).not.toBe(sessionId);
  await again.fill(APPROVED);
  await again.pay();
  await expect(page.getByRole('heading', { name: 'Payment approved' })).toBeVisible({ timeout: 15_000 });
});

test('an expired card is told so', async ({ page }) => {
  const { checkout } = await open(page);
  await checkout.fill({ ...APPROVED, month: '04', year: '27' });
  await checkout.pay();
  await expect(page.getByRole('heading', { name: 'Payment declined' })).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('#decline-message')).toHaveText(
    'This card has expired. Check the expiry date, or use another card.',
  );
});

test('fields in error show inline messages, and the gateway’s verdict is shown field by field', async ({
  page,
}) => {
  const { checkout } = await open(page);
  // A number that fails the Luhn check is an error as soon as it is complete.
  await checkout.input('Card number').pressSequentially('5123450000000009');
  await expect(page.locator('#number-error')).toHaveText('Your card number is invalid.');
  await expect(page.locator('.control:has(#card-number)')).toHaveClass(/is-invalid/);

  // An incomplete code says so once the payer leaves the field.
  await checkout.input('Security code').pressSequentially('1');
  await checkout.input('Name on card').focus();
  await expect(page.locator('#securityCode-error')).toHaveText('Your security code is incomplete.');

  // Submitting anyway (Enter in a field) asks the hosted form, whose fields_in_error lands on each field.
  await page.locator('#payment-form').evaluate((form: HTMLFormElement) => form.requestSubmit());
  await expect(page.locator('#number-error')).toHaveText('Your card number is invalid.');
  await expect(page.locator('#expiry-error')).toHaveText('Choose the expiry month and year.');
  await expect(page.locator('#nameOnCard-error')).toHaveText('Enter the name on the card.');
  await expect(checkout.payButton).toBeDisabled();

  // Correcting a field clears its message.
  await checkout.input('Card number').fill('');
  await checkout.input('Card number').pressSequentially('5123450000000008');
  await expect(page.locator('#number-error')).toBeEmpty();
});

test('the pay button is enabled only by a valid form, and spins while paying', async ({ page }) => {
  const { checkout } = await open(page);
  await expect(checkout.payButton).toBeDisabled();
  await checkout.fill({ ...APPROVED, securityCode: undefined });
  await expect(checkout.payButton).toBeDisabled();
  await checkout.input('Security code').pressSequentially('100');
  await expect(checkout.payButton).toBeEnabled();
  await checkout.input('Security code').press('Backspace');
  await expect(checkout.payButton).toBeDisabled();
  await checkout.input('Security code').pressSequentially('0');
  await expect(checkout.payButton).toBeEnabled();

  // Hold the shop's answer so the paying state can be seen.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/pay', async (route) => {
    await held;
    await route.continue();
  });
  await checkout.payButton.click();
  await expect(checkout.payButton).toBeDisabled();
  await expect(checkout.payButton).toHaveClass(/is-paying/);
  await expect(checkout.payButton.locator('.spinner')).toBeVisible();
  await expect(checkout.payButton).toHaveText('Paying…');
  release();
  await expect(page.getByRole('heading', { name: 'Payment approved' })).toBeVisible({ timeout: 15_000 });
});

test('the page’s session pays once, and only a session the shop issued pays at all', async ({ page }) => {
  const { checkout, sessionId } = await open(page);
  await checkout.fill(APPROVED);
  await checkout.pay();
  await expect(page.getByRole('heading', { name: 'Payment approved' })).toBeVisible({ timeout: 15_000 });

  const replay = await page.request.post(`${DEMO_URL}/api/pay`, { data: { sessionId } });
  expect(replay.status()).toBe(409);
  expect(await replay.json()).toMatchObject({ approved: false, error: 'SESSION_USED' });

  const forged = await page.request.post(`${DEMO_URL}/api/pay`, {
    data: { sessionId: 'SESSION0002816562472I0271878F98' },
  });
  expect(forged.status()).toBe(400);
  expect(await forged.json()).toMatchObject({ approved: false, error: 'UNKNOWN_SESSION' });

  // Each view of the page is its own session.
  await page.goto(`${DEMO_URL}/`);
  expect(await page.locator('meta[name="hosted-session"]').getAttribute('content')).not.toBe(sessionId);
});

test('the page defends itself against framing and never shows the API password', async ({ page }) => {
  const response = await page.goto(`${DEMO_URL}/`);
  const headers = response!.headers();
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(await page.content()).not.toContain('sandbox-password-not-for-production');
});

test('a test card is copied in one click and pastes into the card number field', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: DEMO_URL });
  const { checkout } = await open(page);
  await page.getByRole('button', { name: 'Copy Visa number 4508 7500 1574 1019' }).click();
  await expect(page.locator('#copied')).toHaveText('Copied 4508750015741019 — paste it into Card number.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('4508750015741019');

  await checkout.input('Card number').focus();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(checkout.input('Card number')).toHaveValue('4508 7500 1574 1019');
  await expect(page.getByRole('img', { name: 'Visa' })).toBeVisible();
});
