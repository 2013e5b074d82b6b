import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/store/sql/embedded-postgres.ts';

export interface TestDatabase {
  url: string;
  /** Removes it and everything in it. */
  drop(): Promise<void>;
}

/**
 * A database of a test file's own: a schema on the server of TEST_DATABASE_URL (scripts/run-tests.mjs starts
 * one for the whole run), or without it an embedded server of its own in a temporary folder. Either way the
 * SQL tests always run, never skip.
 */
export async function testDatabase(): Promise<TestDatabase> {
  const shared = process.env.TEST_DATABASE_URL;
  if (shared) return createTestSchema(shared);
  const parent = await mkdtemp(join(tmpdir(), 'gateway-test-pg-'));
  const server = await startEmbeddedPostgres({ dataDir: join(parent, 'postgres'), throwaway: true });
  return {
    url: server.url,
    async drop() {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

/**
 * A schema of its own on a shared server, so test files (and runs on a shared server) never see each other's
 * rows; connections made with the returned URL work inside it.
 */
async function createTestSchema(url: string): Promise<TestDatabase> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return { url: scoped.toString(), drop: () => adminQuery(url, `DROP SCHEMA ${schema} CASCADE`) };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
