// The 3-D Secure side of the browser tests: a merchant server's session request, and the cardholder on the
// gateway's pages, in any engine (see browser/page.ts).
import { createHmac } from 'node:crypto';
import { expect, type FrameLocator, type Page } from '@playwright/test';
import type { BrowserFrame, BrowserPage } from './browser/page.ts';
import { sessionsRequest } from './gateway-client.ts';
import { MERCHANT_URL, SANDBOX_SECRET_KEY } from './ports.ts';

export type Mode = 'hosted' | 'non-hosted';

/** Where the bank sends the cardholder back, by outcome. */
export const RETURN = {
  success: `${MERCHANT_URL}/3ds/return?to=success`,
  failure: `${MERCHANT_URL}/3ds/return?to=failure`,
};
export const CALLBACK = `${MERCHANT_URL}/3ds/callback`;

export async function createAuthentication(number: string, mode: Mode, extra: object = {}): Promise<any> {
  const { status, body } = await sessionsRequest('POST', '', {
    source: { type: 'card', number, expiry_month: 1, expiry_year: 2039 },
    amount: 4599,
    currency: 'EUR',
    billing_descriptor: { name: 'Harbor & Pine Coffee' },
    completion:
      mode === 'hosted'
        ? { type: 'hosted', success_url: RETURN.success, failure_url: RETURN.failure }
        : { type: 'non_hosted', callback_url: CALLBACK },
    ...extra,
  });
  expect([201, 202]).toContain(status);
  return body;
}

export async function readAuthentication(id: string): Promise<any> {
  return (await sessionsRequest('GET', `/${id}`)).body;
}

/** The callbacks the merchant got for one session, each checked against the sandbox secret key. */
export async function callbacksFor(id: string): Promise<any[]> {
  const all: { body: string; signature: string }[] = await (
    await fetch(`${MERCHANT_URL}/3ds/callbacks`)
  ).json();
  return all
    .filter(({ body }) => JSON.parse(body).id === id)
    .map(({ body, signature }) => {
      expect(signature).toBe(createHmac('sha256', SANDBOX_SECRET_KEY).update(body).digest('hex'));
      return JSON.parse(body);
    });
}

/** The merchant page that frames the interceptor (non-hosted). */
export async function openFramed(
  page: BrowserPage,
  redirect: string,
  origin = MERCHANT_URL,
): Promise<BrowserFrame> {
  await page.goto(`${origin}/pages/threeds-frame.html#${encodeURIComponent(redirect)}`);
  return page.frame('#bank');
}

/** Waits for the issuer's challenge screen, in the page or in its frame (the interceptor goes on to it). */
export async function challengeShown(scope: BrowserPage | BrowserFrame): Promise<void> {
  await expect
    .poll(() => scope.evaluate(() => document.getElementById('otp') !== null).catch(() => false), {
      timeout: 15_000,
    })
    .toBe(true);
}

/** Types the one-time code as the cardholder does and presses Verify; returns once the screen is left. */
export async function answerChallenge(scope: BrowserPage | BrowserFrame, code: string): Promise<void> {
  await challengeShown(scope);
  if ('engine' in scope) {
    await scope.click('#otp');
    await scope.type(code);
  } else await scope.type('#otp', code);
  await leave(scope, 'button[value="verify"]');
}

/**
 * `answerChallenge` for the Chromium-only specs on Playwright's own page: the challenge in the page or in a
 * frame found by a frame locator (the SDK's dialog, a container the ThreeDS script filled).
 */
export async function answerChallengeWithPlaywright(scope: Page | FrameLocator, code: string): Promise<void> {
  const input = scope.getByLabel('One-time code');
  await expect(input).toBeVisible({ timeout: 15_000 });
  await input.fill(code);
  await scope.getByRole('button', { name: 'Verify' }).click();
}

/** Clicks the button that posts the challenge form and waits for the document after it. */
export async function leave(scope: BrowserPage | BrowserFrame, button: string): Promise<void> {
  await scope.evaluate(() => void ((window as any).__left = true));
  await scope.click(button);
  await expect
    .poll(() => scope.evaluate(() => !(window as any).__left).catch(() => false), { timeout: 15_000 })
    .toBe(true);
}
