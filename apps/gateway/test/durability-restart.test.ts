import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openSqlClient } from '../src/store/sql/open.ts';
import { rowsWithClearCardData } from './card-data-scan.ts';
import { SANDBOX_REST, cardSessionOn, pay, startGateway, stopAll } from './gateway-process.ts';

afterAll(stopAll);

it('keeps the order, its transactions and the token across a restart on the same data, with no clear card data (embedded PostgreSQL)', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'gateway-restart-'));
  try {
    const first = await startGateway({ DATA_DIR: dataDir });
    const sessionId = await cardSessionOn(first);
    const paid = await first.call('PUT', `${SANDBOX_REST}/order/o-restart/transaction/t-1`, pay(sessionId));
    expect(paid.status).toBe(201);
    const token = await first.call('POST', `${SANDBOX_REST}/token`, {
      session: { id: sessionId },
      sourceOfFunds: { type: 'CARD' },
    });
    expect(token.status).toBe(201);
    const tokenPath = `${SANDBOX_REST}/token/${token.body.token as string}`;
    const reads = ['/order/o-restart', '/order/o-restart/transaction/t-1'].map((p) => `${SANDBOX_REST}${p}`);
    const before = await Promise.all([...reads, tokenPath].map((path) => first.call('GET', path)));
    expect(before.map((r) => r.status)).toEqual([200, 200, 200]);
    await first.stop();

    const second = await startGateway({ DATA_DIR: dataDir });
    const after = await Promise.all([...reads, tokenPath].map((path) => second.call('GET', path)));
    expect(after).toEqual(before);
    // The resubmitted PAY is answered from the stored response, not paid again.
    const again = await second.call('PUT', `${SANDBOX_REST}/order/o-restart/transaction/t-1`, pay(sessionId));
    expect(again.body).toEqual(paid.body);
    await second.stop();

    const db = await openSqlClient({ kind: 'embedded', dataDir: join(dataDir, 'postgres') });
    try {
      expect(await rowsWithClearCardData(db)).toEqual([]);
      // The PAY used the session, which cleared its CSC.
      expect(await db.query('SELECT id FROM sessions WHERE csc_envelope IS NOT NULL')).toEqual([]);
    } finally {
      await db.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 60_000);
