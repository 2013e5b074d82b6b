import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGateway } from '../src/app.ts';
import { ConfigError, DEFAULT_SANDBOX_PASSWORD, loadConfig } from '../src/config.ts';
import { hashPassword, verifyPassword } from '../src/domain/password.ts';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'gateway-config-'));
}

describe('loadConfig', () => {
  it('has the embedded defaults: port 4600, 15 minutes, the sandbox merchant for localhost', async () => {
    const dataDir = await tempDir();
    const config = await loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4600, sessionTtlSeconds: 900 });
    const [sandbox] = config.merchants;
    expect(sandbox).toMatchObject({
      id: 'TESTMERCHANT',
      allowedOrigins: ['http://localhost:*'],
      cscRequired: true,
    });
    expect(await verifyPassword(DEFAULT_SANDBOX_PASSWORD, sandbox!.passwordHash)).toBe(true);
  });

  it('generates a vault key once, mode 0600, and reuses it', async () => {
    const dataDir = await tempDir();
    const first = await loadConfig({ DATA_DIR: dataDir });
    const second = await loadConfig({ DATA_DIR: dataDir });
    expect(first.vaultKey).toHaveLength(32);
    expect(second.vaultKey.equals(first.vaultKey)).toBe(true);
    expect((await stat(join(dataDir, 'vault.key'))).mode & 0o777).toBe(0o600);
  });

  it('takes VAULT_KEY, SANDBOX_API_PASSWORD, origins and TTL from the environment', async () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const config = await loadConfig({
      VAULT_KEY: key,
      SANDBOX_API_PASSWORD: 'another-sandbox-pass',
      SANDBOX_ALLOWED_ORIGINS: 'http://localhost:*, https://shop.example',
      SESSION_TTL_SECONDS: '60',
      PORT: '0',
    });
    expect(config.vaultKey.toString('base64')).toBe(key);
    expect(config.sessionTtlSeconds).toBe(60);
    expect(config.port).toBe(0);
    expect(config.merchants[0]!.allowedOrigins).toEqual(['http://localhost:*', 'https://shop.example']);
    expect(await verifyPassword('another-sandbox-pass', config.merchants[0]!.passwordHash)).toBe(true);
    expect(await verifyPassword(DEFAULT_SANDBOX_PASSWORD, config.merchants[0]!.passwordHash)).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ SESSION_TTL_SECONDS: '0' }, /SESSION_TTL_SECONDS/],
    [{ VAULT_KEY: 'c2hvcnQ=' }, /VAULT_KEY: must be the base64 of 32 bytes/],
    [{ SANDBOX_API_PASSWORD: 'short' }, /SANDBOX_API_PASSWORD/],
    [{ SANDBOX_MERCHANT: 'false' }, /No merchant configured/],
  ])('fails clearly on %o', async (env, message) => {
    const error = await loadConfig({ DATA_DIR: await tempDir(), ...env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
  });

  it('does not quote a secret given in a bad format', async () => {
    const error = (await loadConfig({ VAULT_KEY: 'not-a-key-secret-value' }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error.message).not.toContain('not-a-key-secret-value');
  });

  it('reads more merchants from MERCHANTS_FILE, passwords as scrypt hashes', async () => {
    const dir = await tempDir();
    const file = join(dir, 'merchants.json');
    const passwordHash = await hashPassword('shop-password-123', { N: 1024, r: 8, p: 1 });
    await writeFile(
      file,
      JSON.stringify([
        { id: 'SHOP_1', passwordHash, allowedOrigins: ['https://shop.example'], supportedBrands: ['VISA'] },
      ]),
    );
    const config = await loadConfig({ DATA_DIR: dir, MERCHANTS_FILE: file });
    expect(config.merchants.map((m) => m.id)).toEqual(['SHOP_1', 'TESTMERCHANT']);
    expect(config.merchants[0]).toMatchObject({ supportedBrands: ['VISA'], cscRequired: true });
  });

  it('refuses a MERCHANTS_FILE with a clear-text password or a bad brand', async () => {
    const dir = await tempDir();
    const file = join(dir, 'merchants.json');
    await writeFile(file, JSON.stringify([{ id: 'SHOP_1', passwordHash: 'hunter2', allowedOrigins: [] }]));
    await expect(loadConfig({ DATA_DIR: dir, MERCHANTS_FILE: file })).rejects.toThrow(
      /0\.passwordHash: must be a scrypt hash/,
    );
    await writeFile(
      file,
      JSON.stringify([
        {
          id: 'SHOP_1',
          passwordHash: await hashPassword('x'.repeat(8), { N: 1024, r: 8, p: 1 }),
          allowedOrigins: [],
          supportedBrands: ['VISSA'],
        },
      ]),
    );
    await expect(loadConfig({ DATA_DIR: dir, MERCHANTS_FILE: file })).rejects.toThrow(/supportedBrands/);
  });
});

describe('BIN_TABLE_FILE', () => {
  it('replaces the sample BIN table, and the gateway answers from it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'bins.json');
    await writeFile(
      file,
      JSON.stringify([{ bin: '51-55', fundingMethod: 'CREDIT', issuer: 'Acquirer Table' }]),
    );
    const config = await loadConfig({ DATA_DIR: dir, BIN_TABLE_FILE: file, STORE: 'memory' });
    expect(config.binRanges).toEqual([{ bin: '51-55', fundingMethod: 'CREDIT', issuer: 'Acquirer Table' }]);
    const app = buildGateway({ ...config, logLevel: 'silent' });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/browser/version/100/merchant/TESTMERCHANT/binLookup',
        payload: { bin: '51234500' },
      });
      expect(response.json()).toEqual({ fundingMethod: 'CREDIT', issuer: 'Acquirer Table' });
    } finally {
      await app.close();
    }
  });

  it.each([
    ['not JSON', 'nope', /BIN_TABLE_FILE .* cannot be read as JSON/],
    ['a bad row', JSON.stringify([{ bin: '5x', fundingMethod: 'CREDIT' }]), /0\.bin: a prefix of digits/],
    ['a bad funding method', JSON.stringify([{ bin: '5', fundingMethod: 'PREPAID' }]), /0\.fundingMethod/],
    [
      'overlapping rows',
      JSON.stringify([
        { bin: '51-53', fundingMethod: 'CREDIT' },
        { bin: '52', fundingMethod: 'DEBIT' },
      ]),
      /BIN ranges 51-53 and 52-52 overlap/,
    ],
  ])('refuses %s, naming the variable', async (_name, content, message) => {
    const dir = await tempDir();
    const file = join(dir, 'bins.json');
    await writeFile(file, content);
    const error = await loadConfig({ DATA_DIR: dir, BIN_TABLE_FILE: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
  });
});
