// 3-D Secure the Mastercard way, end to end: a checkout page written for Mastercard's gateway takes the card in
// the hosted fields, loads the gateway's ThreeDS script, runs INITIATE_AUTHENTICATION (the issuer's 3DS Method
// in a hidden frame) and AUTHENTICATE_PAYER (the challenge in a gateway-origin frame in its container), and the
// merchant's server pays with authentication.transactionId.
import { expect, test, type Page } from '@playwright/test';
import { createSession, gatewayRequest } from './support/gateway-client.ts';
import { GATEWAY_URL, MERCHANT_URL } from './support/ports.ts';
import { leaks, numberForms } from './support/secrets.ts';
import { answerChallengeWithPlaywright } from './support/threeds.ts';

interface Row {
  card: string;
  what: string;
  /** What the page shows: the recommendation and the authentication status. */
  shows: string;
  transStatus?: string;
  challenge?: 'typed' | 'wrong' | 'abandoned';
  securityCode?: string;
}

const ROWS: Row[] = [
  {
    card: '5123456789012346',
    what: 'frictionless',
    shows: 'PROCEED AUTHENTICATION_SUCCESSFUL',
    transStatus: 'Y',
  },
  {
    card: '5123450000000008',
    what: 'challenge typed',
    shows: 'PROCEED AUTHENTICATION_SUCCESSFUL',
    transStatus: 'Y',
    challenge: 'typed',
  },
  {
    card: '5123450000000008',
    what: 'challenge, three wrong codes',
    shows: 'RESUBMIT_WITH_ALTERNATIVE_PAYMENT_DETAILS AUTHENTICATION_FAILED',
    challenge: 'wrong',
  },
  {
    card: '5123450000000008',
    what: 'challenge abandoned',
    shows: 'RESUBMIT_WITH_ALTERNATIVE_PAYMENT_DETAILS AUTHENTICATION_FAILED',
    challenge: 'abandoned',
  },
  {
    card: '371881634498004',
    what: 'challenge without a 3DS Method (Amex, 2.1.0)',
    shows: 'PROCEED AUTHENTICATION_SUCCESSFUL',
    transStatus: 'Y',
    challenge: 'typed',
    securityCode: '1000',
  },
  {
    card: '5500005555555559',
    what: 'attempted',
    shows: 'PROCEED AUTHENTICATION_ATTEMPTED',
    transStatus: 'A',
  },
  {
    card: '5111111111111118',
    what: 'declined',
    shows: 'RESUBMIT_WITH_ALTERNATIVE_PAYMENT_DETAILS AUTHENTICATION_FAILED',
  },
  {
    card: '5506900140100503',
    what: 'rejected',
    shows: 'RESUBMIT_WITH_ALTERNATIVE_PAYMENT_DETAILS AUTHENTICATION_REJECTED',
  },
  {
    card: '5123459999998221',
    what: 'unavailable',
    shows: 'RESUBMIT_WITH_ALTERNATIVE_PAYMENT_DETAILS AUTHENTICATION_UNAVAILABLE',
  },
  {
    card: '4012000033330026',
    what: 'the device check never answers',
    shows: 'RESUBMIT_WITH_ALTERNATIVE_PAYMENT_DETAILS AUTHENTICATION_UNAVAILABLE',
  },
  { card: '2223000000000007', what: 'outside 3-D Secure', shows: 'PROCEED AUTHENTICATION_NOT_SUPPORTED' },
];

/** The merchant's server: a session with the order, and the page opened with it. */
async function openCheckout(page: Page, orderId: string): Promise<string> {
  const session = await createSession();
  const updated = await gatewayRequest('PUT', `/session/${session.id}`, {
    order: { amount: '45.99', currency: 'EUR' },
    authentication: { acceptVersions: '3DS2', channel: 'PAYER_BROWSER', purpose: 'PAYMENT_TRANSACTION' },
  });
  expect(updated.status).toBe(200);
  await page.goto(`${MERCHANT_URL}/pages/threeds-mastercard.html?session=${session.id}&order=${orderId}`);
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.initialized))
    .toEqual({ status: 'ok' });
  expect(await page.evaluate(() => (window as any).recorded.configured)).toEqual({});
  return session.id;
}

async function enterCard(page: Page, card: string, securityCode = '100'): Promise<void> {
  const field = (selector: string) =>
    page.frameLocator(`iframe:has(+ ${selector})`).locator('input, select').first();
  await field('#card-number').pressSequentially(card);
  await field('#expiry-month').selectOption('01');
  await field('#expiry-year').selectOption('39');
  await field('#security-code').pressSequentially(securityCode);
  await page.click('#pay');
}

const challengeFrame = (page: Page) => page.frameLocator('#threeds-container iframe.hs-3ds-challenge');

test.describe('the ThreeDS script', () => {
  test('is served where Mastercard checkouts load it, as a script', async ({ request }) => {
    const response = await request.get(`${GATEWAY_URL}/static/threeDS/1.3.0/three-ds.min.js`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/javascript/);
  });

  for (const [index, row] of ROWS.entries()) {
    test(`${row.card}: ${row.what} → ${row.shows}`, async ({ page }) => {
      const orderId = `mc3ds-${Date.now()}-${index}`;
      const sessionId = await openCheckout(page, orderId);
      await enterCard(page, row.card, row.securityCode);
      const frame = challengeFrame(page);
      if (row.challenge === 'typed') {
        await answerChallengeWithPlaywright(frame, '1234');
      } else if (row.challenge === 'wrong') {
        for (let attempt = 0; attempt < 3; attempt++) await answerChallengeWithPlaywright(frame, '9999');
      } else if (row.challenge === 'abandoned') {
        await frame.getByRole('button', { name: 'Cancel' }).click({ timeout: 15_000 });
      }
      await expect(page.locator('#result')).toHaveText(row.shows, { timeout: 20_000 });
      // The challenge frame is gone once the callback has the result.
      await expect(page.locator('#threeds-container iframe.hs-3ds-challenge')).toHaveCount(0);

      // Nothing the page saw holds the card number.
      const seen =
        JSON.stringify(await page.evaluate(() => (window as any).recorded)) + (await page.content());
      expect(leaks(seen, numberForms(row.card))).toEqual([]);

      // The merchant's server pays with the authentication: carried when it succeeded, refused when it failed.
      const payment = await gatewayRequest('PUT', `/order/${orderId}/transaction/pay-1`, {
        apiOperation: 'PAY',
        order: { amount: '45.99', currency: 'EUR' },
        session: { id: sessionId },
        sourceOfFunds: { type: 'CARD' },
        ...(row.shows.endsWith('NOT_SUPPORTED') ? {} : { authentication: { transactionId: 'auth-1' } }),
      });
      if (row.shows.startsWith('PROCEED')) {
        expect(payment.status).toBe(201);
        expect(payment.body.result).toBe('SUCCESS');
        if (row.transStatus)
          expect(payment.body.authentication['3ds2'].transactionStatus).toBe(row.transStatus);
      } else {
        expect(payment.status).toBe(400);
        expect(payment.body.error.field).toBe('authentication.transactionId');
      }
      const transaction = await gatewayRequest('GET', `/order/${orderId}/transaction/auth-1`);
      expect(transaction.body.transaction.authenticationStatus).toBe(row.shows.split(' ')[1]);
    });
  }

  test('a forged completion message from the page does not end the challenge', async ({ page }) => {
    const orderId = `mc3ds-forged-${Date.now()}`;
    await openCheckout(page, orderId);
    await enterCard(page, '5123450000000008');
    await expect(challengeFrame(page).getByLabel('One-time code')).toBeVisible({ timeout: 15_000 });
    // The challenge is the gateway's document: the page can neither read it nor find the card in its own.
    expect(
      await page.evaluate(() => {
        const frame = document.querySelector<HTMLIFrameElement>(
          '#threeds-container iframe.hs-3ds-challenge',
        )!;
        return frame.contentDocument === null;
      }),
    ).toBe(true);
    const seen = JSON.stringify(await page.evaluate(() => (window as any).recorded)) + (await page.content());
    expect(leaks(seen, numberForms('5123450000000008'))).toEqual([]);
    await page.evaluate(() => {
      window.postMessage({ type: 'hosted-session:3ds-complete', status: 'approved' }, '*');
    });
    // The page's own message (wrong origin and source) is ignored: had it counted, the script would have asked
    // the gateway at once (still pending), removed the challenge and called back with that.
    await answerChallengeWithPlaywright(challengeFrame(page), '1234');
    await expect(page.locator('#result')).toHaveText('PROCEED AUTHENTICATION_SUCCESSFUL', {
      timeout: 20_000,
    });
  });
});
