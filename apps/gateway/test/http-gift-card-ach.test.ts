import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/store/memory-store.ts';
import { AUTH, BROWSER, REST, basic, createSession, getOrder, putTransaction, testApp } from './helpers.ts';

/**
 * Gift cards and ACH bank accounts, put into a session from the hosted fields and paid with from the merchant's
 * server, as Mastercard names them: `sourceOfFunds.type` GIFT_CARD or ACH, details in `provided.giftCard` and
 * `provided.ach`. Account numbers and PINs are sealed in the vault like PAN and CSC, and shown masked.
 */
let app: FastifyInstance;
afterEach(() => app?.close());

// The simulator's convention: the last two digits of the gift card or account number pick the outcome.
const GIFT_CARD = { number: '7700000000000000', pin: '4321', localBrand: 'SANDBOX_GIFT' };
const BANK_ACCOUNT = {
  accountType: 'CONSUMER_CHECKING',
  bankAccountHolder: 'Ada Lovelace',
  bankAccountNumber: '1234567800',
  routingNumber: '011000015',
};

function browserUpdate(sessionId: string, sourceOfFunds: object) {
  return app.inject({
    method: 'PUT',
    url: `${BROWSER}/session/${sessionId}`,
    headers: { authorization: basic('merchant.TESTMERCHANT', sessionId) },
    payload: { sourceOfFunds },
  });
}

const giftCard = (card: object = GIFT_CARD) => ({ type: 'GIFT_CARD', provided: { giftCard: card } });
const ach = (account: object = BANK_ACCOUNT) => ({ type: 'ACH', provided: { ach: account } });

async function sessionWith(sourceOfFunds: object): Promise<string> {
  const sessionId = await createSession(app);
  const response = await browserUpdate(sessionId, sourceOfFunds);
  if (response.statusCode !== 200) throw new Error(response.body);
  return sessionId;
}

const pay = (orderId: string, sessionId: string, apiOperation = 'PAY', transactionId = 'pay-1') =>
  putTransaction(app, orderId, transactionId, {
    apiOperation,
    order: apiOperation === 'VERIFY' ? { currency: 'USD' } : { amount: '20.00', currency: 'USD' },
    session: { id: sessionId },
  });

describe('gift cards', () => {
  it('go into the session from the browser, masked, with their local brand', async () => {
    const store = new MemoryStore();
    app = await testApp({ store });
    const sessionId = await createSession(app);
    const response = await browserUpdate(sessionId, giftCard());
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      merchant: 'TESTMERCHANT',
      session: { id: sessionId, updateStatus: 'SUCCESS', version: expect.any(String) },
      sourceOfFunds: {
        type: 'GIFT_CARD',
        provided: {
          giftCard: {
            brand: 'LOCAL_BRAND_ONLY',
            scheme: 'LOCAL_BRAND_ONLY',
            localBrand: 'SANDBOX_GIFT',
            number: 'xxxxxxxxxxxx0000',
            pin: 'xxxx',
          },
        },
      },
      version: '100',
      // For the hub, which keeps it from the page.
      authenticationsRemaining: 4,
    });
    const stored = JSON.stringify(await store.getSession(sessionId));
    expect(stored).not.toContain(GIFT_CARD.number);
    expect(stored).not.toContain(`"${GIFT_CARD.pin}"`);
  });

  it('pay, and the PIN goes with the first payment', async () => {
    const store = new MemoryStore();
    app = await testApp({ store });
    const sessionId = await sessionWith(giftCard());
    const paid = await pay('gift-1', sessionId);
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({
      result: 'SUCCESS',
      response: { gatewayCode: 'APPROVED' },
      order: { status: 'CAPTURED', amount: '20.00' },
      sourceOfFunds: {
        type: 'GIFT_CARD',
        provided: { giftCard: { localBrand: 'SANDBOX_GIFT', number: 'xxxxxxxxxxxx0000' } },
      },
    });
    expect(paid.json().sourceOfFunds.provided.giftCard).not.toHaveProperty('pin');
    expect((await store.getSession(sessionId))!.giftCardPinEnvelope).toBeUndefined();
    expect((await getOrder(app, 'gift-1')).json().sourceOfFunds.type).toBe('GIFT_CARD');
  });

  it('authorize and capture', async () => {
    app = await testApp();
    const sessionId = await sessionWith(giftCard());
    expect((await pay('gift-2', sessionId, 'AUTHORIZE', 'auth-1')).json().order.status).toBe('AUTHORIZED');
    const captured = await putTransaction(app, 'gift-2', 'capture-1', {
      apiOperation: 'CAPTURE',
      transaction: { amount: '20.00', currency: 'USD' },
    });
    expect(captured.json()).toMatchObject({ result: 'SUCCESS', order: { status: 'CAPTURED' } });
  });

  it.each([
    ['7700000000000005', 'DECLINED'],
    ['7700000000000051', 'INSUFFICIENT_FUNDS'],
    ['7700000000000091', 'TIMED_OUT'],
  ])('%s is %s in the simulator', async (number, gatewayCode) => {
    app = await testApp();
    const sessionId = await sessionWith(giftCard({ ...GIFT_CARD, number }));
    const paid = await pay('gift-declined', sessionId);
    expect(paid.json()).toMatchObject({ result: 'FAILURE', response: { gatewayCode } });
  });

  it.each([
    ['a number too short', { ...GIFT_CARD, number: '123456' }, 'sourceOfFunds.provided.giftCard.number'],
    ['a PIN with letters', { ...GIFT_CARD, pin: '12a4' }, 'sourceOfFunds.provided.giftCard.pin'],
    [
      'no local brand',
      { number: GIFT_CARD.number, pin: '1234' },
      'sourceOfFunds.provided.giftCard.localBrand',
    ],
  ])('refuses %s, naming the field', async (_name, card, field) => {
    app = await testApp();
    const response = await browserUpdate(await createSession(app), giftCard(card));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
    expect(response.body).not.toContain(GIFT_CARD.number);
  });
});

describe('ACH bank accounts', () => {
  it('go into the session from the browser, the account number masked', async () => {
    const store = new MemoryStore();
    app = await testApp({ store });
    const sessionId = await createSession(app);
    const response = await browserUpdate(sessionId, ach());
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().sourceOfFunds).toEqual({
      type: 'ACH',
      provided: {
        ach: {
          accountType: 'CONSUMER_CHECKING',
          bankAccountHolder: 'Ada Lovelace',
          bankAccountNumber: 'xxxxxx7800',
          routingNumber: '011000015',
          // Entered by the payer on a web page.
          secCode: 'WEB',
        },
      },
    });
    expect(JSON.stringify(await store.getSession(sessionId))).not.toContain(BANK_ACCOUNT.bankAccountNumber);
  });

  it('pay with PAY: approved pending settlement, a success; then refund', async () => {
    app = await testApp();
    const sessionId = await sessionWith(ach());
    const paid = await pay('ach-1', sessionId);
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({
      result: 'SUCCESS',
      response: { gatewayCode: 'APPROVED_PENDING_SETTLEMENT' },
      order: { status: 'CAPTURED', totalCapturedAmount: '20.00' },
      transaction: { type: 'PAYMENT' },
      sourceOfFunds: { type: 'ACH', provided: { ach: { bankAccountNumber: 'xxxxxx7800', secCode: 'WEB' } } },
    });
    const refunded = await putTransaction(app, 'ach-1', 'refund-1', {
      apiOperation: 'REFUND',
      transaction: { amount: '5.00', currency: 'USD' },
    });
    expect(refunded.json()).toMatchObject({ result: 'SUCCESS', order: { status: 'PARTIALLY_REFUNDED' } });
  });

  it('are refused for AUTHORIZE and VERIFY, which ACH does not have', async () => {
    app = await testApp();
    const sessionId = await sessionWith(ach());
    for (const operation of ['AUTHORIZE', 'VERIFY']) {
      const refused = await pay(`ach-${operation}`, sessionId, operation);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({ field: 'sourceOfFunds.type', validationType: 'INVALID' });
    }
  });

  it.each([
    ['1234567805', 'DECLINED'],
    ['1234567851', 'INSUFFICIENT_FUNDS'],
  ])('account %s is %s in the simulator', async (bankAccountNumber, gatewayCode) => {
    app = await testApp();
    const sessionId = await sessionWith(ach({ ...BANK_ACCOUNT, bankAccountNumber }));
    expect((await pay('ach-declined', sessionId)).json().response.gatewayCode).toBe(gatewayCode);
  });

  it.each([
    ['a routing number failing the ABA checksum', { routingNumber: '011000016' }, 'routingNumber'],
    ['a routing number of eight digits', { routingNumber: '01100001' }, 'routingNumber'],
    ['an unknown account type', { accountType: 'CHECKING' }, 'accountType'],
    ['an account number of three digits', { bankAccountNumber: '123' }, 'bankAccountNumber'],
    ['a holder name with a card number in it', { bankAccountHolder: 'Ada 4508' }, 'bankAccountHolder'],
  ])('refuses %s, naming the field', async (_name, change, field) => {
    app = await testApp();
    const response = await browserUpdate(await createSession(app), ach({ ...BANK_ACCOUNT, ...change }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(`sourceOfFunds.provided.ach.${field}`);
  });
});

describe('from the merchant server', () => {
  it('Update Session takes a gift card or a bank account too, and the session pays with the type it names', async () => {
    app = await testApp();
    const sessionId = await createSession(app);
    const updated = await app.inject({
      method: 'PUT',
      url: `${REST}/session/${sessionId}`,
      headers: { authorization: AUTH },
      payload: { sourceOfFunds: ach({ ...BANK_ACCOUNT, secCode: 'TEL' }) },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().sourceOfFunds.provided.ach.bankAccountNumber).toBe('xxxxxx7800');
    const paid = await pay('ach-server', sessionId);
    expect(paid.json().sourceOfFunds.provided.ach.secCode).toBe('TEL');
  });

  it('a payment that names another type than the session holds is refused', async () => {
    app = await testApp();
    const sessionId = await sessionWith(giftCard());
    const refused = await putTransaction(app, 'mixed', 'pay-1', {
      apiOperation: 'PAY',
      order: { amount: '20.00', currency: 'USD' },
      session: { id: sessionId },
      sourceOfFunds: { type: 'CARD' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ field: 'sourceOfFunds.provided.card.number' });
  });
});
