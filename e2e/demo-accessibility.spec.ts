// Accessibility of both demo checkouts: axe-core on the page and inside every hosted field, and the whole
// payment made with the keyboard alone.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DemoCheckout, FIELD_TITLES } from './support/demo-checkout-page.ts';
import { DEMO_URL, SPA_URL } from './support/demo-ports.ts';

// Both shops run 3-D Secure first: the card's bank asks for its one-time code in its frame in place of the form
// (script-tag shop, the ThreeDS script) or in the SDK's dialog over the app (single-page shop, `authenticate()`).
const DEMOS = [
  { name: 'script-tag demo', url: `${DEMO_URL}/`, challenge: 'frame' },
  { name: 'single-page demo', url: `${SPA_URL}/checkout`, challenge: 'dialog' },
] as const;

/** What has the keyboard focus: the top page's active element, which is the iframe when a field has it. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return active?.getAttribute('title') ?? active?.id ?? active?.textContent?.trim() ?? '';
  });
}

/** Moves the focused select to the option with this value using ArrowDown and ArrowUp only. */
async function chooseWithArrowKeys(page: Page, select: Locator, value: string): Promise<void> {
  const { from, to } = await select.evaluate((element, wanted) => {
    const options = [...(element as HTMLSelectElement).options];
    return {
      from: (element as HTMLSelectElement).selectedIndex,
      to: options.findIndex((o) => o.value === wanted),
    };
  }, value);
  expect(to, `an option with the value ${value}`).toBeGreaterThanOrEqual(0);
  for (let step = from; step !== to; step += Math.sign(to - from)) {
    await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
  }
  await expect(select).toHaveValue(value);
}

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

const checkedFieldName = (results: AxeResults) =>
  results.passes.some((rule) => rule.id === 'label' || rule.id === 'select-name');

/**
 * axe inside one field frame. A field frame is a piece of the checkout page, not a page: the rules about a whole
 * page's landmarks and headings are the page's (checked on the page, frames included), not the frame's. axe's
 * injection into a cross-origin frame can miss on its first pass over a page (it then reports every rule
 * inapplicable), so a pass that did not reach the field is run again, a few times at most.
 */
async function analyzeField(page: Page, title: string): Promise<AxeResults> {
  let results: AxeResults | undefined;
  for (let attempt = 0; attempt < 3 && !(results && checkedFieldName(results)); attempt += 1) {
    results = await new AxeBuilder({ page })
      .include([`iframe[title="${title}"]`, 'html'])
      .disableRules(['region', 'landmark-one-main', 'page-has-heading-one'])
      .analyze();
  }
  return results!;
}

for (const demo of DEMOS) {
  test.describe(demo.name, () => {
    test('axe finds no violation on the checkout page', async ({ page }) => {
      await page.goto(demo.url);
      await new DemoCheckout(page).ready();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations).toEqual([]);
    });

    test('axe finds no violation inside any hosted field', async ({ page }) => {
      await page.goto(demo.url);
      await new DemoCheckout(page).ready();
      for (const title of FIELD_TITLES) {
        const results = await analyzeField(page, title);
        expect(results.violations, title).toEqual([]);
        // Proof that axe ran inside the frame: it checked the name of the field's input or select.
        expect(checkedFieldName(results), title).toBe(true);
      }
    });

    test('every field is reachable and usable with the keyboard alone', async ({ page }) => {
      await page.goto(demo.url);
      const checkout = new DemoCheckout(page);
      await checkout.ready();

      // Tab moves through the fields in page order, from the heading above them, and Shift-Tab walks back the
      // same way. Focus crossing into another site's frame settles after the key: each step waits for it.
      await page.locator('.pay-panel h1').focus();
      for (const title of FIELD_TITLES) {
        await page.keyboard.press('Tab');
        await expect.poll(() => focused(page)).toBe(title);
      }
      for (const title of FIELD_TITLES.slice(0, -1).reverse()) {
        await page.keyboard.press('Shift+Tab');
        await expect.poll(() => focused(page)).toBe(title);
      }

      // The payer fills in every field with keys only, and Enter in the last field pays. The expiry selects are
      // moved with the arrow keys: a select's type-ahead forgets what was typed when keys come a second apart,
      // as they can on a busy machine.
      await expect(checkout.input('Card number')).toBeFocused();
      const entries = ['5123450000000008', { select: '01' }, { select: '39' }, '100', 'Ada Lovelace'];
      for (const [i, title] of FIELD_TITLES.entries()) {
        if (i > 0) await page.keyboard.press('Tab');
        await expect.poll(() => focused(page)).toBe(title);
        const entry = entries[i]!;
        if (typeof entry === 'string') await page.keyboard.type(entry);
        else await chooseWithArrowKeys(page, checkout.input(title), entry.select);
      }
      await expect(checkout.input('Expiry month')).toHaveValue('01');
      await expect(checkout.input('Expiry year')).toHaveValue('39');
      await expect(checkout.payButton).toBeEnabled();
      await page.keyboard.press('Enter');
      // The bank's challenge takes the keyboard too: its code field has the focus, Enter verifies.
      const bank =
        demo.challenge === 'frame'
          ? page.getByTitle('Confirm your payment with your bank').contentFrame()
          : page
              .getByRole('dialog', { name: 'Confirm your payment with your bank' })
              .locator('iframe')
              .contentFrame();
      if (demo.challenge === 'frame') {
        // The bank's frame takes the place of the form and has the focus; browsers never autofocus inside
        // another origin's frame, so the payer's first Tab reaches the bank's code field.
        await expect(bank.getByLabel('One-time code')).toBeVisible({ timeout: 15_000 });
        await expect(page.locator('#payment-form')).toBeHidden();
        await expect.poll(() => focused(page)).toBe('Confirm your payment with your bank');
        await page.keyboard.press('Tab');
      }
      if (demo.challenge === 'dialog') {
        // Browsers never autofocus inside another origin's frame: the dialog's Cancel has the focus, and the
        // payer's first Tab reaches the bank's code field.
        await expect(bank.getByLabel('One-time code')).toBeVisible({ timeout: 15_000 });
        await expect(page.getByRole('button', { name: 'Cancel verification' })).toBeFocused();
        const results = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
        expect(results.violations).toEqual([]);
        await page.keyboard.press('Tab');
      }
      await expect(bank.getByLabel('One-time code')).toBeFocused({ timeout: 15_000 });
      await page.keyboard.type('1234');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: 'Payment approved' })).toBeVisible({ timeout: 15_000 });
    });
  });
}
