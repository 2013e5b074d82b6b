/**
 * A shop's own defence against card testing: a tester needs a fresh payment session for every card, and
 * the shop hands them out. Each address may start so many checkouts and attempt so many payments per window;
 * past that the shop answers 429 with Retry-After. One server process, so memory is enough here (a shop
 * running several would count in its database or cache, as the gateway does).
 */
export interface ShopLimit {
  limit: number;
  windowMs: number;
}

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class AddressLimiter {
  /** Counts of the current fixed window only: a new window starts them all afresh. */
  #counts = new Map<string, number>();
  #windowStart = 0;

  constructor(private readonly rule: ShopLimit) {}

  /** Counts one attempt from `address` (refused ones too, so hammering keeps it refused). */
  take(address: string, now = Date.now()): Admission {
    const windowStart = now - (now % this.rule.windowMs);
    if (windowStart !== this.#windowStart) {
      this.#counts.clear();
      this.#windowStart = windowStart;
    }
    const count = (this.#counts.get(address) ?? 0) + 1;
    this.#counts.set(address, count);
    if (count <= this.rule.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.ceil((windowStart + this.rule.windowMs - now) / 1000) };
  }
}

/** "about 4 minutes", for a payer. */
export function waitText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? 'a minute' : `about ${minutes} minutes`;
}

/** A real shop's numbers: a payer starts a checkout a few times and pays once or twice. */
export const SHOP_LIMITS = {
  checkouts: { limit: 30, windowMs: 10 * 60_000 },
  payments: { limit: 10, windowMs: 10 * 60_000 },
} as const;

export type ShopLimits = { checkouts: ShopLimit; payments: ShopLimit };

/**
 * `SHOP_LIMITS` with the counts `SHOP_CHECKOUTS_PER_ADDRESS` and `SHOP_PAYMENTS_PER_ADDRESS` give (per the same
 * 10 minutes): a browser test run pays many times from one address, which a real shop's numbers would refuse.
 */
export function readShopLimits(env: NodeJS.ProcessEnv = process.env): ShopLimits {
  return {
    checkouts: {
      ...SHOP_LIMITS.checkouts,
      limit: countOf(
        'SHOP_CHECKOUTS_PER_ADDRESS',
        env.SHOP_CHECKOUTS_PER_ADDRESS,
        SHOP_LIMITS.checkouts.limit,
      ),
    },
    payments: {
      ...SHOP_LIMITS.payments,
      limit: countOf('SHOP_PAYMENTS_PER_ADDRESS', env.SHOP_PAYMENTS_PER_ADDRESS, SHOP_LIMITS.payments.limit),
    },
  };
}

function countOf(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1) throw new Error(`${name} must be a whole number from 1: ${value}`);
  return count;
}
