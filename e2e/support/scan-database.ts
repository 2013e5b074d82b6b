// After the browser tests: opens the embedded database the test gateway wrote (it has stopped by then) and
// fails if any table holds a card number, CSC, gift card or bank account number or PIN the tests typed, in
// clear, or if any stored JSON document holds a card number anywhere (under any key, however written) or a
// name that could be a card number or CSC, as a page that relabels the name field would have it stored.
import { join } from 'node:path';
import { openSqlClient } from '../../apps/gateway/src/store/sql/open.ts';
import { rowsWithClearCardData } from '../../apps/gateway/test/card-data-scan.ts';
import { TEST_CARDS } from '../../packages/card/test/test-cards.ts';

/** Playwright stops the test gateway as the run ends; it may still be closing its database for a moment. */
async function openWhenReleased(clusterDir: string, attempts = 60) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await openSqlClient({ kind: 'embedded', dataDir: clusterDir });
    } catch (error) {
      if (attempt >= attempts || !/in use by process/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

// Every CSC the browser tests type; the gift card and bank account numbers and the PINs.
const SECURITY_CODES = ['100', '101', '102', '1000', '8264'];
const ACCOUNT_NUMBERS = ['7700000000000000', '7700000000004321', '1234567800', '1234567801', '9876543200'];
const PINS = ['4321', '8642'];

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: scan-database.ts <DATA_DIR of the test gateway>');

const db = await openWhenReleased(join(dataDir, 'postgres'));
try {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM sessions');
  const count = row?.count ?? 0;
  // An empty database would pass vacuously: the browser run must have stored sessions to scan.
  if (!count) throw new Error('The test gateway stored no session: nothing was scanned.');
  const found = await rowsWithClearCardData(
    db,
    [...TEST_CARDS.map(([number]) => number), ...ACCOUNT_NUMBERS],
    SECURITY_CODES,
    PINS,
  );
  if (found.length) throw new Error(`Clear card data at rest in: ${[...new Set(found)].join(', ')}`);
  console.log(
    `No clear card number, CSC or card-like name in any table or document (${count} sessions from the browser run).`,
  );
} finally {
  await db.close();
}
