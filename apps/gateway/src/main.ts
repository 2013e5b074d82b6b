import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGateway } from './app.ts';
import { ConfigError, loadConfig, loadStorageConfig } from './config.ts';
import { openStore } from './store/open-store.ts';

// The workspace's own builds (`pnpm build`), served as they are. The same from src/ (tsx) and dist/ (node).
const BUILT_ASSETS = {
  framesDir: fileURLToPath(new URL('../../frames/dist', import.meta.url)),
  sdkDir: fileURLToPath(new URL('../../../packages/sdk/dist', import.meta.url)),
};

async function main(): Promise<void> {
  // The database starts while the rest of the configuration loads (hashing the sandbox password takes a while).
  const storage = loadStorageConfig();
  let embedded: { initdbMs?: number; startMs: number; port: number } | undefined;
  const opening = openStore(storage, {
    onStarted: (started) => (embedded = started),
    onLog: (line) => process.stderr.write(`postgres: ${line}\n`),
    onUnexpectedExit: (reason) => {
      console.error(`The gateway cannot serve without its database: ${reason}.`);
      process.exit(1);
    },
  });
  // Awaited below; a failure to open must not count as unhandled while the configuration still loads.
  opening.catch(() => {});
  const config = await loadConfig().catch(async (error: unknown) => {
    await opening.then(
      (store) => store.close(),
      () => {},
    );
    throw error;
  });
  const store = await opening;
  const app = buildGateway(config, { store, formAssets: BUILT_ASSETS });
  if (config.storage.kind === 'embedded' && embedded) {
    app.log.info(
      { embeddedPostgres: { dataDir: config.storage.dataDir, ...embedded } },
      embedded.initdbMs === undefined
        ? `embedded PostgreSQL started on 127.0.0.1:${embedded.port}`
        : `embedded PostgreSQL created in ${config.storage.dataDir} and started on 127.0.0.1:${embedded.port}`,
    );
    const earlier = join(config.storage.dataDir, '..', 'pglite');
    if (existsSync(earlier)) {
      app.log.warn(
        `${earlier} holds data of an earlier version's embedded database, which is no longer read`,
      );
    }
  }
  if (config.sandbox) {
    app.log.warn(
      {
        sandbox: {
          merchant: config.sandbox.merchantId,
          publishedPassword: config.sandbox.publishedPassword,
          publishedSecretKey: config.sandbox.publishedSecretKey,
        },
      },
      `sandbox mode: merchant ${config.sandbox.merchantId} takes the published sandbox password or secret key; loopback only, never for real cards`,
    );
  }
  if (config.vaultKeySource === 'generated') {
    app.log.warn(
      'vault key generated in DATA_DIR, beside the data it protects: sandbox only (set VAULT_KEY or VAULT_KEY_FILE otherwise)',
    );
  }
  let url: string;
  try {
    url = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // The embedded database stops with the store.
    await app.close();
    throw error;
  }
  app.log.info(`gateway listening on ${url}`);
  process.stdout.write(`Gateway ready at ${url}\n`);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal} received, closing`);
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('The gateway failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
