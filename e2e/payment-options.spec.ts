import { expect, test } from '@playwright/test';
import { createSession } from './support/gateway-client.ts';
import { API_VERSION, GATEWAY_URL, MERCHANT_ID, MERCHANT_URL, UNREGISTERED_URL } from './support/ports.ts';

const REST = `${GATEWAY_URL}/api/rest/version/${API_VERSION}/merchant/${MERCHANT_ID}`;

/** What a checkout page runs: a cross-origin call with its session id as the password (preflighted, as it sets Authorization). */
async function callFromPage(page: import('@playwright/test').Page, url: string, sessionId: string) {
  return page.evaluate(
    async ({ url, credentials }) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Basic ${btoa(credentials)}`, 'content-type': 'application/json' },
          body: JSON.stringify({ apiOperation: 'PAYMENT_OPTIONS_INQUIRY' }),
        });
        return { status: response.status, body: await response.json() };
      } catch (error) {
        return { blocked: String(error) };
      }
    },
    { url, credentials: `merchant.${MERCHANT_ID}:${sessionId}` },
  );
}

test('a page on a registered origin asks the gateway for payment options with its session id', async ({
  page,
}) => {
  const session = await createSession();
  await page.goto(`${MERCHANT_URL}/healthz`);
  const answer = await callFromPage(page, `${REST}/paymentOptionsInquiry`, session.id);
  expect(answer).toMatchObject({
    status: 200,
    body: {
      merchant: MERCHANT_ID,
      result: 'SUCCESS',
      paymentTypes: { card: { enforceCardSecurityCodeEntry: true } },
    },
  });
});

test('a page on another origin cannot read the answer, and no other REST endpoint is open to any page', async ({
  page,
}) => {
  const session = await createSession();
  await page.goto(`${UNREGISTERED_URL}/healthz`);
  expect(await callFromPage(page, `${REST}/paymentOptionsInquiry`, session.id)).toHaveProperty('blocked');

  await page.goto(`${MERCHANT_URL}/healthz`);
  expect(await callFromPage(page, `${REST}/session/${session.id}`, session.id)).toHaveProperty('blocked');
  expect(await callFromPage(page, `${REST}/session`, session.id)).toHaveProperty('blocked');
});
