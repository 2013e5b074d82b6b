import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { AUTH, REST, createSession, testApp, yieldingStore } from './helpers.ts';

// 20 writers, each setting a field no other writer sets (the last four share the card name).
const FIELD_WRITERS: ((i: number) => object)[] = [
  ...['amount', 'currency', 'reference', 'description'].map((field) => (i: number) => ({
    order: { [field]: field === 'amount' ? `${i}.00` : field === 'currency' ? 'USD' : `v${i}` },
  })),
  ...['email', 'firstName', 'lastName', 'mobilePhone', 'phone'].map((field) => (i: number) => ({
    customer: { [field]: field === 'email' ? `p${i}@example.com` : `v${i}` },
  })),
  ...['city', 'company', 'country', 'postcodeZip', 'stateProvince', 'street', 'street2'].map(
    (field) => (i: number) => ({
      billing: { address: { [field]: field === 'country' ? 'IRL' : `v${i}` } },
    }),
  ),
  ...Array.from({ length: 4 }, () => (i: number) => ({
    sourceOfFunds: { provided: { card: { nameOnCard: `Payer ${i}` } } },
  })),
];

describe('concurrent updates to one session', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ store: yieldingStore() });
  });
  afterAll(() => app.close());

  it('serialises 20 parallel PUTs: every field lands and every version is new', async () => {
    const id = await createSession(app);
    const created = await app.inject({
      method: 'GET',
      url: `${REST}/session/${id}`,
      headers: { authorization: AUTH },
    });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.inject({
          method: 'PUT',
          url: `${REST}/session/${id}`,
          headers: { authorization: AUTH },
          payload: FIELD_WRITERS[i]!(i),
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const versions = responses.map((r) => r.json().session.version);
    expect(new Set([...versions, created.json().session.version]).size).toBe(21);

    const final = (
      await app.inject({ method: 'GET', url: `${REST}/session/${id}`, headers: { authorization: AUTH } })
    ).json();
    expect(Object.keys(final.customer).sort()).toEqual([
      'email',
      'firstName',
      'lastName',
      'mobilePhone',
      'phone',
    ]);
    expect(Object.keys(final.billing.address)).toHaveLength(7);
    expect(Object.keys(final.order).sort()).toEqual(['amount', 'currency', 'description', 'reference']);
    expect(final.sourceOfFunds.provided.card.nameOnCard).toMatch(/^Payer \d+$/);
    expect(versions).toContain(final.session.version);
  });

  it('keeps every distinct field written concurrently', async () => {
    const id = await createSession(app);
    const fields = ['amount', 'currency', 'reference', 'description'] as const;
    const values = { amount: '9.99', currency: 'GBP', reference: 'r-1', description: 'd-1' };
    await Promise.all(
      fields.map((field) =>
        app.inject({
          method: 'PUT',
          url: `${REST}/session/${id}`,
          headers: { authorization: AUTH },
          payload: { order: { [field]: values[field] } },
        }),
      ),
    );
    const final = (
      await app.inject({ method: 'GET', url: `${REST}/session/${id}`, headers: { authorization: AUTH } })
    ).json();
    expect(final.order).toEqual(values);
  });
});
