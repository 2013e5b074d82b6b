// 3-D Secure 1 the Mastercard way, end to end in the payer's browser: the shop's server asks
// CHECK_3DS_ENROLLMENT, its page is the gateway's redirect (the PaReq posted to the issuer's ACS), the payer
// meets the issuer's page, the ACS posts the PaRes back to the shop, whose server asks PROCESS_ACS_RESULT and pays
// with the 3DSecureId.
import { expect, test, type Page } from '@playwright/test';
import { createSession, gatewayRequest } from './support/gateway-client.ts';
import { GATEWAY_URL, MERCHANT_URL } from './support/ports.ts';
import { leaks, numberForms } from './support/secrets.ts';
import { answerChallengeWithPlaywright } from './support/threeds.ts';

async function checkout(page: Page, card: string, orderId: string): Promise<void> {
  const session = await createSession();
  const updated = await gatewayRequest('PUT', `/session/${session.id}`, {
    sourceOfFunds: {
      provided: { card: { number: card, expiry: { month: '01', year: '39' }, securityCode: '100' } },
    },
  });
  expect(updated.status).toBe(200);
  await page.goto(`${MERCHANT_URL}/shop/3ds1/checkout?session=${session.id}&order=${orderId}`);
}

test('the PaReq takes the payer to the issuer, the code is typed, the PaRes comes back and the payment succeeds', async ({
  page,
}) => {
  const card = '5123450000000008';
  const orderId = `mc3ds1-${Date.now()}`;
  const pages: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) pages.push(new URL(frame.url()).origin + new URL(frame.url()).pathname);
  });
  await checkout(page, card, orderId);
  // The issuer's page, on the gateway: who is paid, how much, and the card by its last four digits only.
  await expect(page.getByLabel('One-time code')).toBeVisible({ timeout: 15_000 });
  expect(page.url()).toBe(`${GATEWAY_URL}/3ds/acs/pareq`);
  await expect(page.getByText('Mastercard •••• 0008')).toBeVisible();
  expect(leaks(await page.content(), numberForms(card))).toEqual([]);

  await answerChallengeWithPlaywright(page, '4321');
  await expect(page.getByRole('alert')).toContainText('2 attempts left');
  await answerChallengeWithPlaywright(page, '1234');
  await expect(page.locator('#status')).toHaveText('AUTHENTICATION_SUCCESSFUL', { timeout: 15_000 });
  await expect(page.locator('#payment')).toHaveText('APPROVED');
  expect(page.url()).toBe(`${MERCHANT_URL}/shop/3ds1/return`);
  expect(pages).toContain(`${GATEWAY_URL}/3ds/acs/challenge`);

  const order = await gatewayRequest('GET', `/order/${orderId}`);
  const payment = order.body.transaction[0];
  expect(payment['3DSecureId']).toBe(`3ds1-${orderId}`);
  expect(payment['3DSecure']).toMatchObject({ paResStatus: 'Y', acsEci: '02', veResEnrolled: 'Y' });
});

test('a frictionless issuer answers at once; three wrong codes fail and the payment is refused', async ({
  page,
}) => {
  await checkout(page, '5123456789012346', `mc3ds1-y-${Date.now()}`);
  await expect(page.locator('#status')).toHaveText('AUTHENTICATION_SUCCESSFUL', { timeout: 15_000 });
  await expect(page.locator('#payment')).toHaveText('APPROVED');

  await checkout(page, '5123450000000008', `mc3ds1-n-${Date.now()}`);
  for (let attempt = 0; attempt < 3; attempt++) await answerChallengeWithPlaywright(page, '9999');
  await expect(page.locator('#status')).toHaveText('AUTHENTICATION_FAILED', { timeout: 15_000 });
  await expect(page.locator('#payment')).toHaveText('REFUSED 3DSecureId');
});
