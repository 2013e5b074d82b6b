import { randomBytes } from 'node:crypto';
import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from './config-error.ts';
import { vaultKeyId } from './domain/vault.ts';

export type VaultKeySource = 'environment' | 'file' | 'generated';

export interface VaultKeys {
  /** Everything is sealed under this key. */
  active: Buffer;
  /** Keys of earlier rotations, still accepted for opening. */
  retired: Buffer[];
  source: VaultKeySource;
}

export interface VaultKeyOptions {
  /** VAULT_KEY: base64 of the active key. */
  key?: string;
  /** VAULT_KEY_FILE: a key ring, one base64 key per line, the active key first. */
  keyFile?: string;
  /** VAULT_RETIRED_KEYS: comma-separated base64 keys of earlier rotations. */
  retiredKeys?: string;
  dataDir: string;
  /** Only the sandbox may keep its key in DATA_DIR, beside the data the key protects. */
  sandbox: boolean;
}

const GENERATED_KEY_FILE = 'vault.key';

/**
 * The vault's keys. A copy of DATA_DIR must not be enough to read the cards in it, so outside the sandbox the
 * key comes from the environment or from a file outside DATA_DIR; the sandbox alone may generate one there.
 */
export async function loadVaultKeys(options: VaultKeyOptions): Promise<VaultKeys> {
  if (options.key && options.keyFile) throw new ConfigError('Set VAULT_KEY or VAULT_KEY_FILE, not both.');
  const retired = (options.retiredKeys ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry, index) => parseKey(entry, `VAULT_RETIRED_KEYS entry ${index + 1}`));

  let keys: VaultKeys;
  if (options.key) {
    keys = { active: parseKey(options.key, 'VAULT_KEY'), retired, source: 'environment' };
  } else if (options.keyFile) {
    if (!options.sandbox && (await isInside(options.keyFile, options.dataDir))) {
      throw new ConfigError(
        `VAULT_KEY_FILE ${options.keyFile} is inside DATA_DIR: a copy of the data would carry its key. ` +
          'Keep the key file elsewhere (outside the sandbox this is required).',
      );
    }
    const [active, ...older] = await readKeyRing(options.keyFile);
    keys = { active: active!, retired: [...older, ...retired], source: 'file' };
  } else if (options.sandbox) {
    keys = { active: await loadOrCreateVaultKey(options.dataDir), retired, source: 'generated' };
  } else {
    throw new ConfigError(
      'Set VAULT_KEY or VAULT_KEY_FILE (a file outside DATA_DIR): only the sandbox with its published ' +
        'password may keep a generated key in DATA_DIR.',
    );
  }
  const ids = [keys.active, ...keys.retired].map(vaultKeyId);
  if (new Set(ids).size !== ids.length) throw new ConfigError('A vault key is given twice.');
  return keys;
}

/** Lines of base64 keys, the active one first; blank lines and `#` comments are skipped. */
async function readKeyRing(path: string): Promise<Buffer[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `VAULT_KEY_FILE ${path} cannot be read (${(error as NodeJS.ErrnoException).code}).`,
    );
  }
  const keys = text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'))
    .map(({ line, number }) => parseKey(line, `VAULT_KEY_FILE ${path} line ${number}`));
  if (keys.length === 0) throw new ConfigError(`VAULT_KEY_FILE ${path} holds no key.`);
  return keys;
}

// The message names where the key was, never the key.
function parseKey(base64: string, where: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    throw new ConfigError(`${where}: must be the base64 of 32 bytes.`);
  }
  return key;
}

/** Whether `path` is inside `dir`, following symbolic links as far as they exist. */
async function isInside(path: string, dir: string): Promise<boolean> {
  const real = async (p: string): Promise<string> => {
    try {
      return await realpath(p);
    } catch {
      const parent = dirname(p);
      return parent === p ? p : join(await real(parent), relative(parent, p));
    }
  };
  const from = await real(resolve(dir));
  const to = await real(resolve(path));
  const inner = relative(from, to);
  return inner === '' || (!inner.startsWith('..') && !isAbsolute(inner));
}

/**
 * The sandbox keeps a generated vault key in the data directory (mode 0600), so sessions survive a restart of
 * a persistent store and no one has to invent a key to try the gateway locally.
 */
export async function loadOrCreateVaultKey(dataDir: string): Promise<Buffer> {
  const path = join(dataDir, GENERATED_KEY_FILE);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
  if (key.length !== 32) throw new Error(`${path} does not hold a base64 32-byte key.`);
  return key;
}
