import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isOriginAllowed } from '@hosted-session/protocol';
import type { Brand } from '@hosted-session/card';
import { AuthenticationError } from './errors.ts';
import { DECOY_HASH, verifyPassword } from './password.ts';

export interface Merchant {
  id: string;
  /** scrypt hash of the API password (see password.ts); the clear password is never kept. */
  passwordHash: string;
  /** Origins allowed to embed the frames: exact origins or `scheme://host:*` for any port. */
  allowedOrigins: readonly string[];
  supportedBrands: readonly Brand[];
  cscRequired: boolean;
}

/**
 * scrypt makes each check cost tens of milliseconds, on purpose; a server calling for every operation would
 * pay that every time. A password that passed is remembered as an HMAC under a key that lives only in this
 * process, so nothing reusable outlives it, until it goes unused this long (each use keeps it).
 */
const VERIFIED_TTL_MS = 5 * 60_000;

export type PasswordCheck = (password: string, hash: string) => Promise<boolean>;

export class MerchantRegistry {
  private readonly merchants: ReadonlyMap<string, Merchant>;
  private readonly verified = new Map<string, { mac: Buffer; until: number }>();
  /** Checks under way, by merchant and password HMAC: requests that arrive together share one scrypt. */
  private readonly checking = new Map<string, Promise<boolean>>();
  private readonly macKey = randomBytes(32);

  constructor(
    merchants: readonly Merchant[],
    private readonly now: () => number = Date.now,
    private readonly checkPassword: PasswordCheck = verifyPassword,
  ) {
    this.merchants = new Map(merchants.map((merchant) => [merchant.id, merchant]));
  }

  get(merchantId: string): Merchant | undefined {
    return this.merchants.get(merchantId);
  }

  /** What the frame pages put in `frame-ancestors`; empty for an unknown merchant. */
  allowedOrigins(merchantId: string): readonly string[] {
    return this.merchants.get(merchantId)?.allowedOrigins ?? [];
  }

  /**
   * Checks the merchant's API password. An unknown merchant and a wrong password fail the same way so the
   * answer does not reveal which merchant ids exist.
   */
  async authenticate(merchantId: string, password: string): Promise<Merchant> {
    const merchant = this.merchants.get(merchantId);
    if (!merchant) {
      await verifyPassword(password, DECOY_HASH);
      throw new AuthenticationError();
    }
    const mac = createHmac('sha256', this.macKey).update(password).digest();
    const remembered = this.verified.get(merchantId);
    if (remembered && remembered.until > this.now() && timingSafeEqual(remembered.mac, mac)) {
      remembered.until = this.now() + VERIFIED_TTL_MS;
      return merchant;
    }
    if (!(await this.checkOnce(merchant, password, mac))) throw new AuthenticationError();
    this.verified.set(merchantId, { mac, until: this.now() + VERIFIED_TTL_MS });
    return merchant;
  }

  /**
   * One scrypt per merchant and password at a time: on a cold cache (start-up, or a password unused for a
   * while) the requests in flight wait for the first one's check instead of each running their own.
   */
  private checkOnce(merchant: Merchant, password: string, mac: Buffer): Promise<boolean> {
    const key = `${merchant.id}:${mac.toString('hex')}`;
    let check = this.checking.get(key);
    if (!check) {
      check = this.checkPassword(password, merchant.passwordHash).finally(() => this.checking.delete(key));
      this.checking.set(key, check);
    }
    return check;
  }
}

export function isAllowedOrigin(merchant: Pick<Merchant, 'allowedOrigins'>, origin: string): boolean {
  return isOriginAllowed(merchant.allowedOrigins, origin);
}
