import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresClient } from '../src/store/sql/postgres-client.ts';
import { rowsWithClearCardData } from './card-data-scan.ts';
import {
  SANDBOX_BROWSER,
  SANDBOX_REST,
  browserUpdate,
  cardSessionOn,
  createSessionOn,
  pay,
  sharedVaultKey,
  startGateway,
  stopAll,
  TEST_CARD_NUMBER,
  type GatewayProcess,
  type Reply,
} from './gateway-process.ts';
import { testDatabase } from './postgres-test-db.ts';

// Two gateway processes on one PostgreSQL, as behind a load balancer: every limit must hold across both.
describe('two gateways on one PostgreSQL', () => {
  let a: GatewayProcess;
  let b: GatewayProcess;
  let drop: () => Promise<void>;
  let databaseUrl: string;
  beforeAll(async () => {
    const database = await testDatabase();
    drop = database.drop;
    databaseUrl = database.url;
    const env = { DATABASE_URL: database.url, VAULT_KEY: sharedVaultKey() };
    [a, b] = await Promise.all([startGateway(env), startGateway(env)]);
  }, 60_000);
  afterAll(async () => {
    await stopAll();
    await drop?.();
  });

  const either = (i: number) => (i % 2 === 0 ? a : b);

  it('serves one session from both: created on A, updated from the browser on B, paid on A', async () => {
    const sessionId = await createSessionOn(a);
    expect((await browserUpdate(b, sessionId)).status).toBe(200);
    const paid = await a.call('PUT', `${SANDBOX_REST}/order/o-ab/transaction/t-1`, pay(sessionId));
    expect(paid.status).toBe(201);
    expect(paid.body.result).toBe('SUCCESS');
  });

  it('lets exactly authenticationLimit (5) of 20 concurrent browser updates through across A and B', async () => {
    const sessionId = await createSessionOn(a, { session: { authenticationLimit: 5 } });
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => browserUpdate(either(i), sessionId)),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 403)).toHaveLength(15);
  });

  it('answers 10 concurrent identical PAYs over A and B with one transaction and one body', async () => {
    const sessionId = await cardSessionOn(b);
    const path = `${SANDBOX_REST}/order/o-same/transaction/t-1`;
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => either(i).call('PUT', path, pay(sessionId))),
    );
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([201]));
    for (const reply of replies) expect(reply.body).toEqual(replies[0]!.body);
    const order = await b.call('GET', `${SANDBOX_REST}/order/o-same`);
    expect(order.body.transaction).toHaveLength(1);
  });

  it('never refunds more than was captured, whatever the interleaving over A and B', async () => {
    const sessionId = await cardSessionOn(a);
    const order = `${SANDBOX_REST}/order/o-refunds`;
    expect((await a.call('PUT', `${order}/transaction/pay`, pay(sessionId, '10.00'))).status).toBe(201);
    const refund = { apiOperation: 'REFUND', transaction: { amount: '3.00', currency: 'USD' } };
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        untilSettled(() => either(i).call('PUT', `${order}/transaction/r-${i}`, refund)),
      ),
    );
    const refunded = replies.filter((r) => r.body.result === 'SUCCESS');
    expect(refunded).toHaveLength(3);
    const final = await b.call('GET', order);
    expect(final.body.totalRefundedAmount).toBe('9.00');
  });

  // Last: it reads what all the tests above stored.
  it('leaves no clear card number or CSC in any table', async () => {
    const db = openPostgresClient(databaseUrl);
    try {
      expect(await rowsWithClearCardData(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

// The card-testing limits are counted in the database: two instances together let no more through than one.
describe('card-testing limits across two gateways on one PostgreSQL', () => {
  let a: GatewayProcess;
  let b: GatewayProcess;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await testDatabase();
    drop = database.drop;
    const env = {
      DATABASE_URL: database.url,
      VAULT_KEY: sharedVaultKey(),
      RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: '6/10m',
      RATE_LIMIT_DECLINES_PER_CARD: '3/1h',
    };
    [a, b] = await Promise.all([startGateway(env), startGateway(env)]);
  }, 60_000);
  afterAll(async () => {
    await stopAll();
    await drop?.();
  });

  const either = (i: number) => (i % 2 === 0 ? a : b);

  it('stops a card after 3 declines, whichever instance the attempts reach', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const id = await createSessionOn(either(i));
      const card = { number: TEST_CARD_NUMBER, expiry: { month: '5', year: '39' }, securityCode: '100' };
      const update = await either(i + 1).call(
        'PUT',
        `${SANDBOX_BROWSER}/session/${id}`,
        { sourceOfFunds: { type: 'CARD', provided: { card } } },
        `Basic ${Buffer.from(`merchant.TESTMERCHANT:${id}`).toString('base64')}`,
      );
      expect(update.status).toBe(200);
      const paid = await either(i).call(
        'PUT',
        `${SANDBOX_REST}/order/o-decline-${i}/transaction/t-1`,
        pay(id),
      );
      statuses.push(paid.status);
      if (paid.status === 201) expect(paid.body.result).toBe('FAILURE');
      else expect(paid.body).toMatchObject({ result: 'ERROR', error: { cause: 'REQUEST_REJECTED' } });
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429, 429, 429]);
  });

  it('refuses an address after 6 guessed session ids over both instances', async () => {
    const statuses: number[] = [];
    for (let guess = 0; guess < 12; guess++) {
      const id = `SESSION${String(guess).padStart(25, '0')}`;
      const reply = await either(guess).call(
        'PUT',
        `${SANDBOX_BROWSER}/session/${id}`,
        { sourceOfFunds: { type: 'CARD', provided: { card: { number: TEST_CARD_NUMBER } } } },
        `Basic ${Buffer.from(`merchant.TESTMERCHANT:${id}`).toString('base64')}`,
      );
      statuses.push(reply.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 429, 429, 429, 429, 429, 429]);
  });
});

/** A client's retry: SERVER_BUSY means "try again", anything else is the answer. */
async function untilSettled(call: () => Promise<Reply>): Promise<Reply> {
  for (;;) {
    const reply = await call();
    if (reply.status !== 503) return reply;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
