import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from './errors.ts';
import type { Merchant, MerchantRegistry } from './merchants.ts';

/** How long a Bearer token from `POST /identity/authorize` is good for. */
export const ACCESS_TOKEN_TTL_MS = 60 * 60_000;

export interface AccessTokensOptions {
  merchants: MerchantRegistry;
  /** HMAC key of the tokens (derived from the vault key), so every gateway sharing the key accepts them. */
  key: Buffer;
  /** Epoch milliseconds; injectable so expiry can be tested without waiting. */
  now?: () => number;
}

export interface AccessToken {
  token: string;
  expiresInSeconds: number;
}

/**
 * Short-lived Bearer tokens for the Payroc-shaped API, exchanged for the merchant's secret key (the one key the
 * Checkout.com face takes as Bearer, checked by the same `authenticateSecretKey`). A token is the merchant and
 * its expiry under an HMAC: nothing is stored, so every gateway instance sharing the vault key accepts it and a
 * restart does not log merchants out.
 */
export class AccessTokens {
  private readonly merchants: MerchantRegistry;
  private readonly key: Buffer;
  private readonly now: () => number;

  constructor(options: AccessTokensOptions) {
    this.merchants = options.merchants;
    this.key = options.key;
    this.now = options.now ?? Date.now;
  }

  /** A token for the merchant whose secret key this is; AuthenticationError for any other string. */
  issue(apiKey: string): AccessToken {
    const merchant = this.merchants.authenticateSecretKey(apiKey);
    const payload = Buffer.from(JSON.stringify({ m: merchant.id, e: this.now() + ACCESS_TOKEN_TTL_MS }));
    const token = `${payload.toString('base64url')}.${this.mac(payload).toString('base64url')}`;
    return { token, expiresInSeconds: ACCESS_TOKEN_TTL_MS / 1000 };
  }

  /** The merchant of a token this gateway issued and that has not expired; AuthenticationError otherwise. */
  authenticate(token: string): Merchant {
    const [encoded, mac, extra] = token.split('.');
    if (!encoded || !mac || extra !== undefined) throw new AuthenticationError();
    const payload = Buffer.from(encoded, 'base64url');
    const expected = this.mac(payload);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new AuthenticationError();
    const { m, e } = JSON.parse(payload.toString('utf8')) as { m: string; e: number };
    const merchant = this.merchants.get(m);
    // A merchant removed from the configuration since loses its tokens with it.
    if (!merchant || !(e > this.now())) throw new AuthenticationError();
    return merchant;
  }

  private mac(payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }
}
