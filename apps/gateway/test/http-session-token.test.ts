import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/store/memory-store.ts';
import { AUTH, REST, browserPut, cardSession, createSession, putTransaction, testApp } from './helpers.ts';

/**
 * A saved card in a session: shop plugins that offer "pay with a saved card" put the token into the session
 * with Update Session, and pay with the session as for a new card. Mastercard's order of sources: the
 * request's fields, then the session's, then the token's.
 */
let app: FastifyInstance;
afterEach(() => app?.close());

const put = (url: string, payload: object) =>
  app.inject({ method: 'PUT', url, headers: { authorization: AUTH }, payload });
const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: AUTH } });

async function savedCard(card?: object): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `${REST}/token`,
    headers: { authorization: AUTH },
    payload: { session: { id: await cardSession(app, card) }, sourceOfFunds: { type: 'CARD' } },
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json().token;
}

const pay = (orderId: string, body: object) =>
  putTransaction(app, orderId, 'pay-1', {
    apiOperation: 'PAY',
    order: { amount: '12.00', currency: 'USD' },
    ...body,
  });

describe('a token in a session', () => {
  it('Update Session keeps it, and a payment with the session pays with the saved card', async () => {
    app = await testApp();
    const token = await savedCard();
    const sessionId = await createSession(app);
    const updated = await put(`${REST}/session/${sessionId}`, {
      order: { amount: '12.00', currency: 'USD' },
      sourceOfFunds: { type: 'CARD', token },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({
      sourceOfFunds: { type: 'CARD', token },
      session: { updateStatus: 'SUCCESS' },
    });
    expect((await get(`${REST}/session/${sessionId}`)).json().sourceOfFunds).toEqual({ type: 'CARD', token });

    const paid = await pay('saved-1', { session: { id: sessionId } });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({
      result: 'SUCCESS',
      response: { gatewayCode: 'APPROVED' },
      sourceOfFunds: {
        type: 'CARD',
        provided: { card: { number: '512345xxxxxx0008', brand: 'MASTERCARD' } },
      },
    });
    // A token has no CSC, so the issuer was asked without one.
    expect(paid.json().response).not.toHaveProperty('cardSecurityCode');
  });

  it('a CSC typed into the hosted fields goes with the saved card, and only once', async () => {
    const store = new MemoryStore();
    app = await testApp({ store });
    const token = await savedCard();
    const sessionId = await createSession(app);
    await put(`${REST}/session/${sessionId}`, { sourceOfFunds: { type: 'CARD', token } });
    const csc = await browserPut(app, sessionId, { securityCode: '102' });
    expect(csc.statusCode, csc.body).toBe(200);
    expect(JSON.stringify(await store.getSession(sessionId))).not.toContain('"102"');

    const paid = await pay('saved-2', { session: { id: sessionId } });
    expect(paid.json().response.cardSecurityCode).toEqual({ gatewayCode: 'NO_MATCH', acquirerCode: 'N' });
    expect((await store.getSession(sessionId))!.cscEnvelope).toBeUndefined();
  });

  it("the session's card fields override the token's, and the request's override both", async () => {
    app = await testApp();
    const token = await savedCard({ ...cardWith('01', '39'), nameOnCard: 'Saved Name' });
    const sessionId = await createSession(app);
    await put(`${REST}/session/${sessionId}`, { sourceOfFunds: { type: 'CARD', token } });
    // The session's expiry (05/39, a decline in the simulator) over the token's approving one.
    await browserPut(app, sessionId, { expiry: { month: '5', year: '39' } });
    const declined = await pay('saved-3', { session: { id: sessionId } });
    expect(declined.json()).toMatchObject({
      response: { gatewayCode: 'DECLINED' },
      sourceOfFunds: { provided: { card: { expiry: { month: '5', year: '39' }, nameOnCard: 'Saved Name' } } },
    });
    const overridden = await pay('saved-4', {
      session: { id: sessionId },
      sourceOfFunds: { type: 'CARD', provided: { card: { expiry: { month: '1', year: '39' } } } },
    });
    expect(overridden.json().response.gatewayCode).toBe('APPROVED');
  });

  it('a token in the request with a session pays with the token under the session, as Mastercard orders them', async () => {
    app = await testApp();
    const token = await savedCard();
    const sessionId = await cardSession(app, { ...cardWith('01', '39'), number: '4508750015741019' });
    const paid = await pay('saved-5', { session: { id: sessionId }, sourceOfFunds: { type: 'CARD', token } });
    expect(paid.statusCode, paid.body).toBe(201);
    // The session's card number wins over the token's.
    expect(paid.json().sourceOfFunds.provided.card.number).toBe('450875xxxxxx1019');
  });

  it('an unknown token is refused at payment, and a malformed one at Update Session', async () => {
    app = await testApp();
    const sessionId = await createSession(app);
    const malformed = await put(`${REST}/session/${sessionId}`, {
      sourceOfFunds: { type: 'CARD', token: '5123450000000008x' },
    });
    expect(malformed.json().error).toMatchObject({ field: 'sourceOfFunds.token', validationType: 'INVALID' });
    await put(`${REST}/session/${sessionId}`, { sourceOfFunds: { type: 'CARD', token: '9000000000000001' } });
    const unknown = await pay('saved-6', { session: { id: sessionId } });
    expect(unknown.json().error).toMatchObject({ field: 'sourceOfFunds.token', validationType: 'INVALID' });
  });
});

function cardWith(month: string, year: string) {
  return { number: '5123450000000008', expiry: { month, year }, securityCode: '100' };
}
