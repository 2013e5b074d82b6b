import { randomUUID } from 'node:crypto';
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { Order, TransactionResponseBody } from '../src/domain/orders/index.ts';
import type { AuthenticationRecord } from '../src/domain/threeds/index.ts';
import type {
  AuthenticationAttempt,
  AuthenticationResult,
  OrderLease,
  RateCounterUpdate,
  SessionRecord,
  Store,
  StoredEnvelope,
  StoredOrder,
  TokenRecord,
  TransactionKey,
} from '../src/store/store.ts';

/**
 * The behaviour every Store must have. Every backend runs this same suite:
 * `describeStoreContract('PostgreSQL', () => new SqlStore(client))` (embedded-postgres.test.ts, postgres-store.test.ts).
 */
export function describeStoreContract(name: string, makeStore: () => Store | Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('returns what was created, as a copy the caller cannot change behind its back', async () => {
      const record = sessionRecord();
      await store.createSession(record);
      const read = await store.getSession(record.id);
      expect(read).toEqual(record);
      read!.content.order = { amount: '1.00' };
      expect((await store.getSession(record.id))!.content).toEqual(record.content);
    });

    it('keeps a hosted-fields session’s context through a replace, and drops it when the replacement has none', async () => {
      const hostedFields = {
        processingTerminalId: '1234001',
        scenario: 'tokenization' as const,
        libVersion: '1.0.0.1',
        secureTokenId: '9999990000000001',
      };
      const record = sessionRecord({ hostedFields });
      await store.createSession(record);
      expect(await store.getSession(record.id)).toEqual(record);
      const next = { ...record, version: 'cccccccccc', updateStatus: 'SUCCESS' as const };
      expect(await store.replaceSession(next, record.version)).toBe(true);
      expect((await store.getSession(record.id))!.hostedFields).toEqual(hostedFields);
      const { hostedFields: _dropped, ...plain } = next;
      expect(await store.replaceSession({ ...plain, version: 'dddddddddd' }, next.version)).toBe(true);
      expect((await store.getSession(record.id))!.hostedFields).toBeUndefined();
    });

    it('answers undefined for an unknown id', async () => {
      expect(await store.getSession('SESSIONunknown000000000000000000')).toBeUndefined();
    });

    it('refuses to create a session whose id exists', async () => {
      const record = sessionRecord();
      await store.createSession(record);
      await expect(store.createSession({ ...record, version: 'ffffffffff' })).rejects.toThrow();
      expect((await store.getSession(record.id))!.version).toBe(record.version);
    });

    it('replaces only when the expected version still matches', async () => {
      const record = sessionRecord();
      await store.createSession(record);
      const next = {
        ...record,
        version: 'bbbbbbbbbb',
        updateStatus: 'SUCCESS' as const,
        panEnvelope: 'v1.x.y.z',
      };
      expect(await store.replaceSession(next, 'not-current')).toBe(false);
      expect(await store.getSession(record.id)).toEqual(record);
      expect(await store.replaceSession(next, record.version)).toBe(true);
      expect(await store.getSession(record.id)).toEqual(next);
      expect(await store.replaceSession({ ...next, version: 'cccccccccc' }, record.version)).toBe(false);
    });

    it('drops an envelope the replacement no longer has', async () => {
      const record = sessionRecord({ cscEnvelope: 'v1.aXY.dGFn.MTAw' });
      await store.createSession(record);
      const { cscEnvelope: _removed, ...withoutCsc } = record;
      expect(await store.replaceSession({ ...withoutCsc, version: 'eeeeeeeeee' }, record.version)).toBe(true);
      const read = await store.getSession(record.id);
      expect(read!.cscEnvelope).toBeUndefined();
      expect(read!.panEnvelope).toBe(record.panEnvelope);
    });

    it('keeps the envelopes of gift cards and bank accounts, and drops the PIN when a replacement has none', async () => {
      const record = sessionRecord({
        giftCardNumberEnvelope: 'v1.Z2lmdA.dGFn.bnVtYmVy',
        giftCardPinEnvelope: 'v1.cGlu.dGFn.cGlu',
        bankAccountEnvelope: 'v1.YWNo.dGFn.YWNjb3VudA',
      });
      await store.createSession(record);
      expect(await store.getSession(record.id)).toEqual(record);
      const { giftCardPinEnvelope: _used, ...withoutPin } = record;
      expect(await store.replaceSession({ ...withoutPin, version: 'dddddddddd' }, record.version)).toBe(true);
      expect(await store.getSession(record.id)).toEqual({ ...withoutPin, version: 'dddddddddd' });
    });

    it('lets exactly one of two writers holding the same version win', async () => {
      const record = sessionRecord();
      await store.createSession(record);
      const results = await Promise.all([
        store.replaceSession({ ...record, version: '1111111111' }, record.version),
        store.replaceSession({ ...record, version: '2222222222' }, record.version),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('does not replace a session that does not exist', async () => {
      const record = sessionRecord();
      expect(await store.replaceSession(record, record.version)).toBe(false);
      expect(await store.getSession(record.id)).toBeUndefined();
    });

    const attempt = (record: SessionRecord, overrides: Partial<AuthenticationAttempt> = {}) =>
      store.consumeAuthentication({
        sessionId: record.id,
        merchantId: record.merchantId,
        apiVersion: record.apiVersion,
        now: NOW,
        ...overrides,
      });
    const outcome = async (result: Promise<AuthenticationResult>) => (await result).outcome;

    it('counts authentications atomically up to the limit, answering the session as counted', async () => {
      const record = sessionRecord({ authenticationLimit: 5 });
      await store.createSession(record);
      const results = await Promise.all(Array.from({ length: 12 }, () => attempt(record)));
      const counted = results.filter((r) => r.outcome === 'ok');
      expect(counted).toHaveLength(5);
      expect(results.filter((r) => r.outcome === 'limit-exceeded')).toHaveLength(7);
      expect(counted.map((r) => r.outcome === 'ok' && r.session.authenticationCount).sort()).toEqual([
        1, 2, 3, 4, 5,
      ]);
      expect(counted[0]!.outcome === 'ok' && counted[0]!.session).toEqual({
        ...record,
        authenticationCount: expect.any(Number),
      });
      expect((await store.getSession(record.id))!.authenticationCount).toBe(5);
    });

    it('refuses every authentication when the limit is 0', async () => {
      const record = sessionRecord({ authenticationLimit: 0 });
      await store.createSession(record);
      expect(await outcome(attempt(record))).toBe('limit-exceeded');
    });

    it("reports unknown, another merchant's, another version's and expired sessions without counting", async () => {
      const record = sessionRecord({ expiresAt: NOW + 1000 });
      await store.createSession(record);
      expect(await outcome(attempt({ ...record, id: 'SESSIONunknown000000000000000000' }))).toBe('not-found');
      expect(await outcome(attempt({ ...record, merchantId: 'OTHER' }))).toBe('not-found');
      expect(await outcome(attempt({ ...record, apiVersion: '99' }))).toBe('other-version');
      expect(await outcome(attempt(record, { now: NOW + 1000 }))).toBe('expired');
      expect((await store.getSession(record.id))!.authenticationCount).toBe(0);
    });

    it('moves the rate counters given only when the authentication is counted', async () => {
      const record = sessionRecord({ authenticationLimit: 1 });
      await store.createSession(record);
      const subject = `merchant-${++sequence}`;
      const count = [rateUpdate(subject, 1)];
      const first = await attempt(record, { count });
      expect(first.outcome === 'ok' && first.counters).toEqual([
        { windowStart: rateUpdate(subject, 1).windowStart, current: 1, previous: 0 },
      ]);
      expect(await outcome(attempt(record, { count }))).toBe('limit-exceeded');
      expect(await store.countRates([rateUpdate(subject, 0)])).toEqual([
        { windowStart: rateUpdate(subject, 1).windowStart, current: 1, previous: 0 },
      ]);
    });

    it('never lets a replace undo a counted authentication', async () => {
      const record = sessionRecord();
      await store.createSession(record);
      const readBeforeCount = (await store.getSession(record.id))!;
      await attempt(record);
      expect(await store.replaceSession({ ...readBeforeCount, version: 'dddddddddd' }, record.version)).toBe(
        true,
      );
      expect((await store.getSession(record.id))!.authenticationCount).toBe(1);
    });

    describe('page loads of session tokens', () => {
      const pageLoad = (n: number) => `page-load-${String(n).padStart(8, '0')}`;

      it('binds a session to the first page load only; that page load may claim it again', async () => {
        const record = sessionRecord();
        await store.createSession(record);
        expect(await store.bindSessionToPageLoad(record.id, pageLoad(1))).toBe(true);
        expect(await store.bindSessionToPageLoad(record.id, pageLoad(1))).toBe(true);
        expect(await store.bindSessionToPageLoad(record.id, pageLoad(2))).toBe(false);
        expect(await store.bindSessionToPageLoad(record.id, pageLoad(1))).toBe(true);
      });

      it('lets exactly one of many page loads claiming at once win', async () => {
        const record = sessionRecord();
        await store.createSession(record);
        const claims = await Promise.all(
          Array.from({ length: 20 }, (_, n) => store.bindSessionToPageLoad(record.id, pageLoad(n))),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
        const winner = pageLoad(claims.indexOf(true));
        expect(await store.bindSessionToPageLoad(record.id, winner)).toBe(true);
      });

      it('binds no session that does not exist, and binds each session on its own', async () => {
        expect(await store.bindSessionToPageLoad('SESSIONunknown000000000000000000', pageLoad(1))).toBe(
          false,
        );
        const [first, second] = [sessionRecord(), sessionRecord()];
        await store.createSession(first);
        await store.createSession(second);
        expect(await store.bindSessionToPageLoad(first.id, pageLoad(1))).toBe(true);
        expect(await store.bindSessionToPageLoad(second.id, pageLoad(2))).toBe(true);
      });

      it('keeps the binding through a replace of the session made from a read before it', async () => {
        const record = sessionRecord();
        await store.createSession(record);
        const readBeforeBinding = (await store.getSession(record.id))!;
        expect(await store.bindSessionToPageLoad(record.id, pageLoad(1))).toBe(true);
        expect(
          await store.replaceSession({ ...readBeforeBinding, version: 'dddddddddd' }, record.version),
        ).toBe(true);
        expect(await store.getSession(record.id)).toEqual({ ...record, version: 'dddddddddd' });
        expect(await store.bindSessionToPageLoad(record.id, pageLoad(2))).toBe(false);
      });
    });

    describe('order leases and recorded operations', () => {
      const lease = (
        stored: Pick<StoredOrder, 'merchantId' | 'orderId'>,
        overrides: Partial<OrderLease> = {},
      ) =>
        store.leaseOrder({
          merchantId: stored.merchantId,
          orderId: stored.orderId,
          transactionId: 'txn-2',
          now: NOW,
          expiresAt: NOW + 60_000,
          ...overrides,
        });

      it('leases a new order, refuses a held lease until it expires, and keeps the document', async () => {
        const fresh = storedOrder();
        expect(await lease(fresh)).toEqual({
          order: {
            merchantId: fresh.merchantId,
            orderId: fresh.orderId,
            revision: 1,
            lease: { transactionId: 'txn-2', expiresAt: NOW + 60_000 },
          },
          counters: [],
        });
        expect(await lease(fresh, { transactionId: 'txn-3' })).toBeUndefined();
        const taken = await lease(fresh, { transactionId: 'txn-3', now: NOW + 60_000 });
        expect(taken?.order.revision).toBe(2);

        const existing = storedOrder({ lease: undefined });
        await store.saveOrder(existing, undefined);
        expect((await lease(existing))!.order).toEqual({
          ...existing,
          revision: existing.revision + 1,
          lease: { transactionId: 'txn-2', expiresAt: NOW + 60_000 },
        });
      });

      it('gives a lease to exactly one of many concurrent operations', async () => {
        const fresh = storedOrder();
        const leases = await Promise.all(Array.from({ length: 10 }, () => lease(fresh)));
        expect(leases.filter(Boolean)).toHaveLength(1);
      });

      it('counts with a lease only when it is taken', async () => {
        const fresh = storedOrder();
        const subject = `merchant-${++sequence}`;
        const count = [rateUpdate(subject, 1)];
        expect((await lease(fresh, { count }))!.counters).toEqual([
          { windowStart: rateUpdate(subject, 1).windowStart, current: 1, previous: 0 },
        ]);
        expect(await lease(fresh, { count })).toBeUndefined();
        expect((await store.countRates([rateUpdate(subject, 0)]))[0]!.current).toBe(1);
      });

      it('records an operation only at the expected revision: order, slot and counters together', async () => {
        const key = transactionKey();
        const leased = (await lease({ merchantId: key.merchantId, orderId: key.orderId }))!.order;
        await store.claimTransaction(key, 'fp');
        const subject = `card-${++sequence}`;
        const done = { ...leased, revision: leased.revision + 1, order: order(), lease: undefined };
        const record = (expectedRevision: number) =>
          store.recordOperation({
            order: done,
            expectedRevision,
            slot: { key, fingerprint: 'fp', response: response('1.00') },
            count: [rateUpdate(subject, 1)],
          });
        expect(await record(leased.revision + 5)).toBeUndefined();
        expect(await store.claimTransaction(key, 'probe')).toEqual({ fingerprint: 'fp' });
        expect((await store.countRates([rateUpdate(subject, 0)]))[0]!.current).toBe(0);

        expect(await record(leased.revision)).toEqual([
          { windowStart: rateUpdate(subject, 1).windowStart, current: 1, previous: 0 },
        ]);
        const { lease: _released, ...saved } = done;
        expect(await store.getOrder(key.merchantId, key.orderId)).toEqual(saved);
        expect(await store.claimTransaction(key, 'probe')).toEqual({
          fingerprint: 'fp',
          response: response('1.00'),
        });
      });
    });

    describe('orders', () => {
      it('inserts only when absent, then replaces only at the expected revision', async () => {
        const first = storedOrder({ revision: 1 });
        expect(await store.saveOrder(first, undefined)).toBe(true);
        expect(await store.saveOrder({ ...first, revision: 9 }, undefined)).toBe(false);
        expect(await store.getOrder(first.merchantId, first.orderId)).toEqual(first);

        const next = { ...first, revision: 2, lease: undefined, order: order({ status: 'CAPTURED' }) };
        expect(await store.saveOrder(next, 7)).toBe(false);
        expect(await store.getOrder(first.merchantId, first.orderId)).toEqual(first);
        expect(await store.saveOrder(next, 1)).toBe(true);
        const read = await store.getOrder(first.merchantId, first.orderId);
        expect(read).toEqual(next);
        expect(read).not.toHaveProperty('lease.transactionId');
      });

      it('lets exactly one of two writers at the same revision win, and one of two inserts', async () => {
        const base = storedOrder({ revision: 1 });
        const inserts = await Promise.all([
          store.saveOrder(base, undefined),
          store.saveOrder(base, undefined),
        ]);
        expect(inserts.filter(Boolean)).toHaveLength(1);
        const writes = await Promise.all([
          store.saveOrder({ ...base, revision: 2, order: order({ status: 'CAPTURED' }) }, 1),
          store.saveOrder({ ...base, revision: 2, order: order({ status: 'CANCELLED' }) }, 1),
        ]);
        expect(writes.filter(Boolean)).toHaveLength(1);
      });

      it('keeps amounts beyond 2^53 exact, and times and transactions as written', async () => {
        const huge = 9_999_999_999_999_999n;
        const stored = storedOrder({
          order: order({ amount: huge, totalAuthorizedAmount: huge, totalCapturedAmount: huge - 1n }),
        });
        await store.saveOrder(stored, undefined);
        const read = await store.getOrder(stored.merchantId, stored.orderId);
        expect(read!.order!.amount).toBe(huge);
        expect(read!.order!.totalCapturedAmount).toBe(huge - 1n);
        expect(read).toEqual(stored);
      });

      it('keeps the order’s and each transaction’s description as written, key for key', async () => {
        const base = order();
        const stored = storedOrder({
          order: {
            ...base,
            details: {
              order: {
                reference: 'cart-1001',
                item: [{ name: 'Zoë’s mug ☕', quantity: '1.5', unitPrice: '4.00', sku: 'MG-7' }],
                itemAmount: '6.00',
              },
              customer: { email: 'jane@shop.example', firstName: 'Jane' },
              shipping: { address: { street: '9 Side Road', country: 'USA' }, method: 'GROUND' },
            },
            transactions: base.transactions.map((t) => ({
              ...t,
              details: {
                transaction: { reference: 'auth-1001', source: 'INTERNET' },
                device: { ipAddress: '2001:db8::7' },
                partnerSolutionId: 'WC_9.1.4_SHOP_1.5.1',
              },
            })),
          },
        });
        await store.saveOrder(stored, undefined);
        const read = await store.getOrder(stored.merchantId, stored.orderId);
        expect(read).toEqual(stored);
        expect(JSON.stringify(read!.order!.details)).toBe(JSON.stringify(stored.order!.details));
      });

      it('keeps orders apart by merchant and hands out copies', async () => {
        const mine = storedOrder();
        const theirs = { ...storedOrder(), merchantId: 'OTHER', orderId: mine.orderId };
        await store.saveOrder(mine, undefined);
        expect(await store.getOrder('OTHER', mine.orderId)).toBeUndefined();
        expect(await store.saveOrder(theirs, undefined)).toBe(true);
        const read = (await store.getOrder(mine.merchantId, mine.orderId))!;
        read.revision = 99;
        expect((await store.getOrder(mine.merchantId, mine.orderId))!.revision).toBe(mine.revision);
      });
    });

    describe('transaction slots', () => {
      it('gives a slot to its first claimant only, then shows it to everyone else', async () => {
        const key = transactionKey();
        expect(await store.claimTransaction(key, 'fp-1')).toBeUndefined();
        expect(await store.claimTransaction(key, 'fp-1')).toEqual({ fingerprint: 'fp-1' });
        expect(await store.claimTransaction(key, 'fp-2')).toEqual({ fingerprint: 'fp-1' });
        expect(await store.claimTransaction({ ...key, transactionId: 'other' }, 'fp-1')).toBeUndefined();
        expect(await store.claimTransaction({ ...key, merchantId: 'OTHER' }, 'fp-1')).toBeUndefined();
      });

      it('lets exactly one of many concurrent claims win', async () => {
        const key = transactionKey();
        const claims = await Promise.all(Array.from({ length: 10 }, () => store.claimTransaction(key, 'fp')));
        expect(claims.filter((claim) => claim === undefined)).toHaveLength(1);
      });

      it('is filled once, by its own fingerprint, and then never released', async () => {
        const key = transactionKey();
        await store.claimTransaction(key, 'fp');
        await store.completeTransaction(key, 'other', response('1.00'));
        expect(await store.claimTransaction(key, 'probe')).toEqual({ fingerprint: 'fp' });
        await store.completeTransaction(key, 'fp', response('2.00'));
        await store.completeTransaction(key, 'fp', response('3.00'));
        expect(await store.claimTransaction(key, 'probe')).toEqual({
          fingerprint: 'fp',
          response: response('2.00'),
        });
        await store.releaseTransaction(key, 'fp');
        expect(await store.claimTransaction(key, 'fp')).toEqual({
          fingerprint: 'fp',
          response: response('2.00'),
        });
      });

      it('releases an unfilled slot only for its own fingerprint', async () => {
        const key = transactionKey();
        await store.claimTransaction(key, 'fp');
        await store.releaseTransaction(key, 'other');
        expect(await store.claimTransaction(key, 'probe')).toEqual({ fingerprint: 'fp' });
        await store.releaseTransaction(key, 'fp');
        expect(await store.claimTransaction(key, 'fp-2')).toBeUndefined();
      });
    });

    describe('idempotency keys', () => {
      const T = 1_000_000;
      // A key of its own per test: a shared database keeps the records of earlier tests.
      let scope: { merchantId: string; key: string };
      beforeEach(() => {
        scope = { merchantId: 'TESTMERCHANT', key: randomUUID() };
      });
      const claim = (fingerprint: string, at = T) => ({
        fingerprint,
        claimedUntil: at + 60_000,
        expiresAt: at + 86_400_000,
      });
      const answer = { status: 201, body: { token: 't-1', expiresAt: '2026-01-01T00:10:00.000Z' } };

      it('gives a key to its first claimant only, per merchant, then shows it to everyone else', async () => {
        expect(await store.claimIdempotencyKey(scope, claim('fp-1'), T)).toBeUndefined();
        expect(await store.claimIdempotencyKey(scope, claim('fp-2'), T)).toEqual({ fingerprint: 'fp-1' });
        expect(
          await store.claimIdempotencyKey({ ...scope, merchantId: 'OTHER' }, claim('fp-2'), T),
        ).toBeUndefined();
      });

      it('lets exactly one of many concurrent claims win', async () => {
        const claims = await Promise.all(
          Array.from({ length: 20 }, () => store.claimIdempotencyKey(scope, claim('fp'), T)),
        );
        expect(claims.filter((held) => held === undefined)).toHaveLength(1);
      });

      it('keeps the first answer, by its own fingerprint, and never releases it', async () => {
        await store.claimIdempotencyKey(scope, claim('fp'), T);
        await store.completeIdempotencyKey(scope, 'other', answer);
        expect(await store.claimIdempotencyKey(scope, claim('probe'), T)).toEqual({ fingerprint: 'fp' });
        await store.completeIdempotencyKey(scope, 'fp', answer);
        await store.completeIdempotencyKey(scope, 'fp', { status: 500, body: {} });
        await store.releaseIdempotencyKey(scope, 'fp');
        expect(await store.claimIdempotencyKey(scope, claim('probe'), T + 3_600_000)).toEqual({
          fingerprint: 'fp',
          response: answer,
        });
      });

      it('releases an unanswered claim only for its own fingerprint', async () => {
        await store.claimIdempotencyKey(scope, claim('fp'), T);
        await store.releaseIdempotencyKey(scope, 'other');
        expect(await store.claimIdempotencyKey(scope, claim('probe'), T)).toEqual({ fingerprint: 'fp' });
        await store.releaseIdempotencyKey(scope, 'fp');
        expect(await store.claimIdempotencyKey(scope, claim('fp-2'), T)).toBeUndefined();
      });

      it('frees a key once it expired, and an unanswered claim once its claim lapsed', async () => {
        await store.claimIdempotencyKey(scope, claim('fp'), T);
        await store.completeIdempotencyKey(scope, 'fp', answer);
        expect(await store.claimIdempotencyKey(scope, claim('late'), T + 86_399_999)).toMatchObject({
          fingerprint: 'fp',
        });
        expect(await store.claimIdempotencyKey(scope, claim('late', T + 86_400_000), T + 86_400_000)).toBe(
          undefined,
        );
        const stuck = { ...scope, key: randomUUID() };
        await store.claimIdempotencyKey(stuck, claim('fp'), T);
        expect(await store.claimIdempotencyKey(stuck, claim('next'), T + 59_999)).toEqual({
          fingerprint: 'fp',
        });
        expect(await store.claimIdempotencyKey(stuck, claim('next', T + 60_000), T + 60_000)).toBe(undefined);
      });

      it('deletes only keys that expired before the cut-off', async () => {
        // Earlier than every other test's records, which must survive this sweep.
        await store.claimIdempotencyKey(scope, claim('fp', 0), 0);
        const later = { ...scope, key: randomUUID() };
        await store.claimIdempotencyKey(later, claim('fp', 1), 1);
        expect(await store.deleteExpiredIdempotencyKeys(86_400_001)).toBe(1);
        expect(await store.claimIdempotencyKey(later, claim('probe', 0), 0)).toEqual({ fingerprint: 'fp' });
        expect(await store.claimIdempotencyKey(scope, claim('probe', 0), 0)).toBeUndefined();
      });
    });

    describe('tokens', () => {
      it('creates, reads, replaces and deletes a token, only for its merchant', async () => {
        const record = tokenRecord();
        await store.createToken(record);
        await expect(store.createToken(record)).rejects.toThrow();
        expect(await store.getToken('TESTMERCHANT', record.token)).toEqual(record);
        expect(await store.getToken('OTHER', record.token)).toBeUndefined();

        const updated = { ...record, panEnvelope: 'v1.bmV3.dGFn.Y3Q', updatedAt: NOW + 1 };
        expect(await store.replaceToken({ ...updated, merchantId: 'OTHER' })).toBe(false);
        expect(await store.replaceToken(updated)).toBe(true);
        expect(await store.getToken('TESTMERCHANT', record.token)).toEqual(updated);
        expect(await store.replaceToken(tokenRecord())).toBe(false);

        expect(await store.deleteToken('OTHER', record.token)).toBe(false);
        expect(await store.deleteToken('TESTMERCHANT', record.token)).toBe(true);
        expect(await store.getToken('TESTMERCHANT', record.token)).toBeUndefined();
        expect(await store.deleteToken('TESTMERCHANT', record.token)).toBe(false);
      });
    });

    describe('3-D Secure authentications', () => {
      it('returns what was created, by id and by transaction id, as copies', async () => {
        const record = authenticationRecord();
        await store.createAuthentication(record);
        expect(await store.getAuthentication(record.id)).toEqual(record);
        const read = await store.findAuthentication(record.transactionId);
        expect(read).toEqual(record);
        read!.card.number = 'changed';
        expect((await store.getAuthentication(record.id))!.card.number).toBe(record.card.number);
        expect(await store.getAuthentication('sid_unknownunknownunknownunkno')).toBeUndefined();
        expect(await store.findAuthentication('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      });

      it("lists an order's authentications by the merchant's order, oldest first, and no one else's", async () => {
        const first = authenticationRecord({
          orderTransaction: { orderId: 'order-1', transactionId: 'auth-1' },
          createdAt: NOW,
        });
        const second = authenticationRecord({
          orderTransaction: { orderId: 'order-1', transactionId: 'auth-2' },
          createdAt: NOW + 1,
        });
        const otherOrder = authenticationRecord({
          orderTransaction: { orderId: 'order-2', transactionId: 'auth-1' },
        });
        const otherMerchant = authenticationRecord({
          merchantId: 'OTHERMERCHANT',
          orderTransaction: { orderId: 'order-1', transactionId: 'auth-1' },
        });
        for (const record of [second, first, otherOrder, otherMerchant, authenticationRecord()]) {
          await store.createAuthentication(record);
        }
        expect(await store.listOrderAuthentications('TESTMERCHANT', 'order-1')).toEqual([first, second]);
        expect(await store.listOrderAuthentications('TESTMERCHANT', 'order-3')).toEqual([]);
      });

      it("finds a 3-D Secure 1 authentication by the merchant's 3DSecureId, and refuses a second one", async () => {
        const record = authenticationRecord({ threeDSecureId: '3ds-1', protocolVersion: '1.0.2' });
        const otherMerchant = authenticationRecord({ merchantId: 'OTHERMERCHANT', threeDSecureId: '3ds-1' });
        await store.createAuthentication(record);
        await store.createAuthentication(otherMerchant);
        await store.createAuthentication(authenticationRecord());
        expect(await store.findThreeDSecureIdAuthentication('TESTMERCHANT', '3ds-1')).toEqual(record);
        expect(await store.findThreeDSecureIdAuthentication('OTHERMERCHANT', '3ds-1')).toEqual(otherMerchant);
        expect(await store.findThreeDSecureIdAuthentication('TESTMERCHANT', '3ds-2')).toBeUndefined();
        await expect(
          store.createAuthentication(authenticationRecord({ threeDSecureId: '3ds-1' })),
        ).rejects.toThrow();
        expect(await store.findThreeDSecureIdAuthentication('TESTMERCHANT', '3ds-1')).toEqual(record);
      });

      it('refuses a second authentication with the same id or transaction id', async () => {
        const record = authenticationRecord();
        await store.createAuthentication(record);
        await expect(
          store.createAuthentication({ ...authenticationRecord(), id: record.id }),
        ).rejects.toThrow();
        await expect(
          store.createAuthentication({ ...authenticationRecord(), transactionId: record.transactionId }),
        ).rejects.toThrow();
      });

      it('keeps amounts beyond 2^53 exact and the result as written', async () => {
        const record = authenticationRecord({
          amount: 9_999_999_999_999_999n,
          status: 'approved',
          result: {
            transStatus: 'Y',
            eci: '02',
            authenticationValue: 'AAABBBCCCDDDEEEFFFGGGHHHIII=',
            authenticatedAt: new Date(NOW).toISOString(),
            flow: 'challenged',
            liabilityShift: true,
          },
        });
        await store.createAuthentication(record);
        expect(await store.getAuthentication(record.id)).toEqual(record);
      });

      it('replaces only at the expected revision, and one of two racing writers wins', async () => {
        const record = authenticationRecord();
        await store.createAuthentication(record);
        const next = { ...record, revision: 2, status: 'processing' as const };
        expect(await store.replaceAuthentication(next, 7)).toBe(false);
        expect(await store.getAuthentication(record.id)).toEqual(record);
        const writes = await Promise.all([
          store.replaceAuthentication(next, 1),
          store.replaceAuthentication({ ...next, status: 'expired' }, 1),
        ]);
        expect(writes.filter(Boolean)).toHaveLength(1);
        expect((await store.getAuthentication(record.id))!.revision).toBe(2);
      });

      it('is used by exactly one of many racing payments, again by the same one, never by another', async () => {
        const record = authenticationRecord();
        await store.createAuthentication(record);
        const uses = Array.from({ length: 8 }, (_, i) => ({ orderId: `order-${i}`, transactionId: 'pay' }));
        const outcomes = await Promise.all(uses.map((use) => store.useAuthentication(record.id, use)));
        expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
        expect(outcomes.filter((o) => o === 'used')).toHaveLength(7);
        const winner = uses[outcomes.indexOf('ok')]!;
        const read = (await store.getAuthentication(record.id))!;
        expect(read.use).toEqual(winner);
        expect(read.revision).toBe(record.revision + 1);
        expect(await store.useAuthentication(record.id, winner)).toBe('ok');
        expect(await store.useAuthentication('sid_unknownunknownunknownunkno', winner)).toBe('not-found');
      });

      it('keeps the use through a replace, and releases it only for the payment that holds it', async () => {
        const record = authenticationRecord();
        await store.createAuthentication(record);
        const use = { orderId: 'order-a', transactionId: 'pay-1' };
        await store.useAuthentication(record.id, use);
        const read = (await store.getAuthentication(record.id))!;
        const { use: _held, ...withoutUse } = read;
        expect(
          await store.replaceAuthentication({ ...withoutUse, revision: read.revision + 1 }, read.revision),
        ).toBe(true);
        expect((await store.getAuthentication(record.id))!.use).toEqual(use);
        await store.releaseAuthentication(record.id, { orderId: 'order-b', transactionId: 'pay-1' });
        expect((await store.getAuthentication(record.id))!.use).toEqual(use);
        await store.releaseAuthentication(record.id, use);
        expect((await store.getAuthentication(record.id))!.use).toBeUndefined();
        expect(await store.useAuthentication(record.id, { orderId: 'order-b', transactionId: 'pay-1' })).toBe(
          'ok',
        );
      });

      it('deletes only authentications that expired before the cut-off', async () => {
        const old = authenticationRecord({ expiresAt: NOW - 1 });
        const live = authenticationRecord({ expiresAt: NOW + 1 });
        await store.createAuthentication(old);
        await store.createAuthentication(live);
        expect(await store.deleteExpiredAuthentications(NOW)).toBe(1);
        expect(await store.getAuthentication(old.id)).toBeUndefined();
        expect(await store.getAuthentication(live.id)).toEqual(live);
      });
    });

    describe('rate counters', () => {
      const WINDOW = 60_000;
      const at = (windows: number) => NOW - (NOW % WINDOW) + windows * WINDOW;
      const update = (subject: string, windowStart: number, add = 1): RateCounterUpdate => ({
        scope: 'browser-address',
        subject,
        windowStart,
        windowMs: WINDOW,
        add,
      });

      it('counts within a window, rolls the count into `previous`, and forgets older windows', async () => {
        const subject = `addr-${++sequence}`;
        expect(await store.countRates([update(subject, at(0))])).toEqual([
          { windowStart: at(0), current: 1, previous: 0 },
        ]);
        await store.countRates([update(subject, at(0))]);
        expect(await store.countRates([update(subject, at(1))])).toEqual([
          { windowStart: at(1), current: 1, previous: 2 },
        ]);
        // A slower instance's clock still counts into the latest window.
        expect(await store.countRates([update(subject, at(0))])).toEqual([
          { windowStart: at(1), current: 2, previous: 2 },
        ]);
        expect(await store.countRates([update(subject, at(5))])).toEqual([
          { windowStart: at(5), current: 1, previous: 0 },
        ]);
      });

      it('reads without counting or creating, and answers in the order asked', async () => {
        const [a, b] = [`addr-${++sequence}`, `addr-${++sequence}`];
        expect(await store.countRates([update(a, at(0), 0)])).toEqual([
          { windowStart: at(0), current: 0, previous: 0 },
        ]);
        await store.countRates([update(b, at(0)), { ...update(b, at(0)), scope: 'cards-merchant' }]);
        const states = await store.countRates([update(a, at(0), 0), update(b, at(0), 0), update(a, at(0))]);
        expect(states.map((state) => state.current)).toEqual([0, 1, 1]);
      });

      it('never loses a count among many concurrent ones', async () => {
        const subject = `addr-${++sequence}`;
        await Promise.all(Array.from({ length: 25 }, () => store.countRates([update(subject, at(0))])));
        expect((await store.countRates([update(subject, at(0), 0)]))[0]!.current).toBe(25);
      });

      it('sweeps counters a whole window after their latest one', async () => {
        const [old, recent] = [`addr-${++sequence}`, `addr-${++sequence}`];
        await store.countRates([update(old, at(0)), update(recent, at(1))]);
        expect(await store.deleteStaleRateCounters(at(2) + 1)).toBeGreaterThanOrEqual(1);
        expect((await store.countRates([update(old, at(0), 0)]))[0]!.current).toBe(0);
        expect((await store.countRates([update(recent, at(1), 0)]))[0]!.current).toBe(1);
      });
    });

    describe('envelopes', () => {
      async function listAll(notPrefixedBy: string, limit: number): Promise<StoredEnvelope[]> {
        const all: StoredEnvelope[] = [];
        for (;;) {
          const batch = await store.listEnvelopes({ notPrefixedBy, after: all.at(-1), limit });
          all.push(...batch);
          if (batch.length < limit) return all;
        }
      }

      it('lists every envelope of every table once, in batches, skipping those under the prefix', async () => {
        const session = sessionRecord({ panEnvelope: 'v1.old.pan', cscEnvelope: 'v1.old.csc' });
        const paymentDetails = sessionRecord({
          panEnvelope: 'v2.NEW.pan',
          giftCardNumberEnvelope: 'v1.old.gift',
          giftCardPinEnvelope: 'v1.old.pin',
          bankAccountEnvelope: 'v1.old.account',
        });
        const current = sessionRecord({ panEnvelope: 'v2.NEW.pan', bankAccountEnvelope: 'v2.NEW.account' });
        const token = { ...tokenRecord(), panEnvelope: 'v1.old.token' };
        const authentication = authenticationRecord({ panEnvelope: 'v1.old.authentication' });
        await store.createSession(session);
        await store.createSession(paymentDetails);
        await store.createSession(current);
        await store.createToken(token);
        await store.createAuthentication(authentication);
        await store.createAuthentication(authenticationRecord({ panEnvelope: 'v2.NEW.authentication' }));
        const all = await listAll('v2.NEW.', 2);
        expect(all.every((found) => !found.envelope.startsWith('v2.NEW.'))).toBe(true);
        const ours = all.filter((found) =>
          [session.id, paymentDetails.id, current.id, token.token, authentication.id].includes(found.owner),
        );
        expect(ours).toEqual([
          { column: 'sessions.pan_envelope', owner: session.id, envelope: 'v1.old.pan' },
          { column: 'sessions.csc_envelope', owner: session.id, envelope: 'v1.old.csc' },
          { column: 'sessions.gift_card_number_envelope', owner: paymentDetails.id, envelope: 'v1.old.gift' },
          { column: 'sessions.gift_card_pin_envelope', owner: paymentDetails.id, envelope: 'v1.old.pin' },
          { column: 'sessions.bank_account_envelope', owner: paymentDetails.id, envelope: 'v1.old.account' },
          { column: 'tokens.pan_envelope', owner: token.token, envelope: 'v1.old.token' },
          {
            column: 'authentications.pan_envelope',
            owner: authentication.id,
            envelope: 'v1.old.authentication',
          },
        ]);
        expect(new Set(all.map((found) => `${found.column} ${found.owner}`)).size).toBe(all.length);
      });

      it('replaces an envelope only while it is still the one read', async () => {
        const session = sessionRecord({ cscEnvelope: 'v1.old.csc' });
        await store.createSession(session);
        const csc = { column: 'sessions.csc_envelope', owner: session.id, envelope: 'v1.old.csc' };
        // A payment deletes the CSC between the read and the replacement: the deletion stands.
        const { cscEnvelope: _used, ...withoutCsc } = session;
        await store.replaceSession({ ...withoutCsc, version: 'ffffffffff' }, session.version);
        expect(await store.replaceEnvelope(csc, 'v2.NEW.csc')).toBe(false);
        expect((await store.getSession(session.id))!.cscEnvelope).toBeUndefined();

        const pan = { column: 'sessions.pan_envelope', owner: session.id, envelope: session.panEnvelope! };
        expect(await store.replaceEnvelope(pan, 'v2.NEW.pan')).toBe(true);
        expect(await store.replaceEnvelope(pan, 'v2.NEW.again')).toBe(false);
        const read = (await store.getSession(session.id))!;
        expect(read.panEnvelope).toBe('v2.NEW.pan');
        expect(read.version).toBe('ffffffffff');

        // A gift card PIN used by a payment stays deleted; the gift card and account numbers are re-sealed.
        const details = sessionRecord({
          giftCardNumberEnvelope: 'v1.old.gift',
          giftCardPinEnvelope: 'v1.old.pin',
          bankAccountEnvelope: 'v1.old.account',
        });
        await store.createSession(details);
        const { giftCardPinEnvelope: _usedPin, ...withoutPin } = details;
        await store.replaceSession({ ...withoutPin, version: 'eeeeeeeeee' }, details.version);
        const column = (name: string, envelope: string) => ({
          column: `sessions.${name}`,
          owner: details.id,
          envelope,
        });
        expect(
          await store.replaceEnvelope(column('gift_card_pin_envelope', 'v1.old.pin'), 'v2.NEW.pin'),
        ).toBe(false);
        expect(
          await store.replaceEnvelope(column('gift_card_number_envelope', 'v1.old.gift'), 'v2.NEW.gift'),
        ).toBe(true);
        expect(
          await store.replaceEnvelope(column('bank_account_envelope', 'v1.old.account'), 'v2.NEW.account'),
        ).toBe(true);
        const resealedDetails = (await store.getSession(details.id))!;
        expect(resealedDetails).toMatchObject({
          giftCardNumberEnvelope: 'v2.NEW.gift',
          bankAccountEnvelope: 'v2.NEW.account',
          version: 'eeeeeeeeee',
        });
        expect(resealedDetails.giftCardPinEnvelope).toBeUndefined();

        const token = tokenRecord();
        await store.createToken(token);
        const tokenPan = { column: 'tokens.pan_envelope', owner: token.token, envelope: token.panEnvelope };
        expect(await store.replaceEnvelope(tokenPan, 'v2.NEW.token')).toBe(true);
        expect((await store.getToken(token.merchantId, token.token))!.panEnvelope).toBe('v2.NEW.token');

        // An authentication's envelope is replaced alone: its revision and status stay as they were.
        const authentication = authenticationRecord();
        await store.createAuthentication(authentication);
        const authPan = {
          column: 'authentications.pan_envelope',
          owner: authentication.id,
          envelope: authentication.panEnvelope,
        };
        expect(await store.replaceEnvelope(authPan, 'v2.NEW.authentication')).toBe(true);
        expect(await store.replaceEnvelope(authPan, 'v2.NEW.again')).toBe(false);
        const resealed = (await store.getAuthentication(authentication.id))!;
        expect(resealed.panEnvelope).toBe('v2.NEW.authentication');
        expect(resealed.revision).toBe(authentication.revision);
        expect(resealed.status).toBe(authentication.status);
      });
    });

    it('deletes only sessions that expired before the cut-off', async () => {
      const old = sessionRecord({ expiresAt: NOW - 1 });
      const live = sessionRecord({ expiresAt: NOW + 1 });
      await store.createSession(old);
      await store.createSession(live);
      expect(await store.deleteExpired(NOW)).toBe(1);
      expect(await store.getSession(old.id)).toBeUndefined();
      expect(await store.getSession(live.id)).toEqual(live);
    });
  });
}

const NOW = Date.UTC(2026, 0, 15, 12);
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
let sequence = 0;

function sessionRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  sequence += 1;
  return {
    id: `SESSION${String(sequence).padStart(24, '0')}`,
    merchantId: 'TESTMERCHANT',
    apiVersion: '100',
    version: 'aaaaaaaaaa',
    aes256Key: Buffer.alloc(32, 7).toString('base64'),
    authenticationLimit: 5,
    authenticationCount: 0,
    updateStatus: 'NO_UPDATE',
    content: {
      order: { amount: '10.00', currency: 'USD' },
      sourceOfFunds: { provided: { card: { number: '512345xxxxxx0008' } } },
    },
    panEnvelope: 'v1.aXY.dGFn.Y3Q',
    createdAt: NOW - 60_000,
    expiresAt: NOW + 840_000,
    ...overrides,
  };
}

function order(overrides: Partial<Order> = {}): Order {
  return {
    id: `order-${sequence}`,
    merchantId: 'TESTMERCHANT',
    currency: 'USD',
    amount: 1000n,
    status: 'AUTHORIZED',
    totalAuthorizedAmount: 1000n,
    totalCapturedAmount: 0n,
    totalRefundedAmount: 0n,
    creationTime: new Date(NOW).toISOString(),
    lastUpdatedTime: new Date(NOW).toISOString(),
    transactions: [
      {
        id: 'auth',
        type: 'AUTHORIZATION',
        amount: 1000n,
        currency: 'USD',
        result: 'SUCCESS',
        gatewayCode: 'APPROVED',
        acquirerCode: '00',
        authorizationCode: '123456',
        receipt: '000000000001',
        sourceOfFunds: {
          type: 'CARD',
          provided: {
            card: {
              brand: 'MASTERCARD',
              scheme: 'MASTERCARD',
              fundingMethod: 'UNKNOWN',
              number: '512345xxxxxx0008',
            },
          },
        },
        timeOfRecord: new Date(NOW).toISOString(),
      },
    ],
    ...overrides,
  };
}

function storedOrder(overrides: Partial<StoredOrder> = {}): StoredOrder {
  sequence += 1;
  return {
    merchantId: 'TESTMERCHANT',
    orderId: `order-${sequence}`,
    revision: 1,
    order: order(),
    lease: { transactionId: 'txn-1', expiresAt: NOW + 60_000 },
    ...overrides,
  };
}

function rateUpdate(subject: string, add: number): RateCounterUpdate {
  return { scope: 'cards-merchant', subject, windowStart: NOW - (NOW % 60_000), windowMs: 60_000, add };
}

function transactionKey(): TransactionKey {
  sequence += 1;
  return { merchantId: 'TESTMERCHANT', orderId: `order-${sequence}`, transactionId: 'txn-1' };
}

function response(amount: string): TransactionResponseBody {
  return {
    merchant: 'TESTMERCHANT',
    result: 'SUCCESS',
    response: { gatewayCode: 'APPROVED', acquirerCode: '00' },
    order: {
      id: 'order-1',
      amount,
      currency: 'USD',
      status: 'CAPTURED',
      totalAuthorizedAmount: amount,
      totalCapturedAmount: amount,
      totalRefundedAmount: '0.00',
      creationTime: new Date(NOW).toISOString(),
      lastUpdatedTime: new Date(NOW).toISOString(),
    },
    transaction: { id: 'txn-1', type: 'PAYMENT', amount, currency: 'USD', receipt: '000000000001' },
    timeOfRecord: new Date(NOW).toISOString(),
    version: '100',
  };
}

function authenticationRecord(overrides: Partial<AuthenticationRecord> = {}): AuthenticationRecord {
  sequence += 1;
  const n = String(sequence).padStart(12, '0');
  return {
    id: `sid_${[...sequence.toString(32).padStart(26, '0')].map((c) => BASE32[parseInt(c, 32)]).join('')}`,
    transactionId: `00000000-0000-4000-8000-${n}`,
    merchantId: 'TESTMERCHANT',
    revision: 1,
    status: 'pending',
    protocolVersion: '2.2.0',
    card: { brand: 'MASTERCARD', number: '512345xxxxxx0008', expiry: { month: '1', year: '39' } },
    panEnvelope: 'v1.aXY.dGFn.Y3Q',
    amount: 1000n,
    currency: 'EUR',
    merchantName: 'Test shop',
    challengePreference: 'no_preference',
    purpose: { type: 'regular', category: 'payment', transactionType: 'goods_service' },
    riskData: { account_info: { purchase_count: 3 } },
    directory: { dsId: 'A000000004', methodUrl: '/3ds/acs/method' },
    face: { kind: 'checkout', completion: { type: 'hosted' } },
    createdAt: NOW,
    updatedAt: NOW,
    expiresAt: NOW + 900_000,
    ...overrides,
  };
}

function tokenRecord(): TokenRecord {
  sequence += 1;
  return {
    token: `9${String(sequence).padStart(15, '0')}`,
    merchantId: 'TESTMERCHANT',
    panEnvelope: 'v1.aXY.dGFn.Y3Q',
    card: {
      brand: 'MASTERCARD',
      scheme: 'MASTERCARD',
      fundingMethod: 'UNKNOWN',
      number: '512345xxxxxx0008',
      expiry: { month: '1', year: '39' },
    },
    createdAt: NOW,
    updatedAt: NOW,
  };
}
