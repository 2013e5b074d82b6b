import type { SqlQueryable } from '../src/store/sql/sql-client.ts';
import { TEST_CARD_NUMBER, TEST_CSC } from './gateway-process.ts';

/**
 * The tables of the current schema with a row that, as text, shows one of the card numbers or CSCs in
 * clear. The stored documents mask the number and write the CSC as "xxx"; the clear values may only exist
 * inside the vault's envelopes, which are ciphertext.
 */
export async function rowsWithClearCardData(
  db: SqlQueryable,
  numbers: readonly string[] = [TEST_CARD_NUMBER],
  securityCodes: readonly string[] = [TEST_CSC],
): Promise<string[]> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t`);
    for (const { row } of rows) {
      const clearNumber = numbers.some((number) => row.includes(number));
      const clearCsc = securityCodes.some((csc) => new RegExp(`securityCode[^,}]*\\b${csc}\\b`).test(row));
      if (clearNumber || clearCsc) {
        // The table only: the row itself would put the card data in the test output.
        found.push(table);
      }
    }
  }
  return found;
}
