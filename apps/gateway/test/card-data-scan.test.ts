import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/store/sql/migrate.ts';
import { openPostgresClient } from '../src/store/sql/postgres-client.ts';
import type { SqlClient } from '../src/store/sql/sql-client.ts';
import { rowsWithClearCardData } from './card-data-scan.ts';
import { testDatabase, type TestDatabase } from './postgres-test-db.ts';

// The scan the test run ends with must itself find what it looks for: a clean store passes, and every way a
// card number or CSC could sit in a stored document fails it.
let database: TestDatabase;
let db: SqlClient;
beforeAll(async () => {
  database = await testDatabase();
  db = openPostgresClient(database.url);
  await migrate(db);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

async function storedSession(content: object): Promise<string[]> {
  await db.exec('DELETE FROM sessions');
  await db.query(
    `INSERT INTO sessions (id, merchant_id, api_version, version, aes256_key, authentication_limit,
       update_status, content, created_at, expires_at)
     VALUES ('SESSION0000000000000000000000001', 'TESTMERCHANT', '100', 'abc', 'key', 5, 'SUCCESS', $1, 0, 1)`,
    [JSON.stringify(content)],
  );
  return rowsWithClearCardData(db, [], []);
}

const card = (fields: object) => ({
  sourceOfFunds: { provided: { card: { number: '512345xxxxxx0008', ...fields } } },
});

describe('the card data scan', () => {
  it('passes masked documents, ids, receipts, tokens and names', async () => {
    expect(
      await storedSession({
        ...card({ nameOnCard: 'Ada Lovelace 2nd', expiry: { month: '1', year: '39' }, securityCode: 'xxx' }),
        order: { amount: '10.00', currency: 'USD', reference: 'order-20261122-0001' },
        receipt: '600204438856',
        token: '9854298000787274',
        time: '2026-11-22T06:03:23.447Z',
      }),
    ).toEqual([]);
  });

  it.each([
    ['a name that is a card number', card({ nameOnCard: '4508750015741019' })],
    ['a name that is a grouped card number', card({ nameOnCard: '4508 7500 1574 1019' })],
    ['a name that is a security code', card({ nameOnCard: '8264' })],
    [
      'a name with a card number in full-width digits',
      card({ nameOnCard: '４５０８７５００１５７４１０１９' }),
    ],
    ['a card number under an unknown key', { customer: { note: 'card 4508-7500-1574-1019' } }],
    ['a card number in an array', { lines: ['x', { text: '3718.816344.98004' }] }],
    ['a card number stored as a JSON number', { reference: 6011003179988686 }],
  ])('finds %s', async (_what, content) => {
    expect(await storedSession(content)).toEqual(['sessions.content']);
  });
});
