import { describe, expect, it } from 'vitest';
import { scrubCardNumbers, scrubLogLine } from '../src/log-scrub.ts';
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
    // One line per request, each of the 8 (the scan below reads every request's line).
    expect(output.split('\n').filter((line) => line.includes('request completed'))).toHaveLength(8);
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

  it('scrub a card number put in a URL path, a query, a header or an error', async () => {
    const log = logCapture();
    const app = await testApp({ logStream: log.stream }, { logLevel: 'trace' });
    const grouped = '5123 4500 0000 0008';
    const dashed = '4508-7500-1574-1019';
    await app.inject({ method: 'GET', url: `${REST}/session/${TEST_CARD.number}` });
    await app.inject({ method: 'GET', url: `${REST}/order/${encodeURIComponent(grouped)}` });
    await app.inject({ method: 'GET', url: `/healthz?card=${dashed}&x=1` });
    await app.inject({
      method: 'GET',
      url: `/${TEST_CARD.number.slice(0, 8)}%20${TEST_CARD.number.slice(8)}`,
    });
    await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-card': TEST_CARD.number } });
    app.log.error(new Error(`card ${TEST_CARD.number} refused`), 'a fault quoting its input');
    app.log.info({ number: 5123450000000008, nested: { list: [`pan=${dashed}`] } }, 'a careless log call');
    await app.close();

    const output = log.text();
    expect(output).toContain('a fault quoting its input');
    expect(output).toContain('[redacted]');
    for (const line of output.split('\n').filter(Boolean)) JSON.parse(line);
    for (const secret of [TEST_CARD.number, grouped, encodeURIComponent(grouped), dashed]) {
      expect(output).not.toContain(secret);
    }
    expect(output.replace(/\D/g, '')).not.toContain(TEST_CARD.number);
  });
});

describe('the card number scrubber', () => {
  it.each([
    ['5123450000000008', '[redacted]'],
    ['pan 5123 4500 0000 0008.', 'pan [redacted].'],
    ['/x/5123-4500-0000-0008?y', '/x/[redacted]?y'],
    ['a5123%204500%200000%200008b', 'a[redacted]b'],
    ['glued 9912345123450000000008', 'glued [redacted]'],
    ['order 123456789012 and 5123450000000009', 'order 123456789012 and 5123450000000009'],
    ['short 4111 1111 111', 'short 4111 1111 111'],
  ])('%s → %s', (text, scrubbed) => {
    expect(scrubCardNumbers(text)).toBe(scrubbed);
  });

  it('keeps a log line valid JSON, and pino’s time as it was', () => {
    const line = `${JSON.stringify({ time: 1_764_543_276_121, pan: 5123450000000008, msg: 'x 4508750015741019' })}\n`;
    const scrubbed = scrubLogLine(line);
    expect(scrubbed.endsWith('\n')).toBe(true);
    expect(JSON.parse(scrubbed)).toEqual({ time: 1_764_543_276_121, pan: '[redacted]', msg: 'x [redacted]' });
  });
});
