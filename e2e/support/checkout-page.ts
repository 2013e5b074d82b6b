// A page model for the hosted-fields test page: opens it with a fresh session and reaches into the gateway
// frames the way a payer does (typing, selecting), which the merchant page itself cannot. It works in every
// engine (see browser/page.ts); a Chromium-only spec may hand it Playwright's page.
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { BrowserFrame, BrowserPage } from './browser/page.ts';
import { PlaywrightPage } from './browser/playwright-page.ts';
import { createSession } from './gateway-client.ts';
import { MERCHANT_URL } from './ports.ts';

export interface CardEntry {
  number?: string;
  month?: string;
  year?: string;
  securityCode?: string;
  nameOnCard?: string;
}

/** The input or select inside a hosted field. */
export const FIELD_INPUT = 'input, select';

/** The hosted field that replaced the placeholder `selector`: the SDK puts its iframe right before it. */
export function fieldFrame(placeholder: string): string {
  return `iframe:has(+ ${placeholder})`;
}

export class CheckoutPage {
  sessionId = '';
  readonly page: BrowserPage;

  constructor(page: BrowserPage | Page) {
    this.page = 'engine' in page ? page : new PlaywrightPage(page);
  }

  async open(options: { query?: Record<string, string>; authenticationLimit?: number } = {}): Promise<void> {
    const session = await createSession(
      options.authenticationLimit === undefined ? {} : { authenticationLimit: options.authenticationLimit },
    );
    this.sessionId = session.id;
    const query = new URLSearchParams({ session: session.id, ...options.query });
    await this.page.goto(`${MERCHANT_URL}/pages/hosted-fields.html?${query}`);
    await expect
      .poll(() => this.page.evaluate(() => (window as any).recorded.initialized))
      .toEqual({ status: 'ok' });
  }

  field(placeholder: string): Promise<BrowserFrame> {
    return this.page.frame(fieldFrame(placeholder));
  }

  async type(placeholder: string, text: string): Promise<void> {
    await (await this.field(placeholder)).type(FIELD_INPUT, text);
  }

  async press(placeholder: string, key: string): Promise<void> {
    await (await this.field(placeholder)).press(FIELD_INPUT, key);
  }

  async select(placeholder: string, value: string): Promise<void> {
    await (await this.field(placeholder)).select(FIELD_INPUT, value);
  }

  async clear(placeholder: string): Promise<void> {
    await (await this.field(placeholder)).clear(FIELD_INPUT);
  }

  /** What the field shows the payer (the test reads it; the merchant page cannot). */
  async value(placeholder: string): Promise<string> {
    return (await this.field(placeholder)).value(FIELD_INPUT);
  }

  async fill(card: CardEntry): Promise<void> {
    if (card.number !== undefined) await this.type('#card-number', card.number);
    if (card.month !== undefined) await this.select('#expiry-month', card.month);
    if (card.year !== undefined) await this.select('#expiry-year', card.year);
    if (card.securityCode !== undefined) await this.type('#security-code', card.securityCode);
    if (card.nameOnCard !== undefined) await this.type('#cardholder-name', card.nameOnCard);
  }

  async submit(): Promise<any> {
    const before = await this.updates();
    await this.page.click('#pay');
    await expect.poll(async () => (await this.updates()).length, { timeout: 15_000 }).toBe(before.length + 1);
    return (await this.updates()).at(-1);
  }

  updates(): Promise<any[]> {
    return this.page.evaluate(() => (window as any).recorded.updates);
  }

  events(): Promise<Array<{ type: string; selector: string; payload: any }>> {
    return this.page.evaluate(() => (window as any).recorded.events);
  }

  /** The last event of `type` (for one placeholder, if given). */
  async lastEvent(type: string, selector?: string): Promise<any> {
    const events = await this.events();
    return events.filter((e) => e.type === type && (selector === undefined || e.selector === selector)).at(-1)
      ?.payload;
  }
}
