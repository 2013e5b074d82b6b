import { afterAll, beforeAll, describe } from 'vitest';
import { migrate } from '../src/store/sql/migrate.ts';
import { openPostgresClient } from '../src/store/sql/postgres-client.ts';
import type { SqlClient } from '../src/store/sql/sql-client.ts';
import { SqlStore } from '../src/store/sql/sql-store.ts';
import { describeStoreContract } from './store-contract.ts';
import {
  NO_POSTGRES_REASON,
  TEST_DATABASE_URL,
  createTestSchema,
  requirePostgresUnderCi,
} from './postgres-test-db.ts';

requirePostgresUnderCi();

describe.skipIf(!TEST_DATABASE_URL)(
  `PostgreSQL (${TEST_DATABASE_URL ? 'server' : NO_POSTGRES_REASON})`,
  () => {
    let client: SqlClient;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const schema = await createTestSchema(TEST_DATABASE_URL!);
      drop = schema.drop;
      client = openPostgresClient(schema.url);
      await migrate(client);
    });
    afterAll(async () => {
      await client.close();
      await drop();
    });

    describeStoreContract('PostgreSQL', () => new SqlStore({ ...client, close: async () => {} }));
  },
);
