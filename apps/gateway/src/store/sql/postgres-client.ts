import pg from 'pg';
import { StoreUnavailableError } from '../../domain/errors.ts';
import type { SqlClient, SqlQueryable } from './sql-client.ts';

// Short enough that a request fails fast with SERVER_BUSY while the database is away.
const CONNECT_TIMEOUT_MS = 5_000;
const STATEMENT_TIMEOUT_MS = 10_000;
/**
 * Measured at 50 client connections on two cores with durable commits: 30 connections served browser updates
 * and PAYs about twice as fast as 10 (a commit holds its connection while the WAL reaches the disk, and more
 * commits in flight share each flush); 50 did no better than 30.
 */
export const DEFAULT_POOL_SIZE = 30;

/** A pool on a PostgreSQL server, shared with any number of other gateway instances. */
export function openPostgresClient(connectionString: string, poolSize = DEFAULT_POOL_SIZE): SqlClient {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 1_000,
  });
  // An idle connection dropped by the server must not crash the process; the next query reports the outage.
  pool.on('error', () => {});
  return {
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect().catch(translate);
      try {
        await client.query('BEGIN').catch(translate);
        const result = await work(queryable(client));
        await client.query('COMMIT').catch(translate);
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Every statement is a named prepared statement: each connection parses and plans a text once, then only
 * binds and executes it. The texts are the store's own, a small fixed set, so the names are few.
 */
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `s${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

function queryable(db: pg.Pool | pg.PoolClient): SqlQueryable {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await db
        .query({ name: statementName(text), text, values: [...params] })
        .catch(translate);
      return result.rows as Row[];
    },
    async exec(script) {
      await db.query(script).catch(translate);
    },
  };
}

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, cannot connect now),
// and 53300 (too many connections): the database is away or full, not the request wrong.
const UNAVAILABLE_STATES = /^(08|57P)|^53300$/;
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Outages become SERVER_BUSY; anything else stays an unforeseen fault (SERVER_FAILED with a support code). */
function translate(error: unknown): never {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  const unavailable =
    (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_ERRNOS.has(code))) ||
    // pg reports its own timeouts and lost connections without a code.
    /timeout|Connection terminated|not queryable/i.test(message);
  throw unavailable ? new StoreUnavailableError() : error;
}
