import { describe, expect, it } from 'vitest';
import { authenticate, postSession, sessionRequest } from './checkout-helpers.ts';
import { SECRET_KEY, TEST_CARD, cardSession, logCapture, putTransaction, testApp } from './helpers.ts';

describe('3-D Secure and the logs', () => {
  it('never hold the card number, the secret key or the authentication value', async () => {
    const log = logCapture();
    const app = await testApp({ logStream: log.stream }, { logLevel: 'trace' });
    const pan = TEST_CARD.number;
    const authentication = await authenticate(app, sessionRequest({ amount: 1000 }, pan));
    // Failures that might echo input: malformed JSON around the number, a bad card, a wrong key.
    await postSession(app, `{"source":{"type":"card","number":"${pan}","expiry_month":1`);
    await postSession(app, sessionRequest({}, `${pan}1`));
    await postSession(app, sessionRequest({}, pan), `Bearer ${SECRET_KEY}-wrong`);
    const session = await cardSession(app);
    const paid = await putTransaction(app, 'order-log', 'pay', {
      apiOperation: 'PAY',
      order: { amount: '10.00', currency: 'USD' },
      session: { id: session },
      sourceOfFunds: { type: 'CARD' },
      authentication: { '3ds': { transactionId: authentication.transaction_id } },
    });
    const cryptogram = paid.json().authentication['3ds'].authenticationToken as string;
    await app.close();

    const text = log.text();
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [pan, pan.slice(6), SECRET_KEY, cryptogram]) expect(text).not.toContain(secret);
  });

  it('shorten the authentication id, which is the browser’s credential for its pages', async () => {
    const log = logCapture();
    const app = await testApp({ logStream: log.stream }, { logLevel: 'info' });
    const created = (await postSession(app, sessionRequest({ amount: 1000 }))).json();
    await app.inject({ method: 'GET', url: `/3ds/interceptor/${created.id}` });
    await app.inject({
      method: 'GET',
      url: `/sessions/${created.id}`,
      headers: { authorization: SECRET_KEY },
    });
    await app.close();

    const text = log.text();
    expect(text).toContain(`/3ds/interceptor/sid_…${created.id.slice(-4)}`);
    expect(text).toContain(`/sessions/sid_…${created.id.slice(-4)}`);
    expect(text).not.toContain(created.id);
  });
});
