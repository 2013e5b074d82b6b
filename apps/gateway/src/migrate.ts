// `pnpm migrate`: brings the database named by DATABASE_URL (or the embedded one under DATA_DIR) up to date and exits.
// The gateway does the same at start; this is for deploying the schema ahead of the instances.
import { ConfigError, loadStorageConfig } from './config.ts';
import { migrate } from './store/sql/migrate.ts';
import { openSqlClient } from './store/sql/open.ts';

async function main(): Promise<void> {
  const storage = loadStorageConfig();
  if (storage.kind === 'memory') throw new ConfigError('STORE=memory has nothing to migrate.');
  const client = await openSqlClient(storage);
  try {
    const applied = await migrate(client);
    process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'The schema is up to date.\n');
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Migration failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
