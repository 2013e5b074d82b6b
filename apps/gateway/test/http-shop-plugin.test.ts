import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, REST, TEST_CARD, browserPut, testApp } from './helpers.ts';

/**
 * A merchant server written the way PHP shop plugins write theirs for Mastercard's gateway: an HTTP client
 * whose Content-Type stays the form default while the body is json_encode() output, prices as PHP floats,
 * absent values as null, line items and sub-totals from the cart, the plugin's partnerSolutionId on every
 * call. Nothing here is adapted to this gateway.
 */
class ShopPlugin {
  static readonly SOLUTION_ID = 'WC_9.1.4_SHOP_1.5.1';

  constructor(private readonly app: FastifyInstance) {}

  private async call(method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) {
    const response = await this.app.inject({
      method,
      url: `${REST}/${path}`,
      headers: {
        authorization: AUTH,
        ...(method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  }

  createSession() {
    return this.call('POST', 'session');
  }

  updateSession(sessionId: string, cart: Cart) {
    return this.call('PUT', `session/${sessionId}`, {
      apiOperation: 'UPDATE_SESSION',
      partnerSolutionId: ShopPlugin.SOLUTION_ID,
      order: { amount: cart.total, currency: 'USD', notificationUrl: 'https://shop.example/?wc-api=gateway' },
      billing: cart.billing,
      shipping: cart.shipping,
      customer: cart.customer,
      sourceOfFunds: { type: 'CARD' },
    });
  }

  transaction(apiOperation: 'PAY' | 'AUTHORIZE', orderId: string, session: object, cart: Cart) {
    return this.call('PUT', `order/${orderId}/transaction/txn-${orderId}`, {
      apiOperation,
      '3DSecureId': null,
      partnerSolutionId: ShopPlugin.SOLUTION_ID,
      order: {
        id: orderId,
        description: 'Customer Order Summary',
        item: cart.items,
        itemAmount: cart.itemAmount,
        shippingAndHandlingAmount: cart.shippingFee || null,
        taxAmount: cart.tax || null,
        amount: cart.total,
        currency: 'USD',
        notificationUrl: 'https://shop.example/?wc-api=gateway',
        reference: orderId,
      },
      billing: cart.billing,
      shipping: cart.shipping,
      customer: cart.customer,
      session,
      transaction: { reference: `txn-${orderId}`, source: 'INTERNET' },
    });
  }

  followUp(apiOperation: 'CAPTURE' | 'REFUND', orderId: string, amount: number) {
    const transactionId = `${apiOperation.toLowerCase()}-txn-${orderId}`;
    return this.call('PUT', `order/${orderId}/transaction/${transactionId}`, {
      apiOperation,
      partnerSolutionId: ShopPlugin.SOLUTION_ID,
      transaction: { amount, currency: 'USD', reference: transactionId },
      order: { notificationUrl: 'https://shop.example/?wc-api=gateway', reference: orderId },
    });
  }

  retrieveOrder(orderId: string) {
    return this.call('GET', `order/${orderId}`);
  }

  retrieveTransaction(orderId: string, transactionId: string) {
    return this.call('GET', `order/${orderId}/transaction/${transactionId}`);
  }
}

interface Cart {
  items: { name: string; quantity: number; sku: string; unitPrice: number }[];
  itemAmount: number;
  shippingFee: number;
  tax: number;
  total: number;
  billing: object;
  shipping: object | null;
  customer: object;
}

const BILLING = {
  address: {
    street: '12 Market Street',
    street2: null,
    city: 'Springfield',
    postcodeZip: '62701',
    country: 'USA',
    stateProvince: 'IL',
  },
};
const CUSTOMER = { email: 'jane@shop.example', firstName: 'Jane', lastName: 'Payer' };

/** Two shirts and a mug, shipped; PHP floats throughout. */
const SHIPPED: Cart = {
  items: [
    { name: 'Shirt', quantity: 2, sku: 'SH-1', unitPrice: 10.45 },
    { name: 'Mug', quantity: 1, sku: 'MG-7', unitPrice: 4 },
  ],
  itemAmount: 24.9,
  shippingFee: 4.5,
  tax: 2.1,
  total: 31.5,
  billing: BILLING,
  shipping: {
    address: { ...BILLING.address, street: '9 Side Road' },
    contact: { firstName: 'Jim', lastName: 'Payer' },
  },
  customer: CUSTOMER,
};

/** An e-book: no shipping (the plugin sends null), no tax. */
const DOWNLOAD: Cart = {
  items: [{ name: 'E-book', quantity: 1, sku: 'EB-3', unitPrice: 12 }],
  itemAmount: 12,
  shippingFee: 0,
  tax: 0,
  total: 12,
  billing: BILLING,
  shipping: null,
  customer: CUSTOMER,
};

let app: FastifyInstance;
afterEach(() => app?.close());

/** The session the checkout page fills: the plugin creates and describes it, the hosted fields add the card. */
async function checkout(plugin: ShopPlugin, cart: Cart) {
  const created = await plugin.createSession();
  const sessionId: string = created.session.id;
  await plugin.updateSession(sessionId, cart);
  const fromFrames = await browserPut(app, sessionId, TEST_CARD);
  expect(fromFrames.statusCode).toBe(200);
  return { id: sessionId, version: fromFrames.json().session.version as string };
}

describe('a PHP shop plugin’s server integration', () => {
  it('pays a shipped cart and reads the order and transaction back', async () => {
    app = await testApp();
    const plugin = new ShopPlugin(app);
    const session = await checkout(plugin, SHIPPED);

    const paid = await plugin.transaction('PAY', '1001', session, SHIPPED);
    expect(paid).toMatchObject({
      result: 'SUCCESS',
      response: { gatewayCode: 'APPROVED' },
      partnerSolutionId: ShopPlugin.SOLUTION_ID,
      order: {
        id: '1001',
        amount: '31.50',
        status: 'CAPTURED',
        reference: '1001',
        itemAmount: '24.90',
        shippingAndHandlingAmount: '4.50',
        taxAmount: '2.10',
        item: [
          { name: 'Shirt', quantity: '2', sku: 'SH-1', unitPrice: '10.45' },
          { name: 'Mug', quantity: '1', sku: 'MG-7', unitPrice: '4.00' },
        ],
      },
      transaction: { type: 'PAYMENT', amount: '31.50', reference: 'txn-1001', source: 'INTERNET' },
      customer: CUSTOMER,
      billing: { address: { street: '12 Market Street', city: 'Springfield', country: 'USA' } },
      shipping: { address: { street: '9 Side Road' }, contact: { firstName: 'Jim', lastName: 'Payer' } },
      sourceOfFunds: { provided: { card: { number: '512345xxxxxx0008' } } },
    });
    expect(paid.billing.address).not.toHaveProperty('street2');

    const order = await plugin.retrieveOrder('1001');
    expect(order).toMatchObject({
      id: '1001',
      status: 'CAPTURED',
      totalCapturedAmount: '31.50',
      notificationUrl: 'https://shop.example/?wc-api=gateway',
      customer: CUSTOMER,
    });
    expect(order.transaction).toEqual([paid]);
    expect(await plugin.retrieveTransaction('1001', 'txn-1001')).toEqual(paid);
  });

  it('pays a download with shipping, tax and 3-D Secure left null', async () => {
    app = await testApp();
    const plugin = new ShopPlugin(app);
    const session = await checkout(plugin, DOWNLOAD);
    const paid = await plugin.transaction('PAY', '1002', session, DOWNLOAD);
    expect(paid).toMatchObject({ result: 'SUCCESS', order: { amount: '12.00', itemAmount: '12.00' } });
    expect(paid).not.toHaveProperty('shipping');
    expect(paid.order).not.toHaveProperty('taxAmount');
  });

  it('authorizes with line items, captures and refunds with float amounts, and reads the order back', async () => {
    app = await testApp();
    const plugin = new ShopPlugin(app);
    const session = await checkout(plugin, SHIPPED);

    const authorized = await plugin.transaction('AUTHORIZE', '2001', session, SHIPPED);
    expect(authorized).toMatchObject({
      result: 'SUCCESS',
      order: {
        status: 'AUTHORIZED',
        totalAuthorizedAmount: '31.50',
        item: [{ name: 'Shirt' }, { name: 'Mug' }],
      },
      transaction: { type: 'AUTHORIZATION', reference: 'txn-2001' },
    });
    const captured = await plugin.followUp('CAPTURE', '2001', 31.5);
    expect(captured).toMatchObject({
      result: 'SUCCESS',
      order: { status: 'CAPTURED', totalCapturedAmount: '31.50', reference: '2001' },
      transaction: { type: 'CAPTURE', amount: '31.50', reference: 'capture-txn-2001' },
      partnerSolutionId: ShopPlugin.SOLUTION_ID,
    });
    const refunded = await plugin.followUp('REFUND', '2001', 10.45);
    expect(refunded).toMatchObject({ order: { status: 'PARTIALLY_REFUNDED', totalRefundedAmount: '10.45' } });

    const order = await plugin.retrieveOrder('2001');
    expect(order).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      item: authorized.order.item,
      itemAmount: '24.90',
      customer: CUSTOMER,
    });
    expect(order.transaction.map((t: { transaction: { type: string } }) => t.transaction.type)).toEqual([
      'AUTHORIZATION',
      'CAPTURE',
      'REFUND',
    ]);
    expect(await plugin.retrieveTransaction('2001', 'refund-txn-2001')).toEqual(refunded);
  });
});
