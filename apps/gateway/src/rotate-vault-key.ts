// `pnpm --filter @hosted-session/gateway rotate-vault-key`: re-seals every stored card envelope under the
// active vault key (VAULT_KEY, or the first key of VAULT_KEY_FILE) while the gateway keeps serving, and says
// when no envelope under an older key remains, so that key can be removed from the configuration.
import { ConfigError, loadConfig } from './config.ts';
import { rotateEnvelopes } from './domain/vault-rotation.ts';
import { CardVault, vaultKeyId } from './domain/vault.ts';
import { openStore } from './store/open-store.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const config = await loadConfig();
  if (config.storage.kind === 'memory') throw new ConfigError('STORE=memory keeps nothing to rotate.');
  const vault = new CardVault(config.vaultKey, config.retiredVaultKeys);
  const store = await openStore(config.storage);
  try {
    say(`Re-sealing card envelopes under vault key ${vault.activeKeyId}…`);
    const report = await rotateEnvelopes(store, vault, {
      onBatch: ({ resealed, overtaken }) =>
        say(`  ${resealed} re-sealed, ${overtaken} changed meanwhile by live traffic`),
    });
    say(`${report.resealed} envelopes re-sealed under ${vault.activeKeyId}.`);
    if (report.remaining === 0) {
      const retired = (config.retiredVaultKeys ?? []).map(vaultKeyId);
      say(
        retired.length > 0
          ? `No envelope under another key remains: retired keys ${retired.join(', ')} can be removed.`
          : 'No envelope under another key remains.',
      );
      return 0;
    }
    say(
      `${report.remaining} envelopes are still under other keys (${report.remainingKeyIds.join(', ')})` +
        (report.unreadable > 0
          ? `, ${report.unreadable} of them under no key this configuration holds`
          : '') +
        ': keep those keys, and run again.',
    );
    return 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error('Rotation failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
