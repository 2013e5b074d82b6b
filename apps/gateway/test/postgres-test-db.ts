import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { it } from 'vitest';

/** Set by scripts/run-tests.mjs, which starts a throwaway PostgreSQL for the run. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export const NO_POSTGRES_REASON =
  'TEST_DATABASE_URL is not set: start one with `scripts/test-postgres.sh start .test-output/pg` and export its URL';

/** Under CI the PostgreSQL tests must run: a missing server is a failure, never a silent skip. */
export function requirePostgresUnderCi(): void {
  if (!TEST_DATABASE_URL && process.env.CI) {
    it('has a PostgreSQL server to test against', () => {
      throw new Error(NO_POSTGRES_REASON);
    });
  }
}

/**
 * A schema of its own on the test server, so test files (and runs on a shared server) never see each other's
 * rows; connections made with the returned URL work inside it. `drop` removes it and everything in it.
 */
export async function createTestSchema(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
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
