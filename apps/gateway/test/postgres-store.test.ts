import { afterAll, beforeAll, describe } from 'vitest';
import { migrate } from '../src/store/sql/migrate.ts';
import { openPostgresClient } from '../src/store/sql/postgres-client.ts';
import type { SqlClient } from '../src/store/sql/sql-client.ts';
import { SqlStore } from '../src/store/sql/sql-store.ts';
import { describeStoreContract } from './store-contract.ts';
import { testDatabase } from './postgres-test-db.ts';

describe('PostgreSQL server', () => {
  let client: SqlClient;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await testDatabase();
    drop = database.drop;
    client = openPostgresClient(database.url);
    await migrate(client);
  });
  afterAll(async () => {
    await client.close();
    await drop();
  });

  describeStoreContract('PostgreSQL', () => new SqlStore({ ...client, close: async () => {} }));
});
