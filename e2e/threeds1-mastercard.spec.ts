// 3-D Secure 1 the Mastercard way, end to end in the payer's browser: the shop's server asks
// CHECK_3DS_ENROLLMENT, its page is the gateway's redirect (the PaReq posted to the issuer's ACS), the payer
// meets the issuer's page, the ACS posts the PaRes back to the shop, whose server asks PROCESS_ACS_RESULT and pays
// with the 3DSecureId. Runs in every engine (support/engine-test.ts).
import { expect, test, type BrowserPage } from './support/engine-test.ts';
import { createSession, gatewayRequest } from './support/gateway-client.ts';
import { GATEWAY_URL, MERCHANT_URL } from './support/ports.ts';
import { leaks, numberForms } from './support/secrets.ts';
import { answerChallenge, challengeShown } from './support/threeds.ts';

async function checkout(page: BrowserPage, card: string, orderId: string): Promise<void> {
  const session = await createSession();
  const updated = await gatewayRequest('PUT', `/session/${session.id}`, {
    sourceOfFunds: {
      provided: { card: { number: card, expiry: { month: '01', year: '39' }, securityCode: '100' } },
    },
  });
  expect(updated.status).toBe(200);
  await page.goto(`${MERCHANT_URL}/shop/3ds1/checkout?session=${session.id}&order=${orderId}`);
}

/** The shop's answer once it is back: the authentication status and the payment's outcome. */
async function shopSays(page: BrowserPage): Promise<{ status: string; payment: string }> {
  let said = { status: '', payment: '' };
  await expect
    .poll(
      async () => {
        said = await page
          .evaluate(() => ({
            status: document.getElementById('status')?.textContent ?? '',
            payment: document.getElementById('payment')?.textContent ?? '',
          }))
          .catch(() => ({ status: '', payment: '' }));
        return said.payment !== '';
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return said;
}

test('the PaReq takes the payer to the issuer, the code is typed, the PaRes comes back and the payment succeeds', async ({
  browserPage: page,
}) => {
  const card = '5123450000000008';
  const orderId = `mc3ds1-${Date.now()}`;
  await checkout(page, card, orderId);
  // The issuer's page, on the gateway: who is paid, how much, and the card by its last four digits only.
  await challengeShown(page);
  expect(await page.url()).toBe(`${GATEWAY_URL}/3ds/acs/pareq`);
  const issuerPage = await page.evaluate(() => document.documentElement.outerHTML);
  expect(issuerPage).toContain('Mastercard •••• 0008');
  expect(leaks(issuerPage, numberForms(card))).toEqual([]);

  await answerChallenge(page, '4321');
  expect(await page.evaluate(() => document.querySelector('[role="alert"]')?.textContent)).toContain(
    '2 attempts left',
  );
  await answerChallenge(page, '1234');
  expect(await shopSays(page)).toEqual({ status: 'AUTHENTICATION_SUCCESSFUL', payment: 'APPROVED' });
  expect(await page.url()).toBe(`${MERCHANT_URL}/shop/3ds1/return`);

  const order = await gatewayRequest('GET', `/order/${orderId}`);
  const payment = order.body.transaction[0];
  expect(payment['3DSecureId']).toBe(`3ds1-${orderId}`);
  expect(payment['3DSecure']).toMatchObject({ paResStatus: 'Y', acsEci: '02', veResEnrolled: 'Y' });
});

test('a frictionless issuer answers at once; three wrong codes fail and the payment is refused', async ({
  browserPage: page,
}) => {
  await checkout(page, '5123456789012346', `mc3ds1-y-${Date.now()}`);
  expect(await shopSays(page)).toEqual({ status: 'AUTHENTICATION_SUCCESSFUL', payment: 'APPROVED' });

  await checkout(page, '5123450000000008', `mc3ds1-n-${Date.now()}`);
  for (let attempt = 0; attempt < 3; attempt++) await answerChallenge(page, '9999');
  expect(await shopSays(page)).toEqual({ status: 'AUTHENTICATION_FAILED', payment: 'REFUSED 3DSecureId' });
});
