import { mkdtemp, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGateway } from '../src/app.ts';
import { ConfigError, DEFAULT_SANDBOX_PASSWORD, isLoopback, loadConfig } from '../src/config.ts';
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

  describe('sandbox mode', () => {
    it('is the sandbox merchant with the published password, on loopback', async () => {
      const config = await loadConfig({ DATA_DIR: await tempDir() });
      expect(config.sandbox).toEqual({
        merchantId: 'TESTMERCHANT',
        publishedPassword: true,
        publishedSecretKey: true,
      });
      const own = await loadConfig({
        SANDBOX_API_PASSWORD: 'a-password-of-ours',
        VAULT_KEY: Buffer.alloc(32, 1).toString('base64'),
      });
      expect(own.sandbox).toBeUndefined();
    });

    it.each(['0.0.0.0', '::', '192.0.2.10', 'gateway.example'])(
      'refuses to listen on %s with the published password',
      async (host) => {
        const error = await loadConfig({ DATA_DIR: await tempDir(), HOST: host }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as Error).message).toMatch(/HOST .* beyond loopback.*SANDBOX_API_PASSWORD/);
      },
    );

    it('listens anywhere once the sandbox password is changed or the sandbox merchant is off', async () => {
      const key = Buffer.alloc(32, 3).toString('base64');
      const changed = await loadConfig({
        HOST: '0.0.0.0',
        SANDBOX_API_PASSWORD: 'not-the-published-one',
        VAULT_KEY: key,
      });
      expect(changed.host).toBe('0.0.0.0');
      expect(changed.sandbox).toBeUndefined();
    });

    it('gives the published secret key only with the published password, and keeps either on loopback', async () => {
      const key = Buffer.alloc(32, 4).toString('base64');
      const sandboxOf = (config: Awaited<ReturnType<typeof loadConfig>>) =>
        config.merchants.find((m) => m.id === 'TESTMERCHANT')!;
      const published = await loadConfig({ DATA_DIR: await tempDir() });
      expect(sandboxOf(published).secretKey).toBe('sk_sandbox-secret-key-not-for-production');

      const ownPassword = await loadConfig({
        HOST: '0.0.0.0',
        SANDBOX_API_PASSWORD: 'a-password-of-ours',
        VAULT_KEY: key,
      });
      expect(sandboxOf(ownPassword).secretKey).toBeUndefined();
      const ownBoth = await loadConfig({
        HOST: '0.0.0.0',
        SANDBOX_API_PASSWORD: 'a-password-of-ours',
        SANDBOX_SECRET_KEY: 'sk_a-key-of-ours',
        VAULT_KEY: key,
      });
      expect(sandboxOf(ownBoth).secretKey).toBe('sk_a-key-of-ours');
      expect(ownBoth.sandbox).toBeUndefined();

      const publishedKey = {
        SANDBOX_API_PASSWORD: 'a-password-of-ours',
        SANDBOX_SECRET_KEY: 'sk_sandbox-secret-key-not-for-production',
      };
      const error = await loadConfig({ HOST: '0.0.0.0', VAULT_KEY: key, ...publishedKey }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/HOST 0\.0\.0\.0 is beyond loopback.*secret key/);
      expect((await loadConfig({ DATA_DIR: await tempDir(), ...publishedKey })).sandbox).toEqual({
        merchantId: 'TESTMERCHANT',
        publishedPassword: false,
        publishedSecretKey: true,
      });
    });

    it('knows loopback', () => {
      for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
        expect(isLoopback(host)).toBe(true);
      for (const host of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'example.com'])
        expect(isLoopback(host)).toBe(false);
    });
  });

  describe('the vault key outside the sandbox', () => {
    const ownPassword = { SANDBOX_API_PASSWORD: 'a-password-of-ours' };
    const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');

    it('refuses to generate a key in DATA_DIR', async () => {
      await expect(loadConfig({ DATA_DIR: await tempDir(), ...ownPassword })).rejects.toThrow(
        /Set VAULT_KEY or VAULT_KEY_FILE/,
      );
    });

    it('refuses a key file inside DATA_DIR, through a symbolic link too', async () => {
      const dataDir = await tempDir();
      await writeFile(join(dataDir, 'vault.key'), key(1));
      await expect(
        loadConfig({ DATA_DIR: dataDir, VAULT_KEY_FILE: join(dataDir, 'vault.key'), ...ownPassword }),
      ).rejects.toThrow(/VAULT_KEY_FILE .* is inside DATA_DIR/);
      const outside = await tempDir();
      await symlink(dataDir, join(outside, 'data'));
      await expect(
        loadConfig({
          DATA_DIR: join(outside, 'data'),
          VAULT_KEY_FILE: join(dataDir, 'vault.key'),
          ...ownPassword,
        }),
      ).rejects.toThrow(/is inside DATA_DIR/);
    });

    it('takes a key ring file outside DATA_DIR: the active key first, then retired ones', async () => {
      const dataDir = await tempDir();
      const keys = join(await tempDir(), 'vault-keys');
      await writeFile(keys, `# rotated 2026-11-30\n${key(2)}\n\n${key(1)}\n`, { mode: 0o600 });
      const config = await loadConfig({
        DATA_DIR: dataDir,
        VAULT_KEY_FILE: keys,
        VAULT_RETIRED_KEYS: key(7),
        ...ownPassword,
      });
      expect(config.vaultKey.toString('base64')).toBe(key(2));
      expect(config.retiredVaultKeys!.map((k) => k.toString('base64'))).toEqual([key(1), key(7)]);
    });

    it('takes VAULT_KEY with VAULT_RETIRED_KEYS, and names a bad entry without quoting it', async () => {
      const config = await loadConfig({
        VAULT_KEY: key(4),
        VAULT_RETIRED_KEYS: `${key(5)}, ${key(6)}`,
        ...ownPassword,
      });
      expect(config.retiredVaultKeys).toHaveLength(2);
      const error = (await loadConfig({
        VAULT_KEY: key(4),
        VAULT_RETIRED_KEYS: `${key(5)},secret-but-not-a-key`,
        ...ownPassword,
      }).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toMatch(/VAULT_RETIRED_KEYS entry 2/);
      expect(error.message).not.toContain('secret-but-not-a-key');
      await expect(
        loadConfig({ VAULT_KEY: key(4), VAULT_RETIRED_KEYS: key(4), ...ownPassword }),
      ).rejects.toThrow(/given twice/);
      await expect(
        loadConfig({ VAULT_KEY: key(4), VAULT_KEY_FILE: '/nonexistent', ...ownPassword }),
      ).rejects.toThrow(/not both/);
    });

    it('keeps generating the sandbox key in DATA_DIR, and says so', async () => {
      const config = await loadConfig({ DATA_DIR: await tempDir() });
      expect(config.vaultKeySource).toBe('generated');
    });
  });

  describe('limits', () => {
    it('has documented defaults and reads `<count>/<window>` or `off`', async () => {
      const defaults = await loadConfig({ DATA_DIR: await tempDir() });
      expect(defaults.rateLimits).toEqual({
        browserPerAddress: { limit: 60, windowMs: 60_000 },
        authFailuresPerAddress: { limit: 20, windowMs: 600_000 },
        declinesPerCard: { limit: 5, windowMs: 3_600_000 },
        cardsPerMerchant: { limit: 300, windowMs: 60_000 },
      });
      expect(defaults.trustProxy).toBe(false);
      const set = await loadConfig({
        DATA_DIR: await tempDir(),
        RATE_LIMIT_DECLINES_PER_CARD: '3/24h',
        RATE_LIMIT_BROWSER_PER_ADDRESS: 'off',
        TRUST_PROXY: '10.0.0.0/8, 127.0.0.1, loopback',
      });
      expect(set.rateLimits.declinesPerCard).toEqual({ limit: 3, windowMs: 86_400_000 });
      expect(set.rateLimits.browserPerAddress).toBeUndefined();
      expect(set.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', 'loopback']);
      expect((await loadConfig({ DATA_DIR: await tempDir(), TRUST_PROXY: '2' })).trustProxy).toBe(2);
    });

    it.each([
      [{ RATE_LIMIT_DECLINES_PER_CARD: '5' }, /RATE_LIMIT_DECLINES_PER_CARD/],
      [{ RATE_LIMIT_DECLINES_PER_CARD: '0/1h' }, /RATE_LIMIT_DECLINES_PER_CARD/],
      [{ RATE_LIMIT_CARDS_PER_MERCHANT: '10/1d' }, /RATE_LIMIT_CARDS_PER_MERCHANT/],
      [{ TRUST_PROXY: 'true' }, /TRUST_PROXY/],
      [{ TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY/],
    ])('fails clearly on %o', async (env, message) => {
      await expect(loadConfig({ DATA_DIR: await tempDir(), ...env })).rejects.toThrow(message);
    });
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
