import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../src/store/sql/migrate.ts';
import { openPgliteClient } from '../src/store/sql/pglite-client.ts';
import type { SqlClient } from '../src/store/sql/sql-client.ts';
import { SqlStore } from '../src/store/sql/sql-store.ts';
import { describeStoreContract } from './store-contract.ts';

// One in-memory database for the file (starting PGlite takes about a second, far more on a loaded machine);
// every test uses fresh ids.
let client: SqlClient;
beforeAll(async () => {
  client = await openPgliteClient();
  await migrate(client);
}, 60_000);
afterAll(() => client.close());

describeStoreContract('PGlite', () => new SqlStore({ ...client, close: async () => {} }));

it('refuses a second process on one data directory, and takes over from one that died', async () => {
  const parent = await mkdtemp(join(tmpdir(), 'pglite-lock-'));
  const dataDir = join(parent, 'pglite');
  try {
    // The parent process of this test is alive and is not this process: it stands for another gateway.
    await writeFile(`${dataDir}.lock`, String(process.ppid));
    await expect(openPgliteClient(dataDir)).rejects.toThrow(/in use by process/);
    await writeFile(`${dataDir}.lock`, '999999999');
    const opened = await openPgliteClient(dataDir);
    await opened.close();
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}, 30_000);
