import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CALLBACK_RETRY_DELAYS_MS, type CallbackTransport } from '../src/api/checkout/callbacks.ts';
import { TEST_BROWSER, postSession, sessionRequest } from './checkout-helpers.ts';
import { SECRET_KEY, logCapture, testApp } from './helpers.ts';

interface Delivery {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** A merchant endpoint that answers the given statuses in turn (a thrown error: no answer at all). */
function merchantEndpoint(answers: (number | Error)[]) {
  const deliveries: Delivery[] = [];
  const waits: number[] = [];
  let settle: () => void = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const transport: CallbackTransport = async (url, { body, headers }) => {
    deliveries.push({ url, body, headers });
    const answer = answers[Math.min(deliveries.length - 1, answers.length - 1)]!;
    const final = deliveries.length === CALLBACK_RETRY_DELAYS_MS.length + 1;
    if (answer instanceof Error) {
      if (final) settle();
      throw answer;
    }
    if ((answer >= 200 && answer < 300) || final) settle();
    return answer;
  };
  const wait = async (ms: number) => {
    waits.push(ms);
  };
  return { deliveries, waits, settled, options: { transport, wait } };
}

const nonHosted = (number: string) =>
  sessionRequest(
    { completion: { type: 'non_hosted', callback_url: 'https://merchant.example/3ds/callback' } },
    number,
  );

describe('callbacks to callback_url', () => {
  it('posts the result signed with the merchant’s secret key', async () => {
    const endpoint = merchantEndpoint([204]);
    const app = await testApp({ callbacks: endpoint.options });
    const created = await postSession(app, nonHosted('2223000000000007'));
    await endpoint.settled;
    expect(endpoint.deliveries).toHaveLength(1);
    const [delivery] = endpoint.deliveries;
    expect(delivery!.url).toBe('https://merchant.example/3ds/callback');
    expect(JSON.parse(delivery!.body)).toEqual(created.json());
    const expected = createHmac('sha256', SECRET_KEY).update(delivery!.body).digest('hex');
    expect(delivery!.headers['cko-signature']).toBe(expected);
    expect(delivery!.headers['content-type']).toBe('application/json');
    await app.close();
  });

  it('retries until the merchant answers 2xx', async () => {
    const endpoint = merchantEndpoint([500, new Error('connection refused'), 200]);
    const app = await testApp({ callbacks: endpoint.options });
    await postSession(app, nonHosted('2223000000000007'));
    await endpoint.settled;
    expect(endpoint.deliveries).toHaveLength(3);
    expect(endpoint.waits).toEqual(CALLBACK_RETRY_DELAYS_MS.slice(0, 2));
    expect(new Set(endpoint.deliveries.map((d) => d.body)).size).toBe(1);
    await app.close();
  });

  it('gives up after a bounded number of attempts and says so in the log, without the URL’s path', async () => {
    const log = logCapture();
    const endpoint = merchantEndpoint([503]);
    const app = await testApp({ callbacks: endpoint.options, logStream: log.stream }, { logLevel: 'warn' });
    await postSession(app, nonHosted('2223000000000007'));
    await endpoint.settled;
    await new Promise((resolve) => setImmediate(resolve));
    expect(endpoint.deliveries).toHaveLength(CALLBACK_RETRY_DELAYS_MS.length + 1);
    expect(endpoint.waits).toEqual([...CALLBACK_RETRY_DELAYS_MS]);
    expect(log.text()).toContain('callback not delivered');
    expect(log.text()).toContain('https://merchant.example');
    expect(log.text()).not.toContain('/3ds/callback');
    await app.close();
  });

  it('sends nothing while the authentication is still pending, once when it ends', async () => {
    const endpoint = merchantEndpoint([200]);
    const app = await testApp({ callbacks: endpoint.options });
    const created = (await postSession(app, nonHosted('5500005555555559'))).json();
    expect(created.status).toBe('pending');
    expect(endpoint.deliveries).toHaveLength(0);
    await app.gateway.authentications.start(created.id, TEST_BROWSER, { method: 'x', challenge: 'y' });
    await endpoint.settled;
    expect(endpoint.deliveries).toHaveLength(1);
    expect(JSON.parse(endpoint.deliveries[0]!.body)).toMatchObject({
      id: created.id,
      status: 'attempted',
      eci: '01',
    });
    await app.close();
  });
});
