import { createCipheriv, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway } from '../src/app.ts';
import { rotateEnvelopes } from '../src/domain/vault-rotation.ts';
import { CardVault, vaultKeyId } from '../src/domain/vault.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { migrate } from '../src/store/sql/migrate.ts';
import { openPostgresClient } from '../src/store/sql/postgres-client.ts';
import type { SqlClient } from '../src/store/sql/sql-client.ts';
import { SqlStore } from '../src/store/sql/sql-store.ts';
import type { Store } from '../src/store/store.ts';
import {
  AUTH,
  BROWSER,
  REST,
  TEST_CARD,
  basic,
  browserPut,
  createSession,
  testConfig,
  yieldingStore,
} from './helpers.ts';
import { testDatabase } from './postgres-test-db.ts';
import { authenticate, postSession, sessionRequest } from './checkout-helpers.ts';

/** An envelope as the gateway wrote them before key ids: `v1.<iv>.<tag>.<ciphertext>`. */
function legacyEnvelope(key: Buffer, plaintext: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

describe('vault keys', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('names the key in every envelope and opens with whichever key it names', () => {
    const before = new CardVault(oldKey).seal(TEST_CARD.number, 'SESSION-A');
    expect(before.startsWith(`v2.${vaultKeyId(oldKey)}.`)).toBe(true);
    const rotated = new CardVault(newKey, [oldKey]);
    expect(rotated.open(before, 'SESSION-A')).toBe(TEST_CARD.number);
    expect(rotated.seal('100', 'S').startsWith(rotated.currentPrefix)).toBe(true);
    expect(() => new CardVault(newKey).open(before, 'SESSION-A')).toThrow(/does not hold/);
  });

  it('still opens envelopes written before key ids, under any key it holds', () => {
    const legacy = legacyEnvelope(oldKey, TEST_CARD.number, 'SESSION-A');
    expect(new CardVault(newKey, [oldKey]).open(legacy, 'SESSION-A')).toBe(TEST_CARD.number);
    expect(() => new CardVault(newKey).open(legacy, 'SESSION-A')).toThrow(/No vault key/);
    expect(() => new CardVault(oldKey).open(legacy, 'SESSION-B')).toThrow();
  });

  it('refuses a truncated authentication tag', () => {
    const vault = new CardVault(oldKey);
    const parts = vault.seal('100', 'S').split('.');
    parts[3] = Buffer.from(parts[3]!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => vault.open(parts.join('.'), 'S')).toThrow();
  });
});

function describeRotation(name: string, open: () => Promise<{ store: Store; done: () => Promise<void> }>) {
  describe(`key rotation: ${name}`, () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    let store: Store;
    let done: () => Promise<void>;
    const apps: FastifyInstance[] = [];
    // Starting a database of its own can take seconds on a busy machine.
    beforeAll(async () => {
      ({ store, done } = await open());
    }, 60_000);
    afterAll(async () => {
      await Promise.all(apps.map((app) => app.close()));
      await done();
    });

    // Gateways sharing the store, as instances of one deployment do; closing one leaves the store open.
    async function gatewayWith(vaultKey: Buffer, retiredVaultKeys: Buffer[] = []) {
      const shared = new Proxy(store, {
        get: (target, key: keyof Store) => (key === 'close' ? async () => {} : target[key].bind(target)),
      });
      const app = buildGateway(await testConfig({ vaultKey, retiredVaultKeys }), { store: shared });
      await app.ready();
      apps.push(app);
      return app;
    }

    // A gift card (number and PIN) and a bank account number are sealed like the card, in their own envelopes.
    async function sessionWith(app: FastifyInstance, sourceOfFunds: object): Promise<string> {
      const id = await createSession(app);
      const response = await app.inject({
        method: 'PUT',
        url: `${BROWSER}/session/${id}`,
        headers: { authorization: basic('merchant.TESTMERCHANT', id) },
        payload: { sourceOfFunds },
      });
      expect(response.statusCode, response.body).toBe(200);
      return id;
    }
    const giftCard = {
      type: 'GIFT_CARD',
      provided: { giftCard: { number: '7700000000000000', pin: '4321', localBrand: 'SANDBOX_GIFT' } },
    };
    const bankAccount = {
      type: 'ACH',
      provided: {
        ach: {
          accountType: 'CONSUMER_CHECKING',
          bankAccountHolder: 'Ada Lovelace',
          bankAccountNumber: '1234567800',
          routingNumber: '011000015',
        },
      },
    };

    const pay = (app: FastifyInstance, sessionId: string, orderId: string) =>
      app.inject({
        method: 'PUT',
        url: `${REST}/order/${orderId}/transaction/1`,
        headers: { authorization: AUTH },
        payload: {
          apiOperation: 'PAY',
          order: { amount: '1.00', currency: 'USD' },
          session: { id: sessionId },
        },
      });

    // Some forty gateway requests and three rotation passes: seconds on a busy machine.
    it('re-seals every envelope while live traffic writes, loses no CSC or PIN deletion, then needs only the new key', async () => {
      const before = await gatewayWith(oldKey);
      const sessions: string[] = [];
      for (let i = 0; i < 24; i++) {
        const id = await createSession(before);
        expect((await browserPut(before, id, TEST_CARD)).statusCode).toBe(200);
        sessions.push(id);
      }
      const tokens: string[] = [];
      for (let i = 0; i < 4; i++) {
        const created = await before.inject({
          method: 'POST',
          url: `${REST}/token`,
          headers: { authorization: AUTH },
          payload: { session: { id: sessions.pop()! } },
        });
        tokens.push(created.json().token);
      }

      // 3-D Secure authentications keep the card number sealed too: one completed, one still waiting.
      const authenticated = await authenticate(before, sessionRequest({ amount: 100, currency: 'USD' }));
      expect(authenticated.status).toBe('approved');
      const waiting = (await postSession(before, sessionRequest())).json();
      expect(waiting.status).toBe('pending');
      const payer = await createSession(before);
      expect((await browserPut(before, payer, TEST_CARD)).statusCode).toBe(200);
      const giftCards = [await sessionWith(before, giftCard), await sessionWith(before, giftCard)];
      const bankAccounts = [await sessionWith(before, bankAccount)];

      // Every instance now seals under the new key and still opens the old one; the rotation runs beside them.
      const during = await gatewayWith(newKey, [oldKey]);
      const vault = new CardVault(newKey, [oldKey]);
      const paid = sessions.slice(0, 8);
      const refilled = sessions.slice(8, 12);
      const [report] = await Promise.all([
        rotateEnvelopes(store, vault, { batchSize: 3 }),
        ...paid.map(async (id, i) =>
          expect((await pay(during, id, `rot-${name}-${i}`)).statusCode).toBe(201),
        ),
        ...refilled.map(async (id) => expect((await browserPut(during, id, TEST_CARD)).statusCode).toBe(200)),
        (async () =>
          expect((await pay(during, giftCards[0]!, `rot-gift-${name}`)).json().response.gatewayCode).toBe(
            'APPROVED',
          ))(),
      ]);
      expect(report).toMatchObject({ remaining: 0, unreadable: 0, remainingKeyIds: [] });
      expect(report.resealed).toBeGreaterThan(0);

      for (const id of paid) expect((await store.getSession(id))!.cscEnvelope).toBeUndefined();
      const prefix = `v2.${vaultKeyId(newKey)}.`;
      for (const id of sessions) {
        const record = (await store.getSession(id))!;
        for (const envelope of [record.panEnvelope, record.cscEnvelope].filter(Boolean)) {
          expect(envelope!.startsWith(prefix)).toBe(true);
        }
      }
      // The PIN a payment used stays deleted; every other gift card and account secret is under the new key.
      expect((await store.getSession(giftCards[0]!))!.giftCardPinEnvelope).toBeUndefined();
      for (const id of [...giftCards, ...bankAccounts]) {
        const { giftCardNumberEnvelope, giftCardPinEnvelope, bankAccountEnvelope } =
          (await store.getSession(id))!;
        const envelopes = [giftCardNumberEnvelope, giftCardPinEnvelope, bankAccountEnvelope].filter(Boolean);
        expect(envelopes.length).toBeGreaterThan(0);
        for (const envelope of envelopes) expect(envelope!.startsWith(prefix)).toBe(true);
      }
      for (const id of [authenticated.id, waiting.id]) {
        expect((await store.getAuthentication(id))!.panEnvelope.startsWith(prefix)).toBe(true);
      }

      // The old key retired: every card still opens.
      const after = await gatewayWith(newKey);
      for (const [i, id] of sessions.slice(8).entries()) {
        const answer = await pay(after, id, `rot-after-${name}-${i}`);
        expect(answer.json().response.gatewayCode).toBe('APPROVED');
      }
      expect((await pay(after, giftCards[1]!, `rot-gift-after-${name}`)).json().response.gatewayCode).toBe(
        'APPROVED',
      );
      expect((await pay(after, bankAccounts[0]!, `rot-ach-after-${name}`)).json().response.gatewayCode).toBe(
        'APPROVED_PENDING_SETTLEMENT',
      );
      // The authentication opens its card under the new key alone: the payment is checked against it.
      const withAuthentication = await after.inject({
        method: 'PUT',
        url: `${REST}/order/rot-3ds-${name}/transaction/1`,
        headers: { authorization: AUTH },
        payload: {
          apiOperation: 'PAY',
          order: { amount: '1.00', currency: 'USD' },
          session: { id: payer },
          authentication: { '3ds': { transactionId: authenticated.transaction_id } },
        },
      });
      expect(withAuthentication.json()).toMatchObject({
        response: { gatewayCode: 'APPROVED' },
        authentication: { '3ds': { transactionId: authenticated.transaction_id }, liabilityShift: true },
      });
      for (const [i, token] of tokens.entries()) {
        const answer = await after.inject({
          method: 'PUT',
          url: `${REST}/order/rot-token-${name}-${i}/transaction/1`,
          headers: { authorization: AUTH },
          payload: {
            apiOperation: 'PAY',
            order: { amount: '1.00', currency: 'USD' },
            sourceOfFunds: { type: 'CARD', token },
          },
        });
        expect(answer.json().response.gatewayCode).toBe('APPROVED');
      }
    }, 60_000);

    it('re-seals envelopes written before key ids, and reports one no held key opens', async () => {
      const legacy = await createSession(await gatewayWith(oldKey));
      const record = (await store.getSession(legacy))!;
      await store.replaceSession(
        { ...record, panEnvelope: legacyEnvelope(oldKey, TEST_CARD.number, legacy), version: 'aaaaaaaaaa' },
        record.version,
      );
      const stranger = (await store.getSession(await createSession(await gatewayWith(oldKey))))!;
      await store.replaceSession(
        {
          ...stranger,
          panEnvelope: new CardVault(randomBytes(32)).seal(TEST_CARD.number, stranger.id),
          version: 'bbbbbbbbbb',
        },
        stranger.version,
      );
      const report = await rotateEnvelopes(store, new CardVault(newKey, [oldKey]));
      expect((await store.getSession(legacy))!.panEnvelope!.startsWith(`v2.${vaultKeyId(newKey)}.`)).toBe(
        true,
      );
      expect(report).toMatchObject({ unreadable: 1, remaining: 1 });
      expect(report.remainingKeyIds).toHaveLength(1);
      expect(report.remainingKeyIds[0]).not.toBe(vaultKeyId(oldKey));
    });
  });
}

describeRotation('memory', async () => {
  const store = yieldingStore(new MemoryStore());
  return { store, done: () => store.close() };
});

describeRotation('PostgreSQL', async () => {
  const database = await testDatabase();
  const client: SqlClient = openPostgresClient(database.url);
  await migrate(client);
  return {
    store: new SqlStore(client),
    done: async () => {
      await client.close();
      await database.drop();
    },
  };
});
