import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/store/memory-store.ts';
import {
  AUTH,
  REST,
  TEST_CARD,
  browserPut,
  createSession,
  getOrder,
  logCapture,
  putTransaction,
  testApp,
} from './helpers.ts';

let app: FastifyInstance;
afterEach(() => app?.close());

let sequence = 0;
const newId = (prefix: string) => `${prefix}-${++sequence}`;

const put = (url: string, payload: object) =>
  app.inject({ method: 'PUT', url, headers: { authorization: AUTH }, payload });
const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: AUTH } });

const ADDRESS = {
  street: '1 Main Street',
  street2: 'Flat 2',
  city: 'Springfield',
  postcodeZip: '12345',
  stateProvince: 'IL',
  country: 'USA',
  company: 'Acme',
};

/** What a shop's Update Session carries beside the card. */
const SESSION_FIELDS = {
  order: {
    amount: 31.5,
    currency: 'USD',
    reference: 'cart-1001',
    description: 'Two shirts and a mug',
    notificationUrl: 'https://shop.example/webhooks/gateway',
    item: [
      {
        name: 'Shirt',
        quantity: 2,
        unitPrice: 10,
        unitTaxAmount: 1,
        sku: 'SH-1',
        description: 'Blue, size M',
        brand: 'Acme',
      },
      { name: 'Mug', quantity: 1, unitPrice: '5.00', category: 'Kitchen', unitTaxAmount: 0.5 },
    ],
    itemAmount: 25,
    taxAmount: 2.5,
    shippingAndHandlingAmount: 4,
  },
  customer: {
    email: 'jane@shop.example',
    firstName: 'Jane',
    lastName: 'Payer',
    phone: '+1 555 0100',
    mobilePhone: '5550101',
  },
  billing: { address: ADDRESS },
  shipping: {
    address: { ...ADDRESS, street: '9 Side Road' },
    contact: { firstName: 'Jim', lastName: 'Payer', email: 'jim@shop.example', phone: '5550102' },
    method: 'GROUND',
  },
  device: { browser: 'Mozilla/5.0 (X11; Linux x86_64)', ipAddress: '203.0.113.7' },
  partnerSolutionId: 'WC_9.1.4_PLUGIN_1.5.1',
  lineOfBusiness: 'MERCHANDISE',
  authentication: {
    acceptVersions: '3DS1,3DS2',
    channel: 'PAYER_BROWSER',
    purpose: 'PAYMENT_TRANSACTION',
    redirectResponseUrl: 'https://shop.example/3ds-return?order=1001',
  },
};

/** The same order as the session stores it: every amount and quantity as decimal text. */
const STORED_ORDER = {
  ...SESSION_FIELDS.order,
  amount: '31.5',
  item: [
    { ...SESSION_FIELDS.order.item[0], quantity: '2', unitPrice: '10', unitTaxAmount: '1' },
    { ...SESSION_FIELDS.order.item[1], quantity: '1', unitTaxAmount: '0.5' },
  ],
  itemAmount: '25',
  taxAmount: '2.5',
  shippingAndHandlingAmount: '4',
};

/** And as the order shows it: amounts in the currency's decimal form. */
const ORDER_DETAILS = {
  reference: 'cart-1001',
  description: 'Two shirts and a mug',
  notificationUrl: 'https://shop.example/webhooks/gateway',
  item: [
    { ...SESSION_FIELDS.order.item[0], quantity: '2', unitPrice: '10.00', unitTaxAmount: '1.00' },
    { ...SESSION_FIELDS.order.item[1], quantity: '1', unitPrice: '5.00', unitTaxAmount: '0.50' },
  ],
  itemAmount: '25.00',
  taxAmount: '2.50',
  shippingAndHandlingAmount: '4.00',
};

async function detailedSession(fields: object = SESSION_FIELDS): Promise<string> {
  const sessionId = await createSession(app);
  const updated = await put(`${REST}/session/${sessionId}`, fields);
  expect(updated.statusCode).toBe(200);
  expect((await browserPut(app, sessionId, TEST_CARD)).statusCode).toBe(200);
  return sessionId;
}

function pay(sessionId: string, extra: object = {}) {
  return { apiOperation: 'PAY', session: { id: sessionId }, sourceOfFunds: { type: 'CARD' }, ...extra };
}

describe('Update Session keeps the order, payer and 3-D Secure fields', () => {
  it('and Retrieve Session shows them as stored', async () => {
    app = await testApp();
    const sessionId = await createSession(app);
    const updated = await put(`${REST}/session/${sessionId}`, {
      apiOperation: 'UPDATE_SESSION',
      ...SESSION_FIELDS,
    });
    expect(updated.statusCode).toBe(200);
    const { session, merchant: _merchant, ...content } = (await get(`${REST}/session/${sessionId}`)).json();
    expect(session.updateStatus).toBe('SUCCESS');
    expect(content).toEqual({ ...SESSION_FIELDS, order: STORED_ORDER });
  });

  it('Create Session takes a line of business and echoes it', async () => {
    app = await testApp();
    const created = await app.inject({
      method: 'POST',
      url: `${REST}/session`,
      headers: { authorization: AUTH },
      payload: { lineOfBusiness: 'TICKET_SALES' },
    });
    expect(created.json().lineOfBusiness).toBe('TICKET_SALES');
    expect((await get(`${REST}/session/${created.json().session.id}`)).json().lineOfBusiness).toBe(
      'TICKET_SALES',
    );
  });
});

describe('PAY with a described order', () => {
  it('takes the session’s fields under its own, and shows them in the answer, the order and the transaction', async () => {
    app = await testApp();
    const sessionId = await detailedSession();
    const orderId = newId('order');
    const response = await putTransaction(
      app,
      orderId,
      'pay-1',
      pay(sessionId, {
        order: { id: orderId, reference: 'order-1001' },
        customer: { email: 'jane.payer@shop.example' },
        transaction: { reference: 'pay-1001', source: 'INTERNET' },
        partnerSolutionId: 'WC_9.1.4_PLUGIN_1.5.2',
      }),
    );
    expect(response.statusCode).toBe(201);
    const body = response.json();
    const order = { ...ORDER_DETAILS, reference: 'order-1001' };
    const customer = { ...SESSION_FIELDS.customer, email: 'jane.payer@shop.example' };
    expect(body).toMatchObject({
      result: 'SUCCESS',
      response: { gatewayCode: 'APPROVED' },
      order: { ...order, id: orderId, amount: '31.50', currency: 'USD', status: 'CAPTURED' },
      transaction: {
        id: 'pay-1',
        type: 'PAYMENT',
        amount: '31.50',
        reference: 'pay-1001',
        source: 'INTERNET',
      },
      customer,
      billing: SESSION_FIELDS.billing,
      shipping: SESSION_FIELDS.shipping,
      device: SESSION_FIELDS.device,
      partnerSolutionId: 'WC_9.1.4_PLUGIN_1.5.2',
      lineOfBusiness: 'MERCHANDISE',
    });
    expect(body).not.toHaveProperty('authentication');

    const retrieved = (await getOrder(app, orderId)).json();
    expect(retrieved).toMatchObject({
      ...order,
      id: orderId,
      amount: '31.50',
      customer,
      shipping: SESSION_FIELDS.shipping,
    });
    expect(retrieved.transaction[0]).toEqual(body);
    expect((await get(`${REST}/order/${orderId}/transaction/pay-1`)).json()).toEqual(body);
  });

  it.each([
    ['sub-totals that add up', { itemAmount: '25.00', taxAmount: '2.50', shippingAndHandlingAmount: '4.00' }],
    ['one sub-total that is the amount', { itemAmount: 31.5 }],
    [
      'sub-totals less a discount',
      { itemAmount: '30.00', shippingAndHandlingAmount: '4.00', discountAmount: '2.50' },
    ],
    [
      'sub-totals less a grouped discount',
      { itemAmount: '30.00', shippingAndHandlingAmount: 4, discount: { amount: 2.5, code: 'SPRING' } },
    ],
    [
      'item taxes that add up to the tax, quantities of thousandths',
      {
        itemAmount: '29.00',
        taxAmount: '2.50',
        item: [
          { name: 'Cheese', quantity: 1.5, unitPrice: '10.00', unitTaxAmount: '1.00' },
          { name: 'Bread', quantity: '2', unitPrice: '7.00', unitTaxAmount: 0.5 },
        ],
      },
    ],
    [
      'items without their own tax beside a tax amount',
      {
        itemAmount: 29,
        taxAmount: 2.5,
        item: [{ name: 'Gift card', quantity: 1, unitPrice: 29 }],
      },
    ],
  ])('accepts %s', async (_name, described) => {
    app = await testApp();
    const sessionId = await detailedSession({});
    const response = await putTransaction(
      app,
      newId('order'),
      'pay',
      pay(sessionId, { order: { amount: '31.50', currency: 'USD', ...described } }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().response.gatewayCode).toBe('APPROVED');
  });

  it.each([
    ['sub-totals that miss the amount', { itemAmount: '25.00', taxAmount: '2.50' }, 'order.amount'],
    ['a discount that breaks the sum', { itemAmount: '31.50', discountAmount: '1.00' }, 'order.amount'],
    [
      'two discounts that disagree',
      { itemAmount: '30.50', discountAmount: '1.00', discount: { amount: '2.00' } },
      'order.discountAmount',
    ],
    [
      'item taxes that miss the tax',
      {
        itemAmount: '29.00',
        taxAmount: '2.50',
        item: [{ name: 'Cheese', quantity: 1.5, unitPrice: '10.00', unitTaxAmount: '1.01' }],
      },
      'order.taxAmount',
    ],
    ['a zero quantity', { item: [{ name: 'Air', quantity: 0, unitPrice: 1 }] }, 'order.item.0.quantity'],
    [
      'a quantity finer than thousandths',
      { item: [{ name: 'Dust', quantity: 0.0001, unitPrice: 1 }] },
      'order.item.0.quantity',
    ],
    [
      'a negative unit price',
      { item: [{ name: 'Coupon', quantity: 1, unitPrice: -1 }] },
      'order.item.0.unitPrice',
    ],
    ['an order id that is not the URL’s', { id: 'another-order' }, 'order.id'],
  ])('refuses %s, naming %s, and pays nothing', async (_name, described, field) => {
    const store = new MemoryStore();
    app = await testApp({ store });
    const sessionId = await detailedSession({});
    const orderId = newId('order');
    const response = await putTransaction(
      app,
      orderId,
      'pay',
      pay(sessionId, { order: { amount: '31.50', currency: 'USD', ...described } }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      cause: 'INVALID_REQUEST',
      field,
      validationType: 'INVALID',
    });
    expect((await getOrder(app, orderId)).statusCode).toBe(404);
    expect((await store.getSession(sessionId))!.cscEnvelope).toBeDefined();
  });

  it('a retry after a decline describes the order afresh: nothing of the declined attempt stays', async () => {
    app = await testApp();
    const sessionId = await createSession(app);
    expect(
      (await browserPut(app, sessionId, { ...TEST_CARD, expiry: { month: '5', year: '39' } })).statusCode,
    ).toBe(200);
    const orderId = newId('order');
    const declined = await putTransaction(
      app,
      orderId,
      'pay-1',
      pay(sessionId, {
        order: { amount: '30.00', currency: 'USD', itemAmount: '25.00', shippingAndHandlingAmount: '5.00' },
      }),
    );
    expect(declined.json().response.gatewayCode).toBe('DECLINED');
    const retried = await putTransaction(
      app,
      orderId,
      'pay-2',
      pay(sessionId, {
        order: { amount: '20.00', currency: 'USD', reference: 'second-try' },
        sourceOfFunds: { type: 'CARD', provided: { card: { expiry: { month: '1', year: '39' } } } },
      }),
    );
    expect(retried.json().response.gatewayCode).toBe('APPROVED');
    const order = (await getOrder(app, orderId)).json();
    expect(order).toMatchObject({ amount: '20.00', reference: 'second-try', status: 'CAPTURED' });
    expect(order).not.toHaveProperty('itemAmount');
    expect(order).not.toHaveProperty('shippingAndHandlingAmount');
  });

  it('AUTHORIZE keeps line items, and a later CAPTURE and VOID add their own references', async () => {
    app = await testApp();
    const sessionId = await detailedSession();
    const orderId = newId('order');
    const authorized = await putTransaction(app, orderId, 'auth', {
      ...pay(sessionId),
      apiOperation: 'AUTHORIZE',
    });
    expect(authorized.json().order).toMatchObject({ status: 'AUTHORIZED', item: ORDER_DETAILS.item });
    const captured = await putTransaction(app, orderId, 'cap', {
      apiOperation: 'CAPTURE',
      transaction: { amount: 31.5, currency: 'USD', reference: 'capture-1001' },
      order: { reference: 'order-1001-shipped', notificationUrl: 'https://shop.example/webhooks/v2' },
      partnerSolutionId: 'WC_9.1.4_PLUGIN_1.5.1',
    });
    expect(captured.statusCode).toBe(201);
    expect(captured.json()).toMatchObject({
      order: { status: 'CAPTURED', reference: 'order-1001-shipped', item: ORDER_DETAILS.item },
      transaction: { type: 'CAPTURE', reference: 'capture-1001' },
      partnerSolutionId: 'WC_9.1.4_PLUGIN_1.5.1',
      customer: SESSION_FIELDS.customer,
    });
    const voided = await putTransaction(app, orderId, 'void', {
      apiOperation: 'VOID',
      transaction: { targetTransactionId: 'cap', reference: 'void-1001' },
      lineOfBusiness: 'RETURNS',
    });
    expect(voided.json()).toMatchObject({
      transaction: { type: 'VOID_CAPTURE', reference: 'void-1001' },
      lineOfBusiness: 'RETURNS',
    });
    const order = (await getOrder(app, orderId)).json();
    expect(order.notificationUrl).toBe('https://shop.example/webhooks/v2');
    expect(
      order.transaction.map((t: { transaction: { reference?: string } }) => t.transaction.reference),
    ).toEqual([undefined, 'capture-1001', 'void-1001']);
  });

  it('VERIFY keeps the payer and the order’s references, not the session’s amounts', async () => {
    app = await testApp();
    const sessionId = await detailedSession();
    const verified = await putTransaction(app, newId('order'), 'verify', {
      apiOperation: 'VERIFY',
      session: { id: sessionId },
      order: { currency: 'USD', reference: 'card-check' },
      transaction: { source: 'MOTO' },
    });
    expect(verified.statusCode).toBe(201);
    const body = verified.json();
    expect(body.order).toMatchObject({
      status: 'VERIFIED',
      reference: 'card-check',
      notificationUrl: SESSION_FIELDS.order.notificationUrl,
    });
    expect(body.order).not.toHaveProperty('item');
    expect(body.order).not.toHaveProperty('itemAmount');
    expect(body).toMatchObject({ customer: SESSION_FIELDS.customer, transaction: { source: 'MOTO' } });
  });
});

describe('fields are validated as Mastercard defines them', () => {
  it.each([
    [{ transaction: { source: 'WEB' } }, 'transaction.source'],
    [{ transaction: { reference: 'r'.repeat(41) } }, 'transaction.reference'],
    [{ shipping: { method: 'FAST' } }, 'shipping.method'],
    [{ device: { ipAddress: '999.1.1.1' } }, 'device.ipAddress'],
    [
      { order: { amount: '1.00', currency: 'USD', notificationUrl: 'http://shop.example/hook' } },
      'order.notificationUrl',
    ],
    [{ order: { amount: '1.00', currency: 'USD', notificationUrl: 'https://a.b' } }, 'order.notificationUrl'],
    [{ order: { amount: '1.00', currency: 'USD', item: [] } }, 'order.item'],
    [{ customer: { email: 'jane@' } }, 'customer.email'],
    [{ shipping: { contact: { firstName: 'f'.repeat(51) } } }, 'shipping.contact.firstName'],
    [{ lineOfBusiness: 'TICKET SALES' }, 'lineOfBusiness'],
    [{ partnerSolutionId: 'p'.repeat(41) }, 'partnerSolutionId'],
  ])('PAY with %j is refused as %s INVALID', async (extra, field) => {
    app = await testApp();
    const sessionId = await detailedSession({});
    const response = await putTransaction(
      app,
      newId('order'),
      'pay',
      pay(sessionId, { order: { amount: '1.00', currency: 'USD' }, ...extra }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field, validationType: 'INVALID' });
  });

  it.each([
    [{ authentication: { channel: 'EMAIL' } }, 'authentication.channel', 'INVALID'],
    [{ authentication: { purpose: 'SHOPPING' } }, 'authentication.purpose', 'INVALID'],
    [{ authentication: { acceptVersions: '3DS3' } }, 'authentication.acceptVersions', 'INVALID'],
    [
      { authentication: { redirectResponseUrl: 'javascript:alert(1)' } },
      'authentication.redirectResponseUrl',
      'INVALID',
    ],
    [{ authentication: { transactionId: 'auth-1' } }, 'authentication.transactionId', 'UNSUPPORTED'],
    [{ order: { item: [{ quantity: 1, unitPrice: 1 }] } }, 'order.item.0.name', 'MISSING'],
    [{ order: { item: [{ name: 'Mug', quantity: 1 }] } }, 'order.item.0.unitPrice', 'MISSING'],
    [{ apiOperation: 'PAY' }, 'apiOperation', 'INVALID'],
  ])(
    'Update Session with %j is refused as %s %s, the session marked FAILURE',
    async (body, field, validationType) => {
      app = await testApp();
      const sessionId = await createSession(app);
      const response = await put(`${REST}/session/${sessionId}`, body);
      expect(response.json().error).toMatchObject({ field, validationType });
      const retrieved = (await get(`${REST}/session/${sessionId}`)).json();
      expect(retrieved.session.updateStatus).toBe('FAILURE');
      expect(retrieved).not.toHaveProperty('order');
      expect(retrieved).not.toHaveProperty('authentication');
    },
  );
});

describe('a card number in a name, address, reference, description or item is refused, never stored', () => {
  const PAN = TEST_CARD.number;
  const GROUPED = '5123 4500 0000 0008';
  const rows: [string, object][] = [
    ['customer.firstName', { customer: { firstName: GROUPED } }],
    ['customer.lastName', { customer: { lastName: `Payer ${PAN}` } }],
    ['billing.address.street', { billing: { address: { street: `${GROUPED} Main St` } } }],
    ['billing.address.street2', { billing: { address: { street2: PAN } } }],
    ['billing.address.city', { billing: { address: { city: '5123-4500-0000-0008' } } }],
    ['billing.address.company', { billing: { address: { company: PAN } } }],
    ['shipping.address.street', { shipping: { address: { street: PAN } } }],
    ['shipping.contact.firstName', { shipping: { contact: { firstName: GROUPED } } }],
    ['order.reference', { order: { reference: `ref-${PAN}` } }],
    ['order.description', { order: { description: `card ${GROUPED}` } }],
    ['order.item.0.name', { order: { item: [{ name: GROUPED, quantity: 1, unitPrice: 1 }] } }],
    ['order.item.0.sku', { order: { item: [{ name: 'Mug', sku: PAN, quantity: 1, unitPrice: 1 }] } }],
    [
      'order.item.0.description',
      { order: { item: [{ name: 'Mug', description: PAN, quantity: 1, unitPrice: 1 }] } },
    ],
    ['order.discount.code', { order: { discount: { code: PAN } } }],
  ];

  it.each(rows)('Update Session: %s', async (field, body) => {
    const store = new MemoryStore();
    const log = logCapture();
    app = await testApp({ store, logStream: log.stream }, { logLevel: 'trace' });
    const sessionId = await createSession(app);
    const response = await put(`${REST}/session/${sessionId}`, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      cause: 'INVALID_REQUEST',
      explanation: `Value for field '${field}' must not contain a card number.`,
      field,
      validationType: 'INVALID',
    });
    const record = JSON.stringify(await store.getSession(sessionId));
    expect(record.replace(/\D/g, '')).not.toContain(PAN);
    expect(record).toContain('"updateStatus":"FAILURE"');
    expect(response.body.replace(/\D/g, '')).not.toContain(PAN);
    expect(log.text().replace(/\D/g, '')).not.toContain(PAN);
  });

  it.each([...rows, ['transaction.reference', { transaction: { reference: GROUPED } }] as [string, object]])(
    'PAY: %s',
    async (field, body) => {
      const store = new MemoryStore();
      app = await testApp({ store });
      const sessionId = await detailedSession({});
      const orderId = newId('order');
      const { order, ...rest } = body as { order?: object };
      const response = await putTransaction(
        app,
        orderId,
        'pay',
        pay(sessionId, { order: { amount: '1.00', currency: 'USD', ...order }, ...rest }),
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ field, validationType: 'INVALID' });
      expect(await store.getOrder('TESTMERCHANT', orderId)).toBeUndefined();
    },
  );

  it('takes names, addresses and references with ordinary numbers in them', async () => {
    app = await testApp();
    const sessionId = await detailedSession({
      customer: { firstName: 'Jane', lastName: 'Payer-Smith' },
      billing: { address: { street: '221B Baker Street', street2: 'PO Box 12345', postcodeZip: 'NW1 6XE' } },
      order: { reference: 'ORDER-2026-11-30-17', description: '3 items, 2 kg' },
    });
    const paid = await putTransaction(
      app,
      newId('order'),
      'pay',
      pay(sessionId, {
        order: { amount: '1.00', currency: 'USD' },
        transaction: { reference: 'txn-1764500000' },
      }),
    );
    expect(paid.statusCode).toBe(201);
  });
});
