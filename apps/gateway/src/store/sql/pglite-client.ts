import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.ts';
import type { SqlClient, SqlQueryable } from './sql-client.ts';

/** PostgreSQL in WebAssembly inside this process: persisted to `dataDir`, or in memory without one. */
export async function openPgliteClient(dataDir?: string): Promise<SqlClient> {
  const unlock = dataDir === undefined ? async () => {} : await lockDataDir(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  } catch (error) {
    await unlock();
    throw error;
  }
  return {
    ...queryable(db),
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    async close() {
      await db.close();
      await unlock();
    },
  };
}

function queryable(db: PGlite | Transaction): SqlQueryable {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      return (await db.query<Row>(text, [...params])).rows;
    },
    async exec(script) {
      await db.exec(script);
    },
  };
}
