// A page model for the hosted-fields test page: opens it with a fresh session and reaches into the gateway
// frames the way a payer does (typing, selecting), which the merchant page itself cannot.
import { expect, type FrameLocator, type Page } from '@playwright/test';
import { createSession } from './gateway-client.ts';
import { MERCHANT_URL } from './ports.ts';

export interface CardEntry {
  number?: string;
  month?: string;
  year?: string;
  securityCode?: string;
  nameOnCard?: string;
}

export class CheckoutPage {
  sessionId = '';

  constructor(readonly page: Page) {}

  async open(options: { query?: Record<string, string>; authenticationLimit?: number } = {}): Promise<void> {
    const session = await createSession(
      options.authenticationLimit === undefined ? {} : { authenticationLimit: options.authenticationLimit },
    );
    this.sessionId = session.id;
    await this.load({ session: session.id, ...options.query });
    await expect.poll(() => this.initialized()).toEqual({ status: 'ok' });
  }

  /** Opens the page on a session token the merchant's server made (`sessionId` is then the token). */
  async openWithToken(token: string): Promise<void> {
    this.sessionId = token;
    await this.load({ sessionToken: token });
  }

  /** What `callbacks.initialized` was given; null until it was called. */
  initialized(): Promise<any> {
    return this.page.evaluate(() => (window as any).recorded.initialized);
  }

  private async load(query: Record<string, string>): Promise<void> {
    await this.page.goto(`${MERCHANT_URL}/pages/hosted-fields.html?${new URLSearchParams(query)}`);
  }

  /** The hosted field that replaced the placeholder `selector` (the SDK puts it right before it). */
  field(selector: string): FrameLocator {
    return this.page.frameLocator(`iframe:has(+ ${selector})`);
  }

  input(selector: string) {
    return this.field(selector).locator('input, select').first();
  }

  async fill(card: CardEntry): Promise<void> {
    if (card.number !== undefined) await this.input('#card-number').pressSequentially(card.number);
    if (card.month !== undefined) await this.input('#expiry-month').selectOption(card.month);
    if (card.year !== undefined) await this.input('#expiry-year').selectOption(card.year);
    if (card.securityCode !== undefined)
      await this.input('#security-code').pressSequentially(card.securityCode);
    if (card.nameOnCard !== undefined)
      await this.input('#cardholder-name').pressSequentially(card.nameOnCard);
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
}
