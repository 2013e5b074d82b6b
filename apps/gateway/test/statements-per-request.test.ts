import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/store/sql/migrate.ts';
import { openPostgresClient } from '../src/store/sql/postgres-client.ts';
import type { SqlClient, SqlQueryable } from '../src/store/sql/sql-client.ts';
import { SqlStore } from '../src/store/sql/sql-store.ts';
import { authenticate, sessionRequest } from './checkout-helpers.ts';
import {
  AUTH,
  REST,
  TEST_CARD,
  browserPut,
  cardSession,
  createSession,
  putTransaction,
  testApp,
} from './helpers.ts';
import { testDatabase, type TestDatabase } from './postgres-test-db.ts';

/** Counts every statement sent to the database, BEGIN and COMMIT of a transaction included. */
function counting(client: SqlClient) {
  let statements = 0;
  const wrap = (db: SqlQueryable): SqlQueryable => ({
    query: (text, params) => {
      statements += 1;
      return db.query(text, params);
    },
    exec: (script) => {
      statements += 1;
      return db.exec(script);
    },
  });
  return {
    client: {
      ...client,
      ...wrap(client),
      transaction: (work) => {
        statements += 2;
        return client.transaction((tx) => work(wrap(tx)));
      },
    } satisfies SqlClient,
    take: () => {
      const taken = statements;
      statements = 0;
      return taken;
    },
  };
}

// Each round trip to the database is latency every request pays: these are the most each request type may
// send, with the card-testing limits on as they are by default (their counting is part of every request).
const LIMITS = {
  browserPerAddress: { limit: 1000, windowMs: 60_000 },
  authFailuresPerAddress: { limit: 1000, windowMs: 600_000 },
  declinesPerCard: { limit: 1000, windowMs: 3_600_000 },
  cardsPerMerchant: { limit: 1000, windowMs: 60_000 },
};

describe('statements per request on PostgreSQL', () => {
  let database: TestDatabase;
  let client: SqlClient;
  let count: ReturnType<typeof counting>;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await testDatabase();
    client = openPostgresClient(database.url);
    await migrate(client);
    count = counting(client);
    app = await testApp({ store: new SqlStore(count.client) }, { rateLimits: LIMITS });
    // The merchant's password is checked once, then remembered: as for a merchant server in steady state.
    await createSession(app);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  async function measured(request: () => Promise<{ statusCode: number; body: string }>, status: number) {
    count.take();
    const response = await request();
    expect(response.statusCode, response.body).toBe(status);
    return count.take();
  }

  it('creates a session in 2', async () => {
    expect(
      await measured(
        () =>
          app.inject({
            method: 'POST',
            url: `${REST}/session`,
            headers: { authorization: AUTH },
            payload: {},
          }),
        201,
      ),
    ).toBeLessThanOrEqual(2);
  });

  it('puts a card into a session from the browser in 3', async () => {
    const id = await createSession(app);
    expect(await measured(() => browserPut(app, id, TEST_CARD), 200)).toBeLessThanOrEqual(3);
  });

  it('pays, approved or declined, in 6', async () => {
    const approved = await createSession(app);
    await browserPut(app, approved, TEST_CARD);
    const declined = await createSession(app);
    await browserPut(app, declined, { ...TEST_CARD, expiry: { month: '5', year: '39' } });
    const pay = (session: string) => ({
      apiOperation: 'PAY',
      order: { amount: '10.00', currency: 'USD' },
      session: { id: session },
      sourceOfFunds: { type: 'CARD' },
    });
    expect(
      await measured(() => putTransaction(app, 'o-approved', '1', pay(approved)), 201),
    ).toBeLessThanOrEqual(6);
    expect(
      await measured(() => putTransaction(app, 'o-declined', '1', pay(declined)), 201),
    ).toBeLessThanOrEqual(6);
  });

  it('pays with a 3-D Secure authentication in 8: the PAY and the authentication found and taken', async () => {
    const session = await cardSession(app, TEST_CARD);
    const authentication = await authenticate(
      app,
      sessionRequest({ amount: 1000, currency: 'USD' }, TEST_CARD.number),
    );
    expect(authentication.status).toBe('approved');
    const statements = await measured(
      () =>
        putTransaction(app, 'o-3ds', '1', {
          apiOperation: 'PAY',
          order: { amount: '10.00', currency: 'USD' },
          session: { id: session },
          sourceOfFunds: { type: 'CARD' },
          authentication: { '3ds': { transactionId: authentication.transaction_id } },
        }),
      201,
    );
    expect(statements).toBeLessThanOrEqual(8);
  });
});
