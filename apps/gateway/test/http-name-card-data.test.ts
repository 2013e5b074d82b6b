import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/store/memory-store.ts';
import {
  AUTH,
  REST,
  TEST_CARD,
  browserPut,
  cardSession,
  createSession,
  getOrder,
  putTransaction,
  testApp,
} from './helpers.ts';

// A page that labels the name field "Card number" or "Security code" gets these typed into it.
const OTHER_PAN = '4508750015741019';
const SKIMMED_NAMES = [
  OTHER_PAN,
  '4508 7500 1574 1019',
  '4508-7500-1574-1019',
  'Jane 4508.7500.1574.1019',
  '４５０８７５００１５７４１０１９',
  '100',
  '1 0 0 0',
  'Jane Payer 100',
  '١٠٠',
];

const NAME_FIELD = 'sourceOfFunds.provided.card.nameOnCard';

let app: FastifyInstance;
afterEach(() => app?.close());

function expectNameRefused(response: { statusCode: number; body: string; json(): unknown }, typed: string) {
  expect(response.statusCode).toBe(400);
  expect(response.json()).toMatchObject({
    result: 'ERROR',
    error: { cause: 'INVALID_REQUEST', field: NAME_FIELD, validationType: 'INVALID' },
  });
  // The refusal names the field, never the value.
  expect(response.body).not.toContain(typed);
}

function retrieve(sessionId: string) {
  return app.inject({ method: 'GET', url: `${REST}/session/${sessionId}`, headers: { authorization: AUTH } });
}

describe('a name that could be a card number or a security code', () => {
  it.each(SKIMMED_NAMES)('is refused by the browser endpoint and never stored: %s', async (name) => {
    const store = new MemoryStore();
    app = await testApp({ store });
    const id = await createSession(app);
    expectNameRefused(await browserPut(app, id, { ...TEST_CARD, nameOnCard: name }), name);

    // The failed update is recorded (Mastercard's FAILURE), and nothing of it kept: no card, no name, not
    // even in the store's own record.
    const session = (await retrieve(id)).json();
    expect(session.session.updateStatus).toBe('FAILURE');
    expect(session).not.toHaveProperty('sourceOfFunds');
    expect(JSON.stringify(await store.getSession(id))).not.toContain(OTHER_PAN);
  });

  it('is refused by the browser endpoint when the session already holds a card', async () => {
    app = await testApp();
    const id = await cardSession(app);
    const before = (await retrieve(id)).json();
    expectNameRefused(await browserPut(app, id, { nameOnCard: OTHER_PAN }), OTHER_PAN);
    const after = (await retrieve(id)).json();
    expect(after.sourceOfFunds).toEqual(before.sourceOfFunds);
    expect(after.sourceOfFunds.provided.card.nameOnCard).toBe(TEST_CARD.nameOnCard);
  });

  it.each(SKIMMED_NAMES)('is refused by Update Session from the merchant server: %s', async (name) => {
    app = await testApp();
    const id = await createSession(app);
    const update = (card: object) =>
      app.inject({
        method: 'PUT',
        url: `${REST}/session/${id}`,
        headers: { authorization: AUTH },
        payload: { sourceOfFunds: { provided: { card } } },
      });
    expectNameRefused(await update({ ...TEST_CARD, nameOnCard: name }), name);
    expectNameRefused(await update({ nameOnCard: name }), name);
    expect((await retrieve(id)).json()).not.toHaveProperty('sourceOfFunds');
  });

  it('is refused as a PAY override, before anything reaches the processor or the order', async () => {
    app = await testApp();
    const sessionId = await cardSession(app);
    const response = await putTransaction(app, 'order-name', 'pay-1', {
      apiOperation: 'PAY',
      order: { amount: '10.00', currency: 'USD' },
      session: { id: sessionId },
      sourceOfFunds: { type: 'CARD', provided: { card: { nameOnCard: `Jane ${OTHER_PAN}` } } },
    });
    expectNameRefused(response, OTHER_PAN);
    expect((await getOrder(app, 'order-name')).statusCode).toBe(404);
    // The session's card, CSC included, is still there to pay with.
    expect((await retrieve(sessionId)).json().sourceOfFunds.provided.card.securityCode).toBe('xxx');
  });

  it('still lets a name with a digit or two through', async () => {
    app = await testApp();
    const id = await createSession(app);
    const response = await browserPut(app, id, { ...TEST_CARD, nameOnCard: 'Henry Ford 2nd' });
    expect(response.statusCode).toBe(200);
    expect(response.json().sourceOfFunds.provided.card.nameOnCard).toBe('Henry Ford 2nd');
  });
});
