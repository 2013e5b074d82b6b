// The server side of a shop plugin written for Mastercard's gateway, as PHP plugins write theirs: its HTTP
// client keeps the form Content-Type while the body is json_encode() output, prices are floats, an empty group
// is `[]`, absent values are null. It pays (or authorizes) with the session the checkout page's session.js made.
import type { IncomingMessage } from 'node:http';
import { API_VERSION, GATEWAY_URL, MERCHANT_ID, SANDBOX_PASSWORD } from './ports.ts';

const base = `${GATEWAY_URL}/api/rest/version/${API_VERSION}/merchant/${MERCHANT_ID}`;
const authorization = `Basic ${Buffer.from(`merchant.${MERCHANT_ID}:${SANDBOX_PASSWORD}`).toString('base64')}`;

/** The cart: two lines, shipping and tax, as floats the way PHP holds them. */
const CART = {
  items: [
    { name: 'Espresso cups (set of 2)', sku: 'CUP-2', quantity: 2, unitPrice: 9.95 },
    { name: 'Coffee beans 250 g', sku: 'BEANS-250', quantity: 1, unitPrice: 4.5 },
  ],
  itemAmount: 24.4,
  shippingAndHandlingAmount: 0.5,
  taxAmount: 0,
  total: 24.9,
};

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return new URLSearchParams(body);
}

/** `POST /shop/pay` from the checkout page: session_id and operation, form-encoded. */
export async function shopPay(request: IncomingMessage): Promise<object> {
  const form = await readForm(request);
  const sessionId = form.get('session_id') ?? '';
  const apiOperation = form.get('operation') === 'AUTHORIZE' ? 'AUTHORIZE' : 'PAY';
  // Letters among the digits: a long run of digits in a reference could pass for a card number, and be refused.
  const orderId = `shop-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const response = await fetch(`${base}/order/${orderId}/transaction/1`, {
    method: 'PUT',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: JSON.stringify({
      apiOperation,
      '3DSecureId': null,
      partnerSolutionId: 'SHOP_PLUGIN_E2E',
      order: {
        id: orderId,
        reference: orderId,
        currency: 'USD',
        amount: CART.total,
        item: CART.items,
        itemAmount: CART.itemAmount,
        shippingAndHandlingAmount: CART.shippingAndHandlingAmount,
        taxAmount: CART.taxAmount || null,
        description: 'Customer Order Summary',
      },
      customer: { email: 'ada@shop.example', firstName: 'Ada', lastName: 'Lovelace', phone: null },
      billing: { address: { street: '12 Analytical Row', street2: null, city: 'London', country: 'GBR' } },
      shipping: [],
      session: { id: sessionId },
      sourceOfFunds: { type: 'CARD' },
      transaction: { reference: `${orderId}-1`, source: 'INTERNET' },
    }),
  });
  const body = await response.json();
  return {
    status: response.status,
    result: body.result,
    gatewayCode: body.response?.gatewayCode ?? body.error?.explanation,
    orderId,
    orderStatus: body.order?.status,
    amount: body.order?.amount,
    items: body.order?.item?.length ?? 0,
  };
}
