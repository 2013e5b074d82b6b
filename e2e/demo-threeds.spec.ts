// The script-tag shop with 3-D Secure: it asks the gateway (POST /sessions, the card by its hosted session)
// before paying, sends the payer to their bank's page when the bank wants to see them, and pays with the
// result when they come back.
import { expect, test, type Page } from '@playwright/test';
import { APPROVED, APPROVED_WITHOUT_3DS, DemoCheckout } from './support/demo-checkout-page.ts';
import { DEMO_URL } from './support/demo-ports.ts';
import { GATEWAY_URL } from './support/ports.ts';
import { numberForms } from './support/secrets.ts';

async function payWith(page: Page, number: string): Promise<DemoCheckout> {
  await page.goto(`${DEMO_URL}/`);
  const checkout = new DemoCheckout(page);
  await checkout.ready();
  await checkout.fill({ ...APPROVED, number });
  await checkout.pay();
  return checkout;
}

test('a card whose bank challenges: the bank’s page, the code, and the receipt back at the shop', async ({
  page,
}, testInfo) => {
  const checkout = await payWith(page, '5123450000000008');
  await page.waitForURL(`${GATEWAY_URL}/3ds/**`);
  await expect(page.getByRole('heading', { name: 'Confirm your payment' })).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.purchase')).toContainText('Harbor & Pine Coffee');
  await expect(page.locator('.purchase')).toContainText('$85.92');
  await expect(page.locator('.purchase')).toContainText('Mastercard •••• 0008');
  const html = await page.content();
  for (const form of numberForms('5123450000000008')) expect(html).not.toContain(form);
  await checkout.screenshot(testInfo, 'demo-3ds-challenge');

  await page.getByLabel('One-time code').fill('1234');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL(`${DEMO_URL}/3ds/return**`);
  await expect(page.getByRole('heading', { name: 'Payment approved' })).toBeVisible();
  const receipt = page.locator('#receipt');
  await expect(receipt).toContainText('Mastercard •••• 0008');
  await expect(receipt.locator('dt:text("3-D Secure") + dd')).toHaveText(
    'Verified by your bank with a one-time code (ECI 02)',
  );
  await checkout.screenshot(testInfo, 'demo-3ds-receipt');

  // Loading the return page again pays nothing twice.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Payment not completed' })).toBeVisible();
});

test('a card the bank verifies without a code is paid after a round trip to the bank', async ({ page }) => {
  await payWith(page, '4508750015741019');
  await page.waitForURL(`${DEMO_URL}/3ds/return**`, { timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Payment approved' })).toBeVisible();
  await expect(page.locator('#receipt dt:text("3-D Secure") + dd')).toHaveText(
    'Verified by your bank (ECI 05)',
  );
});

test('a card the bank does not verify is not paid, and the payer is told why', async ({ page }) => {
  await payWith(page, '5111111111111118');
  await page.waitForURL(`${DEMO_URL}/3ds/return**`, { timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Payment not verified' })).toBeVisible();
  await expect(page.locator('#decline-message')).toHaveText(
    'Your bank could not confirm it was you, so the payment was not made. Try again, or use another card.',
  );
});

test('cancelling at the bank comes back to the shop with a way to try again', async ({ page }) => {
  await payWith(page, '5123450000000008');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForURL(`${DEMO_URL}/3ds/return**`);
  await expect(page.locator('#decline-message')).toHaveText(
    'You cancelled the check with your bank, so the payment was not made. You can try again.',
  );
  await page.getByRole('link', { name: 'Try again' }).click();
  await new DemoCheckout(page).ready();
});

test('a card outside 3-D Secure is paid at once, without a 3-D Secure line', async ({ page }) => {
  await payWith(page, APPROVED_WITHOUT_3DS.number!);
  await expect(page.getByRole('heading', { name: 'Payment approved' })).toBeVisible({ timeout: 15_000 });
  expect(page.url()).toBe(`${DEMO_URL}/`);
  await expect(page.locator('#receipt dt:text("3-D Secure")')).toHaveCount(0);
});
