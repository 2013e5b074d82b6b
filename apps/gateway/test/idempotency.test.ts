import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdempotencyKeyError } from '../src/domain/errors.ts';
import { Idempotency, readIdempotencyKey } from '../src/domain/idempotency.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { manualClock } from './helpers.ts';

const request = (key: string, body: object = { scenario: 'payment' }) => ({
  merchantId: 'TESTMERCHANT',
  key,
  operation: 'POST /v1/processing-terminals/1234001/hosted-fields-sessions',
  body,
});

function idempotency(waitMs = 50) {
  const clock = manualClock();
  const store = new MemoryStore();
  return {
    clock,
    idempotency: new Idempotency({ store, fingerprintKey: randomBytes(32), waitMs, ...clock }),
  };
}

describe('the Idempotency-Key module', () => {
  it('reads a UUID v4 only, checking the version and variant nibbles', () => {
    const key = randomUUID();
    expect(readIdempotencyKey(` ${key.toUpperCase()} `, true)).toBe(key);
    expect(readIdempotencyKey(undefined, false)).toBeUndefined();
    expect(() => readIdempotencyKey(undefined, true)).toThrow(IdempotencyKeyError);
    for (const bad of [
      key.replace(/^(.{14})4/, '$11'),
      key.replace(/^(.{19})[89ab]/, '$1c'),
      `${key}a`,
      [key, key] as unknown as string,
    ]) {
      expect(() => readIdempotencyKey(bad, false), String(bad)).toThrow(IdempotencyKeyError);
    }
  });

  it('refuses a retry while the first request still runs with 409 in-progress, then answers it', async () => {
    const { idempotency: keys } = idempotency();
    const key = randomUUID();
    let finish!: () => void;
    const first = keys.run(request(key), async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      return { status: 201, body: { token: 'first' } };
    });
    const retry = keys.run(request(key), async () => ({ status: 201, body: { token: 'second' } }));
    await expect(retry).rejects.toMatchObject({ problem: 'in-progress', status: 409 });
    finish();
    expect(await first).toEqual({ status: 201, body: { token: 'first' } });
    expect(await keys.run(request(key), async () => ({ status: 201, body: { token: 'third' } }))).toEqual({
      status: 201,
      body: { token: 'first' },
    });
  });

  it('lets a retry take over a claim its gateway left unanswered, after a minute', async () => {
    const { clock, idempotency: keys } = idempotency();
    const key = randomUUID();
    // The first request's gateway stops while it runs: its claim stays, unanswered.
    void keys.run(request(key), () => new Promise(() => undefined));
    await expect(keys.run(request(key), async () => ({ status: 201, body: {} }))).rejects.toMatchObject({
      problem: 'in-progress',
    });
    clock.advance(60_000);
    expect(await keys.run(request(key), async () => ({ status: 201, body: { token: 'retried' } }))).toEqual({
      status: 201,
      body: { token: 'retried' },
    });
  });

  it('keeps a failed request’s key free, so the retry runs', async () => {
    const { idempotency: keys } = idempotency();
    const key = randomUUID();
    await expect(
      keys.run(request(key), async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await keys.run(request(key), async () => ({ status: 201, body: { token: 'ok' } }))).toMatchObject({
      body: { token: 'ok' },
    });
  });

  it('sweeps keys once their 24 hours are over', async () => {
    const { clock, idempotency: keys } = idempotency();
    await keys.run(request(randomUUID()), async () => ({ status: 201, body: {} }));
    clock.advance(24 * 3_600_000 - 1);
    expect(await keys.sweep()).toBe(0);
    clock.advance(2);
    expect(await keys.sweep()).toBe(1);
  });
});
