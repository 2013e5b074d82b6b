import { checkNumber, mayHoldCardData } from '@hosted-session/card';
import type { SqlQueryable } from '../src/store/sql/sql-client.ts';
import { TEST_CARD_NUMBER, TEST_CSC } from './gateway-process.ts';

// Digits with at most one separator (space, dash, dot, slash…) between them, after NFKC folded full-width
// and other compatibility digits into ASCII: how a card number is written, or typed into a name.
const DIGIT_RUN = /[0-9](?:[^\p{L}\p{N}]?[0-9])*/gu;

/** The card numbers in a text: digit runs of a card's length that pass Luhn for a brand, or one of `known`. */
function cardNumbersIn(text: string, known: readonly string[]): string[] {
  const runs = text.normalize('NFKC').match(DIGIT_RUN) ?? [];
  return runs
    .map((run) => run.replace(/[^0-9]/g, ''))
    .filter(
      (digits) =>
        known.includes(digits) || (digits.length >= 13 && digits.length <= 19 && checkNumber(digits).isValid),
    );
}

/** Whether a stored JSON document holds a card number in any string, or a name that could hold card data. */
function documentHoldsCardData(value: unknown, known: readonly string[], key = ''): boolean {
  if (typeof value === 'string') {
    return cardNumbersIn(value, known).length > 0 || (key === 'nameOnCard' && mayHoldCardData(value));
  }
  if (typeof value === 'number') return cardNumbersIn(String(value), known).length > 0;
  if (Array.isArray(value)) return value.some((item) => documentHoldsCardData(item, known));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([name, item]) => documentHoldsCardData(item, known, name));
  }
  return false;
}

/**
 * The places of the current schema that show card data in clear: a table whose row, as text, holds one of
 * the card, gift card or account numbers given, or a CSC or PIN beside its key, and a JSON column (`table.column`) with a document that holds any card
 * number, however written and under whatever key, or a `nameOnCard` that could hold a card number or CSC.
 * The stored documents mask the number and write the CSC as "xxx"; the clear values may only exist inside
 * the vault's envelopes, which are ciphertext.
 */
export async function rowsWithClearCardData(
  db: SqlQueryable,
  numbers: readonly string[] = [TEST_CARD_NUMBER],
  securityCodes: readonly string[] = [TEST_CSC],
  pins: readonly string[] = [],
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
      const clearPin = pins.some((pin) => new RegExp(`pin[^,}]*\\b${pin}\\b`).test(row));
      if (clearNumber || clearCsc || clearPin) {
        // The table only: the row itself would put the card data in the test output.
        found.push(table);
      }
    }
  }
  const documents = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND data_type IN ('json', 'jsonb')`,
  );
  for (const { table_name: table, column_name: column } of documents) {
    const rows = await db.query<{ document: string | null }>(
      `SELECT "${column}"::text AS document FROM "${table}"`,
    );
    if (
      rows.some(({ document }) => document !== null && documentHoldsCardData(JSON.parse(document), numbers))
    ) {
      found.push(`${table}.${column}`);
    }
  }
  return found;
}
