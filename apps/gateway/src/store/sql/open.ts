import { startEmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';
import { openPostgresClient } from './postgres-client.ts';
import type { SqlClient } from './sql-client.ts';
import { SqlStore } from './sql-store.ts';

/** A PostgreSQL server given by its URL, or the embedded one this process runs under DATA_DIR. */
export type SqlLocation = (
  { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string; port?: number }
) & {
  /** Connections this gateway keeps to the database (default DEFAULT_POOL_SIZE). */
  poolSize?: number;
};

/** What the embedded server reports besides the store: its messages, its death, how long it took. */
export type EmbeddedEvents = Pick<EmbeddedPostgresOptions, 'onLog' | 'onUnexpectedExit'> & {
  onStarted?: (started: { initdbMs?: number; startMs: number; port: number }) => void;
};

export async function openSqlClient(location: SqlLocation, events: EmbeddedEvents = {}): Promise<SqlClient> {
  if (location.kind === 'postgres') return openPostgresClient(location.url, location.poolSize);
  const { poolSize, ...embedded } = location;
  const server = await startEmbeddedPostgres({ ...embedded, ...events });
  events.onStarted?.({
    ...(server.initdbMs === undefined ? {} : { initdbMs: server.initdbMs }),
    startMs: server.startMs,
    port: Number(new URL(server.url).port),
  });
  const client = openPostgresClient(server.url, poolSize);
  return {
    ...client,
    async close() {
      await client.close();
      await server.stop();
    },
  };
}

/** Connects, brings the schema up to date, and hands back the store; closes the connection if that fails. */
export async function openSqlStore(location: SqlLocation, events?: EmbeddedEvents): Promise<SqlStore> {
  const client = await openSqlClient(location, events);
  try {
    await migrate(client);
  } catch (error) {
    await client.close();
    throw error;
  }
  return new SqlStore(client);
}
