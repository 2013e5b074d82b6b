import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * API passwords are kept only as scrypt hashes: `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>`. The cost is part
 * of the hash so it can be raised later without invalidating stored hashes.
 */
const KEY_LENGTH = 32;
const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 };

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  return formatHash(cost, salt, await derive(password, salt, cost));
}

/** A well-formed hash of nothing anyone knows: checked against for unknown merchants so timing is the same. */
export const DECOY_HASH = formatHash(DEFAULT_COST, randomBytes(16), randomBytes(KEY_LENGTH));

function formatHash(cost: ScryptCost, salt: Buffer, hash: Buffer): string {
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.cost);
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

export function isPasswordHash(value: string): boolean {
  return parseHash(value) !== undefined;
}

function parseHash(stored: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } | undefined {
  const match = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (!match) return undefined;
  const [, N, r, p, salt, hash] = match;
  const cost = { N: Number(N), r: Number(r), p: Number(p) };
  if (!Number.isSafeInteger(cost.N) || cost.N < 2 || (cost.N & (cost.N - 1)) !== 0) return undefined;
  return { cost, salt: Buffer.from(salt!, 'base64'), hash: Buffer.from(hash!, 'base64') };
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // maxmem must cover 128 * N * r bytes, which Node's 32 MiB default does not for N = 2^15.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
