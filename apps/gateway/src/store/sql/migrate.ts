import { readdir, readFile } from 'node:fs/promises';
import type { SqlClient } from './sql-client.ts';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
// Any constant every gateway instance on a server agrees on.
const MIGRATION_LOCK = 7_346_001;

/**
 * Applies the numbered scripts of `migrations/` not yet recorded in `schema_migrations`, in order, in one
 * transaction. The advisory lock makes instances starting together on one server take turns, so each script
 * runs once. Returns the names applied.
 */
export async function migrate(client: SqlClient): Promise<string[]> {
  const names = (await readdir(MIGRATIONS_DIR)).filter((name) => /^\d{4}_.+\.sql$/.test(name)).sort();
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name),
    );
    const pending = names.filter((name) => !done.has(name));
    for (const name of pending) {
      await tx.exec(await readFile(new URL(name, MIGRATIONS_DIR), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    }
    return pending;
  });
}
