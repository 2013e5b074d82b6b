// A page model shared by the demo specs: the hosted fields are reached by their iframe titles, as a
// payer's assistive technology would, and typed into like a payer does.
import { mkdir, writeFile } from 'node:fs/promises';
import { expect, type Page, type TestInfo } from '@playwright/test';
import type { BrowserPage } from './browser/page.ts';
import { FIELD_INPUT } from './checkout-page.ts';
import { DEMO_URL, SCREENSHOT_DIR } from './demo-ports.ts';

export interface DemoCard {
  number?: string;
  month?: string;
  year?: string;
  securityCode?: string;
  name?: string;
}

export const APPROVED: DemoCard = {
  number: '5123450000000008',
  month: '01',
  year: '39',
  securityCode: '100',
  name: 'Ada Lovelace',
};

/**
 * An approved card outside 3-D Secure: the script-tag shop pays with it straight away. (The shop runs 3-D
 * Secure first for the gateway's 3-D Secure test cards, APPROVED's number among them.)
 */
export const APPROVED_WITHOUT_3DS: DemoCard = { ...APPROVED, number: '2223000000000007' };

/** The iframe titles, from the placeholders' `title` attributes, in page order. */
export const FIELD_TITLES = ['Card number', 'Expiry month', 'Expiry year', 'Security code', 'Name on card'];

export class DemoCheckout {
  constructor(readonly page: Page) {}

  frame(title: string) {
    return this.page.frameLocator(`iframe[title="${title}"]`);
  }

  input(title: string) {
    return this.frame(title).locator('input, select').first();
  }

  get payButton() {
    return this.page.locator('#pay');
  }

  /** Waits until every frame is connected (the form stops being busy). */
  async ready(): Promise<void> {
    await expect(this.page.locator('#payment-form')).toHaveAttribute('aria-busy', 'false', {
      timeout: 15_000,
    });
  }

  async fill(card: DemoCard): Promise<void> {
    if (card.number !== undefined) await this.input('Card number').pressSequentially(card.number);
    if (card.month !== undefined) await this.input('Expiry month').selectOption(card.month);
    if (card.year !== undefined) await this.input('Expiry year').selectOption(card.year);
    if (card.securityCode !== undefined)
      await this.input('Security code').pressSequentially(card.securityCode);
    if (card.name !== undefined) await this.input('Name on card').pressSequentially(card.name);
  }

  async pay(): Promise<void> {
    await expect(this.payButton).toBeEnabled();
    await this.payButton.click();
  }

  /** Counts each field's frames: exactly one each means no duplicate mount was left behind. */
  async frameCounts(): Promise<number[]> {
    return Promise.all(FIELD_TITLES.map((title) => this.page.locator(`iframe[title="${title}"]`).count()));
  }

  /** Keeps a screenshot as a test artifact, and under .test-output/screenshots for people to look at. */
  async screenshot(testInfo: TestInfo, name: string): Promise<void> {
    const body = await this.page.screenshot({ fullPage: true, path: `${SCREENSHOT_DIR}/${name}.png` });
    await testInfo.attach(name, { body, contentType: 'image/png' });
  }
}

/**
 * The script-tag shop in any engine (see browser/page.ts), for the specs that run in all of them: the same
 * fields by their iframe titles, typed into with real keys.
 */
export class EngineDemoCheckout {
  constructor(readonly page: BrowserPage) {}

  async open(): Promise<void> {
    await this.page.goto(`${DEMO_URL}/`);
    await this.ready();
  }

  /** Waits until every frame is connected (the form stops being busy). */
  async ready(): Promise<void> {
    await expect.poll(() => this.text('#payment-form', 'aria-busy'), { timeout: 15_000 }).toBe('false');
  }

  async fill(card: DemoCard): Promise<void> {
    const field = (title: string) => this.page.frame(`iframe[title="${title}"]`);
    if (card.number !== undefined) await (await field('Card number')).type(FIELD_INPUT, card.number);
    if (card.month !== undefined) await (await field('Expiry month')).select(FIELD_INPUT, card.month);
    if (card.year !== undefined) await (await field('Expiry year')).select(FIELD_INPUT, card.year);
    if (card.securityCode !== undefined)
      await (await field('Security code')).type(FIELD_INPUT, card.securityCode);
    if (card.name !== undefined) await (await field('Name on card')).type(FIELD_INPUT, card.name);
  }

  async pay(): Promise<void> {
    await expect
      .poll(() => this.page.evaluate(() => document.querySelector<HTMLButtonElement>('#pay')?.disabled))
      .toBe(false);
    await this.page.click('#pay');
  }

  /**
   * The text of the first element `selector` matches (or one of its attributes), null while there is none;
   * read between navigations, so a document going away reads as null too.
   */
  text(selector: string, attribute?: string): Promise<string | null> {
    return this.page
      .evaluate(
        ({ selector, attribute }) => {
          const node = document.querySelector(selector);
          if (!node) return null;
          return attribute ? node.getAttribute(attribute) : (node.textContent ?? '').trim();
        },
        { selector, attribute },
      )
      .catch(() => null);
  }

  /** The value of the receipt's line `name`. */
  receiptLine(name: string): Promise<string | null> {
    return this.page.evaluate((name) => {
      const term = [...document.querySelectorAll('#receipt dt')].find((dt) => dt.textContent === name);
      return term?.nextElementSibling?.textContent ?? null;
    }, name);
  }

  /** Keeps a screenshot as a test artifact, and under .test-output/screenshots (per engine but Chromium's). */
  async screenshot(testInfo: TestInfo, name: string): Promise<void> {
    const file = this.page.engine === 'chromium' ? name : `${name}-${this.page.engine}`;
    const body = await this.page.screenshot();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await writeFile(`${SCREENSHOT_DIR}/${file}.png`, body);
    await testInfo.attach(file, { body, contentType: 'image/png' });
  }
}
