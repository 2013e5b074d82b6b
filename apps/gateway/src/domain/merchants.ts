import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isOriginAllowed } from '@hosted-session/protocol';
import type { Brand } from '@hosted-session/card';
import { AuthenticationError } from './errors.ts';
import { DECOY_HASH, verifyPassword } from './password.ts';

export interface Merchant {
  id: string;
  /** What cardholders are shown, e.g. on the issuer's 3-D Secure screen; the id when absent. */
  name?: string;
  /** scrypt hash of the API password (see password.ts); the clear password is never kept. */
  passwordHash: string;
  /** Origins allowed to embed the frames: exact origins or `scheme://host:*` for any port. */
  allowedOrigins: readonly string[];
  supportedBrands: readonly Brand[];
  cscRequired: boolean;
}

/**
 * scrypt makes each check cost tens of milliseconds, on purpose; a server calling for every operation would
 * pay that every time. A password that passed is remembered for a while as an HMAC under a key that lives
 * only in this process, so nothing reusable outlives it.
 */
const VERIFIED_TTL_MS = 5 * 60_000;

export class MerchantRegistry {
  private readonly merchants: ReadonlyMap<string, Merchant>;
  private readonly verified = new Map<string, { mac: Buffer; until: number }>();
  private readonly macKey = randomBytes(32);

  constructor(
    merchants: readonly Merchant[],
    private readonly now: () => number = Date.now,
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
    if (remembered && remembered.until > this.now() && timingSafeEqual(remembered.mac, mac)) return merchant;
    if (!(await verifyPassword(password, merchant.passwordHash))) throw new AuthenticationError();
    this.verified.set(merchantId, { mac, until: this.now() + VERIFIED_TTL_MS });
    return merchant;
  }
}

export function isAllowedOrigin(merchant: Pick<Merchant, 'allowedOrigins'>, origin: string): boolean {
  return isOriginAllowed(merchant.allowedOrigins, origin);
}
