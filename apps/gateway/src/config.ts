import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BRAND_RULES, type Brand } from '@hosted-session/card';
import { MERCHANT_ID_PATTERN } from '@hosted-session/rest';
import * as z from 'zod';
import type { Merchant } from './domain/merchants.ts';
import { hashPassword, isPasswordHash } from './domain/password.ts';
import type { StorageConfig } from './store/open-store.ts';
import { loadOrCreateVaultKey } from './vault-key.ts';

export interface GatewayConfig {
  host: string;
  port: number;
  logLevel: string;
  sessionTtlSeconds: number;
  /** AES-256-GCM key for PAN and CSC at rest. */
  vaultKey: Buffer;
  merchants: Merchant[];
  storage: StorageConfig;
}

/** The embedded default's sandbox merchant. Local use only: its password is published in the README. */
export const SANDBOX_MERCHANT_ID = 'TESTMERCHANT';
export const DEFAULT_SANDBOX_PASSWORD = 'sandbox-password-not-for-production';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ALL_BRANDS: readonly Brand[] = BRAND_RULES.map((rule) => rule.info.brand);

const brand = z.custom<Brand>((value) => ALL_BRANDS.includes(value as Brand), 'unknown card brand');
const origins = z.string().transform((list) =>
  list
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
);

const Env = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  DATA_DIR: z.string().min(1).default(`${REPO_ROOT}.data`),
  VAULT_KEY: z
    .string()
    .refine((key) => Buffer.from(key, 'base64').length === 32, 'must be the base64 of 32 bytes')
    .optional(),
  SANDBOX_MERCHANT: z.enum(['true', 'false']).default('true'),
  SANDBOX_API_PASSWORD: z.string().min(8).default(DEFAULT_SANDBOX_PASSWORD),
  SANDBOX_ALLOWED_ORIGINS: origins.default(['http://localhost:*']),
  MERCHANTS_FILE: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  STORE: z.enum(['memory', 'pglite', 'postgres']).optional(),
});

const MerchantsFile = z.array(
  z.strictObject({
    id: z.string().regex(MERCHANT_ID_PATTERN),
    passwordHash: z.string().refine(isPasswordHash, 'must be a scrypt hash (see `pnpm hash-password`)'),
    allowedOrigins: z.array(z.string().min(1)),
    supportedBrands: z.array(brand).default([...ALL_BRANDS]),
    cscRequired: z.boolean().default(true),
  }),
);

export class ConfigError extends Error {}

/** Reads the environment; anything wrong stops the start with a message naming the variable. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<GatewayConfig> {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new ConfigError(describe('environment', parsed.error));
  const vars = parsed.data;

  const merchants = vars.MERCHANTS_FILE ? await readMerchants(vars.MERCHANTS_FILE) : [];
  if (vars.SANDBOX_MERCHANT === 'true' && !merchants.some((m) => m.id === SANDBOX_MERCHANT_ID)) {
    merchants.push({
      id: SANDBOX_MERCHANT_ID,
      passwordHash: await hashPassword(vars.SANDBOX_API_PASSWORD),
      allowedOrigins: vars.SANDBOX_ALLOWED_ORIGINS,
      supportedBrands: ALL_BRANDS,
      cscRequired: true,
    });
  }
  if (merchants.length === 0)
    throw new ConfigError('No merchant configured: set MERCHANTS_FILE or SANDBOX_MERCHANT=true.');

  return {
    host: vars.HOST,
    port: vars.PORT,
    logLevel: vars.LOG_LEVEL,
    sessionTtlSeconds: vars.SESSION_TTL_SECONDS,
    vaultKey: vars.VAULT_KEY
      ? Buffer.from(vars.VAULT_KEY, 'base64')
      : await loadOrCreateVaultKey(vars.DATA_DIR),
    merchants,
    storage: storageOf(vars),
  };
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
  const kind = vars.STORE ?? (vars.DATABASE_URL ? 'postgres' : 'pglite');
  if (kind === 'memory') return { kind };
  if (kind === 'pglite') return { kind, dataDir: join(vars.DATA_DIR, 'pglite') };
  if (!vars.DATABASE_URL) throw new ConfigError('STORE=postgres needs DATABASE_URL.');
  return { kind, url: vars.DATABASE_URL };
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
  return parsed.data;
}

// Variable names and zod messages only: a secret given in a bad format is never quoted back.
function describe(source: string, error: z.ZodError): string {
  const lines = error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return `Invalid ${source}:\n${lines.join('\n')}`;
}
