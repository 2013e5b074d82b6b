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
  /**
   * The Bearer key of the Checkout.com-shaped APIs; it also signs their callbacks. The Payroc-shaped API takes
   * it as `x-api-key` in exchange for a short-lived Bearer token.
   */
  secretKey?: string;
  /** The merchant's processing terminals (the Payroc-shaped API's `processingTerminalId`): each is one merchant's. */
  processingTerminalIds?: readonly string[];
  /**
   * The published sandbox merchant: its 3-D Secure sessions may send the cardholder back to any http(s)
   * URL, where every other merchant is held to its registered origins.
   */
  sandbox?: boolean;
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
  /** Merchants by the HMAC of their secret key, so a lookup compares no secret itself. */
  private readonly bySecretKey: ReadonlyMap<string, Merchant>;
  private readonly byTerminal: ReadonlyMap<string, Merchant>;

  constructor(
    merchants: readonly Merchant[],
    private readonly now: () => number = Date.now,
    private readonly checkPassword: PasswordCheck = verifyPassword,
  ) {
    this.merchants = new Map(merchants.map((merchant) => [merchant.id, merchant]));
    this.bySecretKey = new Map(
      merchants.flatMap((merchant) =>
        merchant.secretKey ? [[this.mac(merchant.secretKey).toString('hex'), merchant] as const] : [],
      ),
    );
    this.byTerminal = new Map(
      merchants.flatMap((merchant) =>
        (merchant.processingTerminalIds ?? []).map((id) => [id, merchant] as const),
      ),
    );
  }

  /** The merchant a processing terminal belongs to; undefined for a terminal nobody configured. */
  terminalOwner(processingTerminalId: string): Merchant | undefined {
    return this.byTerminal.get(processingTerminalId);
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
    const mac = this.mac(password);
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

  /** The merchant whose secret key this is (a Bearer credential); AuthenticationError for any other string. */
  authenticateSecretKey(key: string): Merchant {
    const merchant = this.bySecretKey.get(this.mac(key).toString('hex'));
    if (!merchant) throw new AuthenticationError();
    return merchant;
  }

  private mac(secret: string): Buffer {
    return createHmac('sha256', this.macKey).update(secret).digest();
  }
}

export function isAllowedOrigin(merchant: Pick<Merchant, 'allowedOrigins'>, origin: string): boolean {
  return isOriginAllowed(merchant.allowedOrigins, origin);
}

/**
 * Where a 3-D Secure authentication may send the payer's browser back to: an http(s) URL without credentials
 * on one of the merchant's registered origins (any, for the sandbox merchant). No open redirect.
 */
export function isReturnUrl(value: string, merchant: Merchant): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  return merchant.sandbox === true || isAllowedOrigin(merchant, url.origin);
}
