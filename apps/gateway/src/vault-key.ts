import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The embedded default keeps a generated vault key in the data directory (mode 0600), so sessions survive a
 * restart of a persistent store and no one has to invent a key to try the gateway locally.
 */
export async function loadOrCreateVaultKey(dataDir: string): Promise<Buffer> {
  const path = join(dataDir, 'vault.key');
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
