import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { PaymentService } from '../src/domain/payments.ts';
import { SessionService } from '../src/domain/sessions.ts';
import { AuthenticationService } from '../src/domain/threeds/index.ts';
import { TokenService } from '../src/domain/tokens.ts';
import { CardVault } from '../src/domain/vault.ts';
import { SimulatorProcessor, type Processor, type ProcessorResponse } from '../src/processor/index.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import type { Store } from '../src/store/store.ts';
import { SimulatedThreeDSServer } from '../src/threeds-server/index.ts';
import { cardSession, getOrder, putTransaction, testApp, testMerchants, yieldingStore } from './helpers.ts';

let app: FastifyInstance;
afterEach(() => app?.close());

/** The simulator, slowed down like a real acquirer, counting the calls that would move money. */
function countingProcessor(delayMs = 30) {
  const inner = new SimulatorProcessor();
  const calls: string[] = [];
  const processor = new Proxy(inner, {
    get(target, key: keyof Processor) {
      const method = target[key].bind(target) as (request: {
        transactionId: string;
      }) => Promise<ProcessorResponse>;
      return async (request: { transactionId: string }) => {
        calls.push(`${String(key)}:${request.transactionId}`);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return method(request);
      };
    },
  });
  return { processor, calls };
}

const payBody = (sessionId: string, amount = '10.00') => ({
  apiOperation: 'PAY',
  order: { amount, currency: 'USD' },
  session: { id: sessionId },
  sourceOfFunds: { type: 'CARD' },
});

describe('resubmitting a transaction', () => {
  it('takes a resubmission that spells absent fields as null for the same request', async () => {
    const { processor, calls } = countingProcessor(0);
    app = await testApp({ processor });
    const sessionId = await cardSession(app);
    const first = await putTransaction(app, 'order-n', 'txn-1', payBody(sessionId));
    const again = await putTransaction(app, 'order-n', 'txn-1', {
      ...payBody(sessionId),
      '3DSecureId': null,
      shipping: null,
      order: { ...payBody(sessionId).order, reference: null },
    });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(calls).toEqual(['pay:txn-1']);
  });

  it('answers an identical request with the first response and moves no money again', async () => {
    const { processor, calls } = countingProcessor(0);
    app = await testApp({ processor });
    const sessionId = await cardSession(app);
    const first = await putTransaction(app, 'order-1', 'txn-1', payBody(sessionId));
    // Same content, other key order: still the same request.
    const { sourceOfFunds, session, order, apiOperation } = payBody(sessionId);
    const again = await putTransaction(app, 'order-1', 'txn-1', {
      sourceOfFunds,
      session,
      order,
      apiOperation,
    });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(calls).toEqual(['pay:txn-1']);
    expect((await getOrder(app, 'order-1')).json().transaction).toHaveLength(1);
  });

  it('refuses the same ids with a different body, changing nothing', async () => {
    app = await testApp();
    const sessionId = await cardSession(app);
    await putTransaction(app, 'order-1', 'txn-1', payBody(sessionId));
    const before = (await getOrder(app, 'order-1')).json();
    const other = await putTransaction(app, 'order-1', 'txn-1', payBody(sessionId, '99.00'));
    expect(other.statusCode).toBe(400);
    expect(other.json()).toEqual({
      result: 'ERROR',
      error: { cause: 'INVALID_REQUEST', explanation: expect.stringMatching(/different request/) },
    });
    expect((await getOrder(app, 'order-1')).json()).toEqual(before);
  });

  it('lets a refused request be corrected under the same ids', async () => {
    app = await testApp();
    const sessionId = await cardSession(app);
    const refused = await putTransaction(app, 'order-1', 'txn-1', {
      ...payBody(sessionId),
      order: { amount: '10.00' },
    });
    expect(refused.statusCode).toBe(400);
    const corrected = await putTransaction(app, 'order-1', 'txn-1', payBody(sessionId));
    expect(corrected.json().result).toBe('SUCCESS');
  });

  it('runs concurrent identical PAYs once, and every racer gets the same body', async () => {
    const { processor, calls } = countingProcessor();
    const store = yieldingStore();
    app = await testApp({ processor, store });
    const sessionId = await cardSession(app);
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => putTransaction(app, 'order-race', 'txn-1', payBody(sessionId))),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const bodies = responses.map((r) => r.json());
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(bodies[0].result).toBe('SUCCESS');
    expect(calls).toEqual(['pay:txn-1']);
    const order = (await getOrder(app, 'order-race')).json();
    expect(order.transaction).toHaveLength(1);
    expect(order.totalCapturedAmount).toBe('10.00');
  });

  it('serialises different operations on one order: two captures never exceed the authorization', async () => {
    const { processor, calls } = countingProcessor();
    app = await testApp({ processor, store: yieldingStore() });
    const sessionId = await cardSession(app);
    await putTransaction(app, 'order-2', 'auth', { ...payBody(sessionId), apiOperation: 'AUTHORIZE' });
    const captures = await Promise.all(
      ['cap-a', 'cap-b', 'cap-c'].map((id) =>
        putTransaction(app, 'order-2', id, {
          apiOperation: 'CAPTURE',
          transaction: { amount: '6.00', currency: 'USD' },
        }),
      ),
    );
    expect(captures.map((r) => r.statusCode).sort()).toEqual([201, 400, 400]);
    expect(calls.filter((call) => call.startsWith('capture'))).toHaveLength(1);
    const order = (await getOrder(app, 'order-2')).json();
    expect(order).toMatchObject({ status: 'PARTIALLY_CAPTURED', totalCapturedAmount: '6.00' });
  });
});

describe('a request whose twin is still with the processor', () => {
  async function service(store: Store, processor: Processor) {
    const vault = new CardVault(randomBytes(32));
    const sessions = new SessionService({ store, vault, ttlMs: 900_000 });
    const tokens = new TokenService({ store, vault, sessions });
    const authentications = new AuthenticationService({
      store,
      vault,
      server: new SimulatedThreeDSServer(),
      ttlMs: 900_000,
      methodTimeoutMs: 10_000,
    });
    const payments = new PaymentService({
      store,
      processor,
      sessions,
      tokens,
      authentications,
      fingerprintKey: randomBytes(32),
      waitMs: 50,
    });
    return { sessions, payments };
  }

  it('is answered SERVER_BUSY once it has waited long enough, and the first still completes once', async () => {
    const store = new MemoryStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const simulator = new SimulatorProcessor();
    const processor: Processor = Object.assign(Object.create(simulator) as Processor, {
      pay: async (request: Parameters<Processor['pay']>[0]) => {
        await gate;
        return simulator.pay(request);
      },
    });
    const { sessions, payments } = await service(store, processor);
    const scope = { merchant: (await testMerchants())[0]!, apiVersion: '100' };
    const { record } = await sessions.create(scope, {});
    await sessions.updateFromBrowser(scope, record.id, {
      sourceOfFunds: {
        type: 'CARD',
        provided: {
          card: { number: '5123450000000008', expiry: { month: '1', year: '39' }, securityCode: '100' },
        },
      },
    });
    const ids = { orderId: 'order-slow', transactionId: 'txn-1' };
    const first = payments.submit(scope, ids, payBody(record.id));
    await expect(payments.submit(scope, ids, payBody(record.id))).rejects.toMatchObject({
      errorCause: 'SERVER_BUSY',
      status: 503,
    });
    const otherTransaction = payments.submit(scope, { ...ids, transactionId: 'txn-2' }, payBody(record.id));
    await expect(otherTransaction).rejects.toMatchObject({ errorCause: 'SERVER_BUSY' });
    release();
    const body = await first;
    expect(body.result).toBe('SUCCESS');
    expect(await payments.submit(scope, ids, payBody(record.id))).toEqual(body);
    expect((await store.getOrder('TESTMERCHANT', 'order-slow'))!.lease).toBeUndefined();
  });
});
