import { fileURLToPath } from 'node:url';
import { buildGateway } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openStore } from './store/open-store.ts';

// The workspace's own builds (`pnpm build`), served as they are.
const BUILT_ASSETS = {
  framesDir: fileURLToPath(new URL('../../frames/dist', import.meta.url)),
  sdkDir: fileURLToPath(new URL('../../../packages/sdk/dist', import.meta.url)),
};

async function main(): Promise<void> {
  const config = await loadConfig();
  const store = await openStore(config.storage);
  const app = buildGateway(config, { store, formAssets: BUILT_ASSETS });
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
  const url = await app.listen({ host: config.host, port: config.port });
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
  else console.error('The gateway failed to start:', error);
  process.exit(1);
});
