// The server side of a checkout written for Mastercard's 3-D Secure 1: CHECK_3DS_ENROLLMENT for the session's
// card, a page whose body is the gateway's redirect (it posts the PaReq to the issuer's ACS), and the
// responseUrl the ACS posts the PaRes back to, which asks PROCESS_ACS_RESULT and pays with the 3DSecureId.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gatewayRequest } from './gateway-client.ts';
import { MERCHANT_URL } from './ports.ts';

export const THREEDS1_ORDER = { amount: '27.50', currency: 'USD' };

/** What the shop remembers between the redirect and the return, by 3DSecureId (the MD the ACS echoes). */
const checkouts = new Map<string, { sessionId: string; orderId: string }>();

function page(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  response.end(`<!doctype html><html lang="en"><title>Sandbox shop</title><body>${body}</body></html>`);
}

/** `GET /shop/3ds1/checkout?session=…&order=…`: the redirect to the cardholder's bank. */
export async function threeDS1Checkout(url: URL, response: ServerResponse): Promise<void> {
  const sessionId = url.searchParams.get('session') ?? '';
  const orderId = url.searchParams.get('order') ?? '';
  const threeDSecureId = `3ds1-${orderId}`;
  const checked = await gatewayRequest('PUT', `/3DSecureId/${threeDSecureId}`, {
    apiOperation: 'CHECK_3DS_ENROLLMENT',
    order: THREEDS1_ORDER,
    session: { id: sessionId },
    '3DSecure': { authenticationRedirect: { responseUrl: `${MERCHANT_URL}/shop/3ds1/return` } },
  });
  const secure = checked.body['3DSecure'];
  if (checked.status !== 200 || !secure?.authenticationRedirect) {
    const status =
      secure?.summaryStatus ?? `ERROR ${checked.body.error?.field ?? checked.body.error?.explanation}`;
    page(response, 200, `<h1>No 3-D Secure</h1><p id="status">${status}</p>`);
    return;
  }
  checkouts.set(threeDSecureId, { sessionId, orderId });
  page(response, 200, secure.authenticationRedirect.simple.htmlBodyContent);
}

/** `POST /shop/3ds1/return`: the ACS's PaRes and MD; the result read from the gateway, then the payment. */
export async function threeDS1Return(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  const form = new URLSearchParams(text);
  const threeDSecureId = form.get('MD') ?? '';
  const checkout = checkouts.get(threeDSecureId);
  if (!checkout) {
    page(response, 400, '<h1>Unknown checkout</h1>');
    return;
  }
  const processed = await gatewayRequest('POST', `/3DSecureId/${threeDSecureId}`, {
    apiOperation: 'PROCESS_ACS_RESULT',
    '3DSecure': { paRes: form.get('PaRes') ?? '' },
  });
  const status = processed.body['3DSecure']?.summaryStatus ?? processed.body.error?.explanation;
  const paid = await gatewayRequest('PUT', `/order/${checkout.orderId}/transaction/pay-1`, {
    apiOperation: 'PAY',
    order: THREEDS1_ORDER,
    session: { id: checkout.sessionId },
    sourceOfFunds: { type: 'CARD' },
    '3DSecureId': threeDSecureId,
  });
  const outcome = paid.status === 201 ? paid.body.response.gatewayCode : `REFUSED ${paid.body.error?.field}`;
  page(response, 200, `<h1>Back at the shop</h1><p id="status">${status}</p><p id="payment">${outcome}</p>`);
}
