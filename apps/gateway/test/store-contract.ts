import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { SessionRecord, Store } from '../src/store/store.ts';

/**
 * The behaviour every Store must have. A new backend (PGlite, PostgreSQL) runs this same suite:
 * `describeStoreContract('postgres', () => new PostgresStore(...))`.
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

    it('counts authentications atomically up to the limit', async () => {
      const record = sessionRecord({ authenticationLimit: 5 });
      await store.createSession(record);
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, () => store.consumeAuthentication(record.id, NOW)),
      );
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
      expect(outcomes.filter((o) => o === 'limit-exceeded')).toHaveLength(7);
      expect((await store.getSession(record.id))!.authenticationCount).toBe(5);
    });

    it('refuses every authentication when the limit is 0', async () => {
      const record = sessionRecord({ authenticationLimit: 0 });
      await store.createSession(record);
      expect(await store.consumeAuthentication(record.id, NOW)).toBe('limit-exceeded');
    });

    it('reports unknown and expired sessions without counting', async () => {
      const record = sessionRecord({ expiresAt: NOW + 1000 });
      await store.createSession(record);
      expect(await store.consumeAuthentication('SESSIONunknown000000000000000000', NOW)).toBe('not-found');
      expect(await store.consumeAuthentication(record.id, NOW + 1000)).toBe('expired');
      expect((await store.getSession(record.id))!.authenticationCount).toBe(0);
    });

    it('never lets a replace undo a counted authentication', async () => {
      const record = sessionRecord();
      await store.createSession(record);
      const readBeforeCount = (await store.getSession(record.id))!;
      await store.consumeAuthentication(record.id, NOW);
      expect(await store.replaceSession({ ...readBeforeCount, version: 'dddddddddd' }, record.version)).toBe(
        true,
      );
      expect((await store.getSession(record.id))!.authenticationCount).toBe(1);
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
