import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BRAND_RULES, type Brand } from '@hosted-session/card';
import { MERCHANT_ID_PATTERN } from '@hosted-session/rest';
import * as z from 'zod';
import { BinRangesFile, BinTable, type BinRange } from './domain/bins/bin-table.ts';
import type { Merchant } from './domain/merchants.ts';
import { hashPassword, isPasswordHash } from './domain/password.ts';
import { ConfigError } from './config-error.ts';
import type { RateLimit, RateLimits } from './domain/rate-limits.ts';
import type { StorageConfig } from './store/open-store.ts';
import { loadVaultKeys, type VaultKeySource } from './vault-key.ts';

export interface GatewayConfig {
  host: string;
  port: number;
  logLevel: string;
  sessionTtlSeconds: number;
  /** How long an issuer's 3DS Method has to report back before the authentication expires. */
  threeDSMethodTimeoutMs: number;
  /** AES-256-GCM key for PAN and CSC at rest: everything is sealed under it. */
  vaultKey: Buffer;
  /** Keys of earlier rotations: envelopes sealed under them still open, none is sealed anew. */
  retiredVaultKeys?: Buffer[];
  merchants: Merchant[];
  storage: StorageConfig;
  /** The BIN table's rows (`BIN_TABLE_FILE`); the sample table when absent. */
  binRanges?: readonly BinRange[];
  /** Card-testing and abuse limits; an absent limit is off. */
  rateLimits: RateLimits;
  /** Which proxies' X-Forwarded-For to believe (Fastify's `trustProxy`); false: the socket's address. */
  trustProxy?: boolean | number | string[];
  /** Set when the sandbox merchant takes the published password or secret key (only ever on loopback). */
  sandbox?: SandboxMode;
  /** Where the vault key came from, for the start-up log. */
  vaultKeySource?: VaultKeySource;
}

/**
 * Sandbox mode: the sandbox merchant exists with the published default password or secret key. It is allowed
 * on loopback only, and it is the only mode in which the vault key may live in DATA_DIR beside the data it
 * protects.
 */
export interface SandboxMode {
  merchantId: string;
  /** Which published credentials it takes: the API password, the secret key, or both. */
  publishedPassword: boolean;
  publishedSecretKey: boolean;
}

/** The embedded default's sandbox merchant. Local use only: its password is published in the README. */
export const SANDBOX_MERCHANT_ID = 'TESTMERCHANT';
export const DEFAULT_SANDBOX_PASSWORD = 'sandbox-password-not-for-production';
/** The sandbox merchant's secret key (Bearer, Checkout.com-shaped APIs), with the published password only. */
export const DEFAULT_SANDBOX_SECRET_KEY = 'sk_sandbox-secret-key-not-for-production';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ALL_BRANDS: readonly Brand[] = BRAND_RULES.map((rule) => rule.info.brand);

const brand = z.custom<Brand>((value) => ALL_BRANDS.includes(value as Brand), 'unknown card brand');
const origins = z.string().transform((list) =>
  list
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
);

// `<count>/<window>`, e.g. `20/10m`: at most count events per sliding window; `off` turns the limit off.
const rateLimit = z
  .string()
  .regex(/^(off|[1-9]\d{0,6}\/[1-9]\d{0,4}[smh])$/, 'must be `<count>/<window>` (e.g. `20/10m`) or `off`')
  .transform((value): RateLimit | undefined => {
    if (value === 'off') return undefined;
    const [count, window] = value.split('/') as [string, string];
    const unit = { s: 1000, m: 60_000, h: 3_600_000 }[window.slice(-1) as 's' | 'm' | 'h'];
    return { limit: Number(count), windowMs: Number(window.slice(0, -1)) * unit };
  });

// `false`, a number of proxy hops, or addresses and CIDR ranges (and proxy-addr's names for ranges).
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const trustProxy = z.string().transform((value, context): false | number | string[] => {
  if (value === 'false') return false;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    const prefixOk =
      prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!PROXY_RANGE_NAMES.includes(entry) && !(family && prefixOk)) {
      context.addIssue({ code: 'custom', message: `not an address, CIDR range or hop count: ${entry}` });
      return z.NEVER;
    }
  }
  return entries;
});

const Env = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  THREEDS_METHOD_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  DATA_DIR: z.string().min(1).default(`${REPO_ROOT}.data`),
  VAULT_KEY: z
    .string()
    .refine((key) => Buffer.from(key, 'base64').length === 32, 'must be the base64 of 32 bytes')
    .optional(),
  VAULT_KEY_FILE: z.string().min(1).optional(),
  VAULT_RETIRED_KEYS: z.string().optional(),
  SANDBOX_MERCHANT: z.enum(['true', 'false']).default('true'),
  SANDBOX_API_PASSWORD: z.string().min(8).default(DEFAULT_SANDBOX_PASSWORD),
  SANDBOX_SECRET_KEY: z.string().min(8).optional(),
  SANDBOX_ALLOWED_ORIGINS: origins.default(['http://localhost:*']),
  MERCHANTS_FILE: z.string().min(1).optional(),
  BIN_TABLE_FILE: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  STORE: z.enum(['memory', 'embedded', 'postgres']).optional(),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).optional(),
  TRUST_PROXY: trustProxy.default(false),
  RATE_LIMIT_BROWSER_PER_ADDRESS: rateLimit.prefault('60/1m'),
  RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: rateLimit.prefault('20/10m'),
  RATE_LIMIT_DECLINES_PER_CARD: rateLimit.prefault('5/1h'),
  RATE_LIMIT_CARDS_PER_MERCHANT: rateLimit.prefault('300/1m'),
});

const MerchantsFile = z.array(
  z.strictObject({
    id: z.string().regex(MERCHANT_ID_PATTERN),
    name: z.string().min(1).max(100).optional(),
    passwordHash: z.string().refine(isPasswordHash, 'must be a scrypt hash (see `pnpm hash-password`)'),
    allowedOrigins: z.array(z.string().min(1)),
    supportedBrands: z.array(brand).default([...ALL_BRANDS]),
    cscRequired: z.boolean().default(true),
    // Held in clear: it also signs the callbacks of 3-D Secure sessions (HMAC), which needs the key itself.
    secretKey: z.string().min(8).optional(),
  }),
);

export { ConfigError };

/** Reads the environment; anything wrong stops the start with a message naming the variable. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<GatewayConfig> {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new ConfigError(describe('environment', parsed.error));
  const vars = parsed.data;

  const merchants = vars.MERCHANTS_FILE ? await readMerchants(vars.MERCHANTS_FILE) : [];
  const sandboxMerchant =
    vars.SANDBOX_MERCHANT === 'true' && !merchants.some((m) => m.id === SANDBOX_MERCHANT_ID);
  const publishedPassword = vars.SANDBOX_API_PASSWORD === DEFAULT_SANDBOX_PASSWORD;
  // The published secret key comes only with the published password: a sandbox merchant given a password of
  // its own has no secret key unless it is given one too, so changing the password closes every published door.
  const secretKey = vars.SANDBOX_SECRET_KEY ?? (publishedPassword ? DEFAULT_SANDBOX_SECRET_KEY : undefined);
  const sandbox = sandboxMerchant && (publishedPassword || secretKey === DEFAULT_SANDBOX_SECRET_KEY);
  if (sandbox && !isLoopback(vars.HOST)) {
    throw new ConfigError(
      `HOST ${vars.HOST} is beyond loopback, and the sandbox merchant ${SANDBOX_MERCHANT_ID} takes a published ` +
        'password or secret key: set SANDBOX_API_PASSWORD (and SANDBOX_SECRET_KEY, if it takes POST /sessions), ' +
        'or SANDBOX_MERCHANT=false, or listen on 127.0.0.1.',
    );
  }
  if (sandboxMerchant) {
    merchants.push({
      id: SANDBOX_MERCHANT_ID,
      passwordHash: await hashPassword(vars.SANDBOX_API_PASSWORD),
      allowedOrigins: vars.SANDBOX_ALLOWED_ORIGINS,
      supportedBrands: ALL_BRANDS,
      cscRequired: true,
      ...(secretKey === undefined ? {} : { secretKey }),
      sandbox: true,
    });
  }
  if (merchants.length === 0)
    throw new ConfigError('No merchant configured: set MERCHANTS_FILE or SANDBOX_MERCHANT=true.');

  const keys = await loadVaultKeys({
    key: vars.VAULT_KEY,
    keyFile: vars.VAULT_KEY_FILE,
    retiredKeys: vars.VAULT_RETIRED_KEYS,
    dataDir: vars.DATA_DIR,
    sandbox,
  });
  return {
    host: vars.HOST,
    port: vars.PORT,
    logLevel: vars.LOG_LEVEL,
    sessionTtlSeconds: vars.SESSION_TTL_SECONDS,
    threeDSMethodTimeoutMs: vars.THREEDS_METHOD_TIMEOUT_MS,
    vaultKey: keys.active,
    retiredVaultKeys: keys.retired,
    vaultKeySource: keys.source,
    merchants,
    storage: storageOf(vars),
    ...(vars.BIN_TABLE_FILE ? { binRanges: await readBinRanges(vars.BIN_TABLE_FILE) } : {}),
    rateLimits: {
      browserPerAddress: vars.RATE_LIMIT_BROWSER_PER_ADDRESS,
      authFailuresPerAddress: vars.RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS,
      declinesPerCard: vars.RATE_LIMIT_DECLINES_PER_CARD,
      cardsPerMerchant: vars.RATE_LIMIT_CARDS_PER_MERCHANT,
    },
    trustProxy: vars.TRUST_PROXY,
    ...(sandbox
      ? {
          sandbox: {
            merchantId: SANDBOX_MERCHANT_ID,
            publishedPassword,
            publishedSecretKey: secretKey === DEFAULT_SANDBOX_SECRET_KEY,
          },
        }
      : {}),
  };
}

/** `localhost`, 127.0.0.0/8 or ::1: the addresses no other machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** Only what the storage needs, for commands that touch nothing else (`pnpm migrate`). */
export function loadStorageConfig(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new ConfigError(describe('environment', parsed.error));
  return storageOf(parsed.data);
}

// DATABASE_URL chooses the server unless STORE says otherwise; its value (it may hold a password) is never
// quoted in an error.
function storageOf(vars: z.infer<typeof Env>): StorageConfig {
  const kind = vars.STORE ?? (vars.DATABASE_URL ? 'postgres' : 'embedded');
  if (kind === 'memory') return { kind };
  const pool = vars.DATABASE_POOL_SIZE ? { poolSize: vars.DATABASE_POOL_SIZE } : {};
  if (kind === 'embedded') {
    const port = vars.EMBEDDED_POSTGRES_PORT;
    return { kind, dataDir: join(resolve(vars.DATA_DIR), 'postgres'), ...(port ? { port } : {}), ...pool };
  }
  if (!vars.DATABASE_URL) throw new ConfigError('STORE=postgres needs DATABASE_URL.');
  return { kind, url: vars.DATABASE_URL, ...pool };
}

async function readMerchants(path: string): Promise<Merchant[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`MERCHANTS_FILE ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = MerchantsFile.safeParse(json);
  if (!parsed.success) throw new ConfigError(describe(`MERCHANTS_FILE ${path}`, parsed.error));
  const ids = parsed.data.map((m) => m.id);
  if (new Set(ids).size !== ids.length)
    throw new ConfigError(`MERCHANTS_FILE ${path} lists a merchant twice.`);
  const keys = parsed.data.flatMap((m) => (m.secretKey ? [m.secretKey] : []));
  if (new Set(keys).size !== keys.length)
    throw new ConfigError(`MERCHANTS_FILE ${path} gives two merchants the same secret key.`);
  return parsed.data;
}

async function readBinRanges(path: string): Promise<BinRange[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`BIN_TABLE_FILE ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = BinRangesFile.safeParse(json);
  if (!parsed.success) throw new ConfigError(describe(`BIN_TABLE_FILE ${path}`, parsed.error));
  try {
    new BinTable(parsed.data);
  } catch (error) {
    throw new ConfigError(`BIN_TABLE_FILE ${path}: ${(error as Error).message}`);
  }
  return parsed.data;
}

// Variable names and zod messages only: a secret given in a bad format is never quoted back.
function describe(source: string, error: z.ZodError): string {
  const lines = error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return `Invalid ${source}:\n${lines.join('\n')}`;
}
