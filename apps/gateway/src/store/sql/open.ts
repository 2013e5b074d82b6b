import { migrate } from './migrate.ts';
import { openPgliteClient } from './pglite-client.ts';
import { openPostgresClient } from './postgres-client.ts';
import type { SqlClient } from './sql-client.ts';
import { SqlStore } from './sql-store.ts';

export type SqlLocation = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir?: string };

export async function openSqlClient(location: SqlLocation): Promise<SqlClient> {
  return location.kind === 'postgres' ? openPostgresClient(location.url) : openPgliteClient(location.dataDir);
}

/** Connects, brings the schema up to date, and hands back the store; closes the connection if that fails. */
export async function openSqlStore(location: SqlLocation): Promise<SqlStore> {
  const client = await openSqlClient(location);
  try {
    await migrate(client);
  } catch (error) {
    await client.close();
    throw error;
  }
  return new SqlStore(client);
}
