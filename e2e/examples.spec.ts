// The consumer examples (examples/), built by scripts/check-packages.mjs from the packed packages rather than
// the workspace, driven as a payer would: type a card, pay, and see the gateway's `ok`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { MERCHANT_URL } from './support/ports.ts';

const BUILDS = new URL('../.test-output/examples/', import.meta.url).pathname;
const CARD = {
  number: '5123450000000008',
  month: '01',
  year: '39',
  securityCode: '100',
  name: 'Ada Lovelace',
};

function field(page: Page, title: string) {
  return page.frameLocator(`iframe[title="${title}"]`).locator('input, select').first();
}

async function payWithTheExample(page: Page, example: string): Promise<void> {
  if (!existsSync(join(BUILDS, example, 'index.html')))
    throw new Error(`${example} is not built: run node scripts/check-packages.mjs (the test run does) first`);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${MERCHANT_URL}/examples/${example}/`);
  const pay = page.getByRole('button', { name: 'Pay' });
  await expect(pay).toBeEnabled({ timeout: 15_000 });
  await expect(page.locator('iframe[title="Card number"]')).toHaveCount(1);
  await field(page, 'Card number').pressSequentially(CARD.number);
  await field(page, 'Expiry month').pressSequentially(CARD.month);
  await field(page, 'Expiry year').pressSequentially(CARD.year);
  await field(page, 'Security code').pressSequentially(CARD.securityCode);
  await field(page, 'Name on card').pressSequentially(CARD.name);
  await pay.click();
  await expect(page.locator('#result')).toHaveText('ok', { timeout: 15_000 });
  // The page itself never held the card: only the gateway's frames did.
  const html = await page.content();
  for (const value of [CARD.number, CARD.name]) expect(html).not.toContain(value);
  expect(errors).toEqual([]);
}

test('the script-tag example puts a card into a session', async ({ page }) => {
  await payWithTheExample(page, 'vanilla-script-tag');
});

test('the Vite + React example mounts its field components and puts a card into a session', async ({
  page,
}) => {
  await payWithTheExample(page, 'vite-react');
  await expect(page.locator('#brand')).toHaveText('MASTERCARD');
});

test('the Vue 3 example mounts on template refs and puts a card into a session', async ({ page }) => {
  await payWithTheExample(page, 'vue3');
  await expect(page.locator('#brand')).toHaveText('MASTERCARD');
});
