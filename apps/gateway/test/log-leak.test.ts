import { describe, expect, it } from 'vitest';
import {
  AUTH,
  PASSWORD,
  REST,
  TEST_CARD,
  basic,
  browserPut,
  cardSession,
  logCapture,
  putTransaction,
  testApp,
} from './helpers.ts';

describe('logs', () => {
  it('never contain the card number, CSC, API password or credentials through a full session cycle', async () => {
    const log = logCapture();
    const app = await testApp({ logStream: log.stream }, { logLevel: 'trace' });
    const cardBody = { sourceOfFunds: { provided: { card: TEST_CARD } } };

    const created = await app.inject({
      method: 'POST',
      url: `${REST}/session`,
      headers: { authorization: AUTH },
      payload: {},
    });
    const id = created.json().session.id as string;
    await app.inject({
      method: 'PUT',
      url: `${REST}/session/${id}`,
      headers: { authorization: AUTH },
      payload: cardBody,
    });
    await app.inject({ method: 'GET', url: `${REST}/session/${id}`, headers: { authorization: AUTH } });
    await browserPut(app, id, TEST_CARD);
    // Failures that might echo input: a bad card, malformed JSON around the number, a wrong password.
    await app.inject({
      method: 'PUT',
      url: `${REST}/session/${id}`,
      headers: { authorization: AUTH },
      payload: { sourceOfFunds: { provided: { card: { ...TEST_CARD, number: `${TEST_CARD.number}1` } } } },
    });
    await app.inject({
      method: 'PUT',
      url: `${REST}/session/${id}`,
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      payload: `{"sourceOfFunds":{"provided":{"card":{"number":"${TEST_CARD.number}","securityCode":"${TEST_CARD.securityCode}"`,
    });
    await app.inject({
      method: 'POST',
      url: `${REST}/session`,
      headers: { authorization: basic('merchant.TESTMERCHANT', `${PASSWORD}x`) },
    });
    await app.inject({
      method: 'PUT',
      url: `${REST}/session/${id}`,
      headers: { authorization: AUTH, 'content-type': 'text/plain' },
      payload: TEST_CARD.number,
    });
    await app.close();

    const output = log.text();
    expect(output).toContain('request completed');
    expect(output.split('\n').filter(Boolean).length).toBeGreaterThan(10);
    for (const secret of [
      TEST_CARD.number,
      TEST_CARD.number.slice(6, 12) + TEST_CARD.number.slice(-4),
      `"${TEST_CARD.securityCode}"`,
      PASSWORD,
      AUTH.slice('Basic '.length),
      basic('merchant.TESTMERCHANT', id).slice('Basic '.length),
      id,
    ]) {
      expect(output).not.toContain(secret);
    }
  });

  it('never contain card data through payments, overrides, tokens and their refusals', async () => {
    const log = logCapture();
    const app = await testApp({ logStream: log.stream }, { logLevel: 'trace' });
    const override = { number: '4508750015741019', securityCode: '987' };
    const pay = (sessionId: string, card: object = {}) => ({
      apiOperation: 'PAY',
      order: { amount: '10.00', currency: 'USD' },
      session: { id: sessionId },
      sourceOfFunds: { type: 'CARD', provided: { card } },
    });
    const first = await cardSession(app);
    await putTransaction(app, 'log-1', 'txn-1', pay(first, override));
    await putTransaction(app, 'log-1', 'txn-1', pay(first, { ...override, securityCode: '988' }));
    await putTransaction(app, 'log-2', 'txn-1', pay(first, { number: `${override.number}1` }));
    const token = (
      await app.inject({
        method: 'POST',
        url: `${REST}/token`,
        headers: { authorization: AUTH },
        payload: { session: { id: await cardSession(app) } },
      })
    ).json().token as string;
    await putTransaction(app, 'log-3', 'txn-1', {
      apiOperation: 'PAY',
      order: { amount: '1.00', currency: 'USD' },
      sourceOfFunds: { type: 'CARD', token, provided: { card: { securityCode: '987' } } },
    });
    await app.close();

    const output = log.text();
    expect(output).toContain('/order/log-3/transaction/txn-1');
    for (const secret of [
      TEST_CARD.number,
      override.number,
      `${override.number}1`,
      '"987"',
      '"988"',
      `"${TEST_CARD.securityCode}"`,
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});
