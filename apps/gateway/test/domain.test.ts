import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CreateSessionRequest, UpdateSessionRequest } from '@hosted-session/rest';
import { FieldError, InvalidRequestError } from '../src/domain/errors.ts';
import { newAes256Key, newSessionId, newSessionVersion } from '../src/domain/ids.ts';
import { MerchantRegistry, isAllowedOrigin } from '../src/domain/merchants.ts';
import { hashPassword, isPasswordHash, verifyPassword } from '../src/domain/password.ts';
import { mergeFields } from '../src/domain/json-fields.ts';
import { parseRequest } from '../src/domain/validation.ts';
import { CardVault } from '../src/domain/vault.ts';
import { testMerchants } from './helpers.ts';

const LOW_COST = { N: 1024, r: 8, p: 1 };

describe('passwords', () => {
  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('correct horse battery', LOW_COST);
    expect(hash).not.toContain('correct horse battery');
    expect(isPasswordHash(hash)).toBe(true);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash and refuses malformed ones', async () => {
    expect(await hashPassword('same-password', LOW_COST)).not.toBe(
      await hashPassword('same-password', LOW_COST),
    );
    expect(await verifyPassword('x', 'plain-text-password')).toBe(false);
    expect(isPasswordHash('scrypt$1000$8$1$AAAA$AAAA')).toBe(false);
  });
});

describe('card vault', () => {
  const vault = new CardVault(randomBytes(32));

  it('round-trips and never holds the clear value', () => {
    const envelope = vault.seal('5123450000000008', 'SESSION-A');
    expect(envelope).not.toContain('5123450000000008');
    expect(Buffer.from(envelope.split('.')[4]!, 'base64url').toString()).not.toContain('5123');
    expect(vault.open(envelope, 'SESSION-A')).toBe('5123450000000008');
  });

  it('uses a fresh IV every time', () => {
    expect(vault.seal('100', 'S')).not.toBe(vault.seal('100', 'S'));
  });

  it('refuses an envelope moved to another session, tampered with, or opened with another key', () => {
    const envelope = vault.seal('100', 'SESSION-A');
    expect(() => vault.open(envelope, 'SESSION-B')).toThrow();
    const parts = envelope.split('.');
    parts[4] = Buffer.from('999').toString('base64url');
    expect(() => vault.open(parts.join('.'), 'SESSION-A')).toThrow();
    expect(() => new CardVault(randomBytes(32)).open(envelope, 'SESSION-A')).toThrow();
  });

  it('needs a 32-byte key', () => {
    expect(() => new CardVault(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('merchants', () => {
  it('matches allowed origins exactly, with * only for the port', () => {
    const merchant = { allowedOrigins: ['http://localhost:*', 'https://shop.example'] };
    expect(isAllowedOrigin(merchant, 'http://localhost:3000')).toBe(true);
    expect(isAllowedOrigin(merchant, 'http://localhost')).toBe(true);
    expect(isAllowedOrigin(merchant, 'https://shop.example')).toBe(true);
    expect(isAllowedOrigin(merchant, 'https://localhost:3000')).toBe(false);
    expect(isAllowedOrigin(merchant, 'http://localhost.evil.test:3000')).toBe(false);
    expect(isAllowedOrigin(merchant, 'https://shop.example.evil.test')).toBe(false);
    expect(isAllowedOrigin(merchant, 'https://shop.example:8443')).toBe(false);
  });

  it('authenticates, and fails the same way for an unknown merchant and a wrong password', async () => {
    const registry = new MerchantRegistry(await testMerchants());
    expect((await registry.authenticate('TESTMERCHANT', 'test-api-password-1234')).id).toBe('TESTMERCHANT');
    const wrong = await registry.authenticate('TESTMERCHANT', 'nope').catch((e: unknown) => e);
    const unknown = await registry.authenticate('NOBODY', 'test-api-password-1234').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(InvalidRequestError);
    expect(unknown).toEqual(wrong);
    expect(registry.allowedOrigins('TESTMERCHANT')).toEqual(['http://localhost:*']);
    expect(registry.allowedOrigins('NOBODY')).toEqual([]);
  });
});

describe('ids', () => {
  it('makes session ids of 31–35 alphanumerics, versions of 10, keys of 44', () => {
    const ids = new Set(Array.from({ length: 200 }, newSessionId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^SESSION[0-9A-Za-z]{24}$/);
    expect(newSessionVersion()).toMatch(/^[0-9a-f]{10}$/);
    expect(newAes256Key()).toHaveLength(44);
  });
});

describe('request parsing', () => {
  const fieldError = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof FieldError ? { field: error.field, type: error.validationType } : error;
    }
    return undefined;
  };

  it('names unknown, missing and invalid fields with their full path', () => {
    expect(
      fieldError(() => parseRequest(CreateSessionRequest, { session: { authenticationLimit: 30 } })),
    ).toEqual({ field: 'session.authenticationLimit', type: 'INVALID' });
    expect(
      fieldError(() => parseRequest(UpdateSessionRequest, { billing: { address: { planet: 'Mars' } } })),
    ).toEqual({ field: 'billing.address.planet', type: 'UNSUPPORTED' });
    expect(
      fieldError(() =>
        parseRequest(UpdateSessionRequest, {
          sourceOfFunds: { provided: { card: { expiry: { year: '39' } } } },
        }),
      ),
    ).toEqual({ field: 'sourceOfFunds.provided.card.expiry.month', type: 'MISSING' });
  });

  it('never quotes the submitted value', () => {
    const error = (() => {
      try {
        parseRequest(UpdateSessionRequest, {
          sourceOfFunds: { provided: { card: { number: '5123450000000008x' } } },
        });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toBe("Value for field 'sourceOfFunds.provided.card.number' is invalid.");
  });
});

describe('session content merge', () => {
  it('overwrites and adds, never removes', () => {
    const merged = mergeFields(
      { order: { amount: '1.00', currency: 'USD' }, customer: { email: 'a@b.c' } },
      { order: { amount: '2.00' }, billing: { address: { city: 'Cork' } } },
    );
    expect(merged).toEqual({
      order: { amount: '2.00', currency: 'USD' },
      customer: { email: 'a@b.c' },
      billing: { address: { city: 'Cork' } },
    });
  });
});

describe('merchant password cache', () => {
  it('remembers a verified password for five minutes, never a wrong one', async () => {
    let now = 0;
    const merchant = { ...(await testMerchants())[0]! };
    const registry = new MerchantRegistry([merchant], () => now);
    await registry.authenticate('TESTMERCHANT', 'test-api-password-1234');
    // With the stored hash gone, only the remembered verification can let the password through.
    merchant.passwordHash = 'scrypt$1024$8$1$AAAA$AAAA';
    await expect(registry.authenticate('TESTMERCHANT', 'test-api-password-1234')).resolves.toBe(merchant);
    await expect(registry.authenticate('TESTMERCHANT', 'test-api-password-12345')).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    now += 5 * 60_000;
    await expect(registry.authenticate('TESTMERCHANT', 'test-api-password-1234')).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
  });

  it('keeps a password remembered while it is used', async () => {
    let now = 0;
    const merchant = { ...(await testMerchants())[0]! };
    const registry = new MerchantRegistry([merchant], () => now);
    await registry.authenticate('TESTMERCHANT', 'test-api-password-1234');
    merchant.passwordHash = 'scrypt$1024$8$1$AAAA$AAAA';
    for (let minute = 0; minute < 12; minute += 4) {
      now += 4 * 60_000;
      await expect(registry.authenticate('TESTMERCHANT', 'test-api-password-1234')).resolves.toBe(merchant);
    }
  });

  it('checks a password once however many requests bring it at the same time', async () => {
    const merchant = (await testMerchants())[0]!;
    let checks = 0;
    const registry = new MerchantRegistry([merchant], Date.now, (password, hash) => {
      checks += 1;
      return verifyPassword(password, hash);
    });
    const results = await Promise.allSettled([
      ...Array.from({ length: 20 }, () => registry.authenticate('TESTMERCHANT', 'test-api-password-1234')),
      ...Array.from({ length: 5 }, () => registry.authenticate('TESTMERCHANT', 'a-wrong-password')),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      ...Array(20).fill('fulfilled'),
      ...Array(5).fill('rejected'),
    ]);
    // One check for the right password and one for the wrong one, not one per request.
    expect(checks).toBe(2);
  });
});
