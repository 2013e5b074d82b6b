// The React single-page demo (apps/spa-checkout): the field components of @hosted-session/react, fields
// mounted and unmounted with the checkout route, in a development build where StrictMode mounts twice.
import { expect, test, type Page } from '@playwright/test';
import { APPROVED, APPROVED_WITHOUT_3DS, DemoCheckout } from './support/demo-checkout-page.ts';
import { SPA_URL } from './support/demo-ports.ts';
import { answerChallengeWithPlaywright } from './support/threeds.ts';

/** The SDK's dialog with the bank's challenge, which `authenticate()` opens over the app. */
const bankDialog = (page: Page) => page.getByRole('dialog', { name: 'Confirm your payment with your bank' });

async function payOnCheckout(page: Page): Promise<string> {
  const checkout = new DemoCheckout(page);
  await checkout.ready();
  expect(await checkout.frameCounts()).toEqual([1, 1, 1, 1, 1]);
  await checkout.fill(APPROVED);
  await checkout.pay();
  // APPROVED is a 3-D Secure challenge card: the app authenticates with the SDK before its server pays.
  await answerChallengeWithPlaywright(bankDialog(page).locator('iframe').contentFrame(), '1234');
  await expect(page).toHaveURL(`${SPA_URL}/receipt`, { timeout: 15_000 });
  await expect(page.getByRole('heading', { name: 'Payment approved' })).toBeVisible();
  await expect(page.locator('#receipt')).toContainText('Mastercard •••• 0008');
  return (await page.locator('#receipt dt:text("Order") + dd').textContent()) ?? '';
}

test('pay from the cart, through the checkout, to the receipt', async ({ page }, testInfo) => {
  await page.goto(`${SPA_URL}/`);
  await expect(page.getByRole('heading', { name: 'Your cart' })).toBeVisible();
  const checkout = new DemoCheckout(page);
  await checkout.screenshot(testInfo, 'spa-cart');
  await page.getByRole('link', { name: 'Go to checkout' }).click();
  await expect(page).toHaveURL(`${SPA_URL}/checkout`);
  await checkout.ready();
  await checkout.screenshot(testInfo, 'spa-checkout');
  const order = await payOnCheckout(page);
  expect(order).toMatch(/^order-/);
  await checkout.screenshot(testInfo, 'spa-receipt');
});

test('navigate away and back, pay, and pay again', async ({ page }) => {
  const sessions: string[] = [];
  page.on('request', (request) => request.url().endsWith('/api/session') && sessions.push(request.url()));

  await page.goto(`${SPA_URL}/checkout`);
  const checkout = new DemoCheckout(page);
  await checkout.ready();
  await checkout.input('Card number').pressSequentially('4508');

  // Leaving the route unmounts the fields: their frames go, and the placeholders with them.
  await page.getByRole('link', { name: '← Back to cart' }).click();
  await expect(page.getByRole('heading', { name: 'Your cart' })).toBeVisible();
  await expect(page.locator('iframe')).toHaveCount(0);

  // Coming back mounts fresh, empty fields on the same unused session.
  await page.getByRole('link', { name: 'Go to checkout' }).click();
  await checkout.ready();
  await expect(checkout.input('Card number')).toHaveValue('');
  const first = await payOnCheckout(page);
  expect(sessions).toHaveLength(1);

  // A paid session is spent: the next checkout gets a new one.
  await page.getByRole('link', { name: 'Back to the shop' }).click();
  await page.getByRole('link', { name: 'Go to checkout' }).click();
  const second = await payOnCheckout(page);
  expect(second).not.toBe(first);
  expect(sessions).toHaveLength(2);

  // The browser's Back button from a receipt leads to a fresh checkout, never to the spent session.
  await page.goBack();
  await expect(page).toHaveURL(`${SPA_URL}/checkout`);
  await checkout.ready();
  await expect(checkout.input('Card number')).toHaveValue('');
  expect(sessions).toHaveLength(3);
});

test('StrictMode’s double mount leaves exactly one frame per field, and one session', async ({ page }) => {
  // Counts every hub frame ever added, even one removed in the same task (StrictMode's first mount).
  await page.addInitScript(() => {
    (window as any).hubsAdded = 0;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node instanceof HTMLIFrameElement && node.title === 'Payment session')
            (window as any).hubsAdded += 1;
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const sessions: string[] = [];
  page.on('request', (request) => request.url().endsWith('/api/session') && sessions.push(request.url()));
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));

  await page.goto(`${SPA_URL}/checkout`);
  const checkout = new DemoCheckout(page);
  await checkout.ready();
  const hubsBefore: number = await page.evaluate(() => (window as any).hubsAdded);

  // Back on the checkout, the session is known at the first render, so StrictMode mounts the field
  // components, unmounts them and mounts them again; the provider mounts frames for what stays.
  await page.getByRole('link', { name: '← Back to cart' }).click();
  await page.getByRole('link', { name: 'Go to checkout' }).click();
  await checkout.ready();
  expect(await page.evaluate(() => (window as any).hubsAdded)).toBeGreaterThan(hubsBefore);
  expect(await checkout.frameCounts()).toEqual([1, 1, 1, 1, 1]);
  await expect(page.locator('iframe[title="Payment session"]')).toHaveCount(1);
  expect(sessions).toHaveLength(1);
  expect(errors).toEqual([]);

  // The surviving mount is the live one: its events reach the page, and paying works.
  await checkout.input('Card number').pressSequentially('4508750015741019');
  await expect(page.getByRole('img', { name: 'Visa' })).toBeVisible();
  await checkout.input('Card number').fill('');
  await payOnCheckout(page);
});

test('a decline offers a fresh form on a new session', async ({ page }) => {
  await page.goto(`${SPA_URL}/checkout`);
  const checkout = new DemoCheckout(page);
  await checkout.ready();
  await checkout.fill({ ...APPROVED_WITHOUT_3DS, month: '05', year: '39' });
  await checkout.pay();
  await expect(page.getByRole('heading', { name: 'Payment declined' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Try again' }).click();
  await payOnCheckout(page);
});

test('save a card for later, then pay with the saved card', async ({ page }) => {
  await page.goto(`${SPA_URL}/checkout`);
  const checkout = new DemoCheckout(page);
  await checkout.ready();
  await page.getByRole('link', { name: /a card for later|your saved card/ }).click();
  await expect(page).toHaveURL(`${SPA_URL}/save-card`);
  await expect(page.getByRole('heading', { name: 'Save a card for later' })).toBeVisible();
  await checkout.ready();
  expect(await checkout.frameCounts()).toEqual([1, 1, 1, 1, 1]);
  await checkout.fill(APPROVED);
  await checkout.pay();

  // Back at the checkout, the saved card is offered by its brand and last four digits only.
  await expect(page).toHaveURL(`${SPA_URL}/checkout`, { timeout: 15_000 });
  const saved = page.locator('#saved-card');
  await expect(saved).toContainText('Mastercard •••• 0008');
  expect(await saved.textContent()).not.toMatch(/512345/);
  await page.locator('#pay-saved').click();
  await expect(page).toHaveURL(`${SPA_URL}/receipt`, { timeout: 15_000 });
  await expect(page.getByRole('heading', { name: 'Payment approved' })).toBeVisible();
  await expect(page.locator('#receipt')).toContainText('Mastercard •••• 0008');
});

test.describe('3-D Secure with authenticate()', () => {
  async function startPaying(page: Page, card = APPROVED): Promise<DemoCheckout> {
    await page.goto(`${SPA_URL}/checkout`);
    const checkout = new DemoCheckout(page);
    await checkout.ready();
    await checkout.fill(card);
    await checkout.pay();
    return checkout;
  }

  test('a frictionless card pays without a dialog', async ({ page }) => {
    let dialogs = 0;
    await page.exposeFunction('dialogOpened', () => (dialogs += 1));
    await page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.querySelector('[role="dialog"]')) (window as any).dialogOpened();
      }).observe(document, { childList: true, subtree: true });
    });
    await startPaying(page, { ...APPROVED, number: '5123456789012346' });
    await expect(page).toHaveURL(`${SPA_URL}/receipt`, { timeout: 15_000 });
    expect(dialogs).toBe(0);
  });

  test('the challenge dialog is modal: focus stays in it, the app behind is inert, Escape abandons', async ({
    page,
  }) => {
    await startPaying(page);
    const dialog = bankDialog(page);
    const frame = dialog.locator('iframe').contentFrame();
    await expect(frame.getByLabel('One-time code')).toBeVisible({ timeout: 15_000 });
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    // Everything outside the dialog is inert: no tabbing to it, no clicking it, hidden from screen readers.
    expect(
      await page.evaluate(() =>
        Array.from(document.body.children)
          .filter((element) => !element.querySelector('[role="dialog"]'))
          .every((element) => element.hasAttribute('inert')),
      ),
    ).toBe(true);
    // Tab from Cancel cycles within the dialog: into the frame, and back to Cancel.
    const cancel = dialog.getByRole('button', { name: 'Cancel verification' });
    await cancel.focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
    await cancel.focus();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('You cancelled the check with your bank')).toBeVisible({ timeout: 15_000 });
    // The app is usable again.
    expect(await page.evaluate(() => document.querySelectorAll('[inert]').length)).toBe(0);
  });

  test('three wrong codes: the bank did not confirm, nothing is charged', async ({ page }) => {
    await startPaying(page);
    const frame = bankDialog(page).locator('iframe').contentFrame();
    for (let attempt = 0; attempt < 3; attempt++) await answerChallengeWithPlaywright(frame, '9999');
    await expect(page.getByText('Your bank could not confirm it was you')).toBeVisible({ timeout: 15_000 });
    await expect(bankDialog(page)).toHaveCount(0);
  });

  test("Cancel on the bank's own screen: the payer is told they cancelled, nothing is charged", async ({
    page,
  }) => {
    await startPaying(page);
    const frame = bankDialog(page).locator('iframe').contentFrame();
    await frame.getByRole('button', { name: 'Cancel' }).click({ timeout: 15_000 });
    // Mastercard reports it as a failed authentication; the shop tells it from a decline (no reason code).
    await expect(page.getByText('You cancelled the check with your bank')).toBeVisible({ timeout: 15_000 });
    await expect(bankDialog(page)).toHaveCount(0);
  });
});
