import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationLimitExceededError,
  ExpiredSessionError,
  FieldError,
  UnknownSessionError,
} from '../src/domain/errors.ts';
import { SessionService } from '../src/domain/sessions.ts';
import { CardVault } from '../src/domain/vault.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { TEST_CARD, manualClock, testMerchants } from './helpers.ts';

async function setup(ttlMs = 900_000) {
  const clock = manualClock();
  const store = new MemoryStore();
  const vault = new CardVault(randomBytes(32));
  const sessions = new SessionService({ store, vault, ttlMs, now: clock.now });
  const [merchant] = await testMerchants();
  return { clock, store, vault, sessions, scope: { merchant: merchant!, apiVersion: '100' } };
}

describe('SessionService', () => {
  it('creates a session with the defaults and the clock’s expiry', async () => {
    const { sessions, scope, clock } = await setup(60_000);
    const { record } = await sessions.create(scope, undefined);
    expect(record).toMatchObject({
      authenticationLimit: 5,
      authenticationCount: 0,
      updateStatus: 'NO_UPDATE',
      content: {},
    });
    expect(record.expiresAt).toBe(clock.now() + 60_000);
  });

  it('keeps PAN and CSC only as envelopes the vault opens', async () => {
    const { sessions, scope, store, vault } = await setup();
    const { record } = await sessions.create(scope, {});
    await sessions.update(scope, record.id, { sourceOfFunds: { provided: { card: TEST_CARD } } });
    const stored = (await store.getSession(record.id))!;
    expect(JSON.stringify(stored)).not.toContain(TEST_CARD.number);
    expect(vault.open(stored.panEnvelope!, record.id)).toBe(TEST_CARD.number);
    expect(vault.open(stored.cscEnvelope!, record.id)).toBe(TEST_CARD.securityCode);
  });

  it('expires with the injected clock', async () => {
    const { sessions, scope, clock } = await setup(60_000);
    const { record } = await sessions.create(scope, {});
    clock.advance(59_999);
    await expect(sessions.retrieve(scope, record.id)).resolves.toBeDefined();
    clock.advance(1);
    await expect(sessions.retrieve(scope, record.id)).rejects.toBeInstanceOf(ExpiredSessionError);
    await expect(sessions.updateFromBrowser(scope, record.id, {})).rejects.toBeInstanceOf(
      ExpiredSessionError,
    );
    clock.advance(60_001);
    expect(await sessions.sweep()).toBe(1);
    await expect(sessions.retrieve(scope, record.id)).rejects.toBeInstanceOf(UnknownSessionError);
  });

  it('counts browser calls, valid or not, up to the limit', async () => {
    const { sessions, scope } = await setup();
    const { record } = await sessions.create(scope, { session: { authenticationLimit: 3 } });
    const card = (fields: object) => ({
      sourceOfFunds: { type: 'CARD', provided: { card: { ...TEST_CARD, ...fields } } },
    });
    await sessions.updateFromBrowser(scope, record.id, card({}));
    await expect(
      sessions.updateFromBrowser(scope, record.id, card({ securityCode: 'abc' })),
    ).rejects.toBeInstanceOf(FieldError);
    await sessions.updateFromBrowser(scope, record.id, card({}));
    await expect(sessions.updateFromBrowser(scope, record.id, card({}))).rejects.toBeInstanceOf(
      AuthenticationLimitExceededError,
    );
  });

  it('does not count merchant (API password) updates against the limit', async () => {
    const { sessions, scope } = await setup();
    const { record } = await sessions.create(scope, { session: { authenticationLimit: 1 } });
    for (let i = 0; i < 3; i++) await sessions.update(scope, record.id, { order: { amount: `${i}.00` } });
    await expect(
      sessions.updateFromBrowser(scope, record.id, {
        sourceOfFunds: { type: 'CARD', provided: { card: TEST_CARD } },
      }),
    ).resolves.toBeDefined();
  });

  it('refuses a card whose expiry passed by the injected clock', async () => {
    const { sessions, scope, clock } = await setup(10 ** 12);
    const { record } = await sessions.create(scope, {});
    const card = {
      sourceOfFunds: { provided: { card: { ...TEST_CARD, expiry: { month: '3', year: '26' } } } },
    };
    await expect(sessions.update(scope, record.id, card)).resolves.toBeDefined();
    clock.advance(120 * 24 * 3600 * 1000);
    await expect(sessions.update(scope, record.id, card)).rejects.toMatchObject({
      field: 'sourceOfFunds.provided.card.expiry.year',
    });
  });
});

describe('SessionService.use', () => {
  it('hands over the clear card once and deletes the CSC in the same write', async () => {
    const { sessions, scope, store } = await setup();
    const { record } = await sessions.create(scope, {});
    const updated = await sessions.update(scope, record.id, {
      sourceOfFunds: { provided: { card: TEST_CARD } },
    });
    const used = await sessions.use(scope, record.id, updated.record.version);
    expect(used.card).toEqual({
      number: TEST_CARD.number,
      expiry: { month: '1', year: '39' },
      securityCode: '100',
      nameOnCard: 'Jane Payer',
    });
    const stored = (await store.getSession(record.id))!;
    expect(stored.cscEnvelope).toBeUndefined();
    expect(stored.content).toMatchObject({
      sourceOfFunds: { provided: { card: { number: '512345xxxxxx0008' } } },
    });
    expect(JSON.stringify(stored.content)).not.toContain('securityCode');
    expect(stored.version).not.toBe(updated.record.version);
    const again = await sessions.use(scope, record.id);
    expect(again.card).not.toHaveProperty('securityCode');
    expect(again.card.number).toBe(TEST_CARD.number);
  });

  it('refuses a stale version and a session whose last update failed; one without a card hands none', async () => {
    const { sessions, scope } = await setup();
    const { record } = await sessions.create(scope, {});
    await expect(sessions.use(scope, record.id)).rejects.toThrow(/not updated successfully/);
    await sessions.update(scope, record.id, { order: { amount: '1.00' } });
    expect((await sessions.use(scope, record.id)).card).toEqual({});
    await sessions.update(scope, record.id, { sourceOfFunds: { provided: { card: TEST_CARD } } });
    await expect(sessions.use(scope, record.id, 'aaaaaaaaaa')).rejects.toMatchObject({
      field: 'session.version',
    });
    await expect(sessions.update(scope, record.id, { order: { amount: 'x' } })).rejects.toBeInstanceOf(
      FieldError,
    );
    await expect(sessions.use(scope, record.id)).rejects.toThrow(/not updated successfully/);
  });
});
