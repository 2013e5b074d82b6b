import { createHmac } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { RateCounterState, RateCounterUpdate, RateScope, Store } from '../store/store.ts';
import { RateLimitedError } from './errors.ts';

/** At most `limit` events in any window of `windowMs` (a sliding window, see below). */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The card-testing and abuse limits; an absent one is off. */
export interface RateLimits {
  /** Calls to the browser endpoint per client address. */
  browserPerAddress?: RateLimit;
  /** Failed authentications (wrong credentials, unknown session ids) per client address. */
  authFailuresPerAddress?: RateLimit;
  /** Issuer declines per card (keyed fingerprint of the PAN); past it the card is refused before the processor. */
  declinesPerCard?: RateLimit;
  /** Cards per merchant: cards put into sessions from the browser plus card operations (PAY, AUTHORIZE, VERIFY). */
  cardsPerMerchant?: RateLimit;
}

/** A limit that has just started refusing; logged once, with nothing that identifies a card. */
export interface RateBlock {
  limit: RateScope;
  /** The client address, the merchant id, or the first 8 hex digits of a card fingerprint. */
  subject: string;
  count: number;
  retryAfterSeconds: number;
}

export interface RateLimiterOptions {
  store: Store;
  limits: RateLimits;
  /** HMAC key of card fingerprints: a card is counted without the PAN ever being kept. */
  cardFingerprintKey: Buffer;
  onBlock?: (block: RateBlock) => void;
  /**
   * A failure or decline that could not be counted (the store is down). Counting it is best effort: the
   * answer it follows has already been decided and must still go out.
   */
  onCountFailed?: (error: unknown) => void;
  now?: () => number;
}

const EXPLANATIONS: Record<RateScope, string> = {
  'browser-address': 'Too many requests from this address; retry later.',
  'auth-failures-address': 'Too many failed authentications from this address; retry later.',
  'declines-card': 'Too many declined attempts with this card; retry later.',
  'cards-merchant': 'Too many card payments for this merchant right now; retry later.',
};

const FINGERPRINT_PREFIX = 8;

/**
 * Velocity limits counted in the store, so they hold across every gateway instance sharing it. Each check is
 * one store call (one SQL statement) that counts the request and reads whatever else decides it.
 *
 * Counting is a sliding window approximated from two fixed windows, as large rate limiters do: the count of
 * the current window plus the previous window's count weighted by how much of it still overlaps the last
 * `windowMs`. That avoids a fixed window's double burst at its edge and needs one row per counter. Refused
 * requests count too, so a client that ignores `Retry-After` stays refused.
 */
export class RateLimiter {
  private readonly store: Store;
  private readonly limits: RateLimits;
  private readonly cardFingerprintKey: Buffer;
  private readonly onBlock: (block: RateBlock) => void;
  private readonly onCountFailed: (error: unknown) => void;
  private readonly now: () => number;

  constructor(options: RateLimiterOptions) {
    this.store = options.store;
    this.limits = options.limits;
    this.cardFingerprintKey = options.cardFingerprintKey;
    this.onBlock = options.onBlock ?? (() => {});
    this.onCountFailed = options.onCountFailed ?? (() => {});
    this.now = options.now ?? Date.now;
  }

  /** Before authenticating an API request: refused while the address is over its failure limit. */
  admitAddress(address: string): Promise<void> {
    return this.check([this.peek('auth-failures-address', clientSubject(address))]);
  }

  /** A browser-endpoint request: counted for its address, and refused like any API request. */
  admitBrowser(address: string): Promise<void> {
    const subject = clientSubject(address);
    return this.check([this.hit('browser-address', subject), this.peek('auth-failures-address', subject)]);
  }

  /** Wrong credentials or an unknown session id from this address. */
  authenticationFailed(address: string): Promise<void> {
    return this.countAfterTheFact(this.hit('auth-failures-address', clientSubject(address)));
  }

  /*
   * The counts below ride on a store call the request makes anyway (one round trip): the caller hands their
   * updates to the store and the counters it answers back to `enforce` or `observe`.
   */

  /** A card put into a session from the browser: counted for the merchant. */
  merchantCard(merchantId: string): RateCount[] {
    return present([this.hit('cards-merchant', merchantId)]);
  }

  /** Before a card operation reaches the processor: counted for the merchant, refused for a card that declines too often. */
  cardOperation(merchantId: string, cardNumber: string): RateCount[] {
    return present([
      this.hit('cards-merchant', merchantId),
      this.peek('declines-card', this.cardFingerprint(cardNumber)),
    ]);
  }

  /** The issuer declined the card (or its CSC): one more toward its limit. */
  decline(cardNumber: string): RateCount[] {
    return present([this.hit('declines-card', this.cardFingerprint(cardNumber))]);
  }

  /** Refuses, with the longest wait among them, when counts the store made went past their limits. */
  enforce(counts: readonly RateCount[], states: readonly RateCounterState[]): void {
    const refusals = this.judgeAll(counts, states).filter((outcome) => !outcome.allowed);
    if (refusals.length === 0) return;
    const worst = refusals.reduce((a, b) => (b.retryAfterSeconds > a.retryAfterSeconds ? b : a));
    throw new RateLimitedError(
      EXPLANATIONS[worst.scope],
      worst.retryAfterSeconds,
      `rate limit ${worst.scope} exceeded`,
    );
  }

  /** Counts made after the fact (a decline): nothing to refuse, only a block that starts to report. */
  observe(counts: readonly RateCount[], states: readonly RateCounterState[]): void {
    this.judgeAll(counts, states);
  }

  /** Removes counters whose windows are over; returns how many. */
  sweep(): Promise<number> {
    return this.store.deleteStaleRateCounters(this.now());
  }

  private cardFingerprint(cardNumber: string): string {
    return createHmac('sha256', this.cardFingerprintKey).update(cardNumber.replace(/\D/g, '')).digest('hex');
  }

  private hit(scope: RateScope, subject: string): RateCount | undefined {
    return this.pending(scope, subject, 1);
  }

  private peek(scope: RateScope, subject: string): RateCount | undefined {
    return this.pending(scope, subject, 0);
  }

  private pending(scope: RateScope, subject: string, add: number): RateCount | undefined {
    const limit = this.limits[LIMIT_OF_SCOPE[scope]];
    if (!limit) return undefined;
    const windowStart = Math.floor(this.now() / limit.windowMs) * limit.windowMs;
    return { update: { scope, subject, windowStart, windowMs: limit.windowMs, add }, limit };
  }

  /** Counts, then refuses with the longest wait among the limits that are exceeded. */
  private async check(entries: Array<RateCount | undefined>): Promise<void> {
    const counts = present(entries);
    if (counts.length === 0) return;
    this.enforce(counts, await this.store.countRates(counts.map((count) => count.update)));
  }

  private async countAfterTheFact(entry: RateCount | undefined): Promise<void> {
    const counts = present([entry]);
    if (counts.length === 0) return;
    try {
      this.observe(counts, await this.store.countRates(counts.map((count) => count.update)));
    } catch (error) {
      this.onCountFailed(error);
    }
  }

  private judgeAll(counts: readonly RateCount[], states: readonly RateCounterState[]): Outcome[] {
    const now = this.now();
    return counts.map(({ update, limit }, index) => {
      const outcome = judge(update, states[index]!, limit, now);
      if (outcome.blockStarts) {
        this.onBlock({
          limit: update.scope,
          subject:
            update.scope === 'declines-card' ? update.subject.slice(0, FINGERPRINT_PREFIX) : update.subject,
          count: Math.ceil(outcome.estimate),
          retryAfterSeconds: outcome.retryAfterSeconds,
        });
      }
      return outcome;
    });
  }
}

/** One counter a request moves (or only reads), with the limit that judges it. */
export interface RateCount {
  update: RateCounterUpdate;
  limit: RateLimit;
}

function present(entries: Array<RateCount | undefined>): RateCount[] {
  return entries.filter((entry): entry is RateCount => entry !== undefined);
}

interface Outcome {
  scope: RateScope;
  allowed: boolean;
  /** This very count took the counter past its limit: the block starts now. */
  blockStarts: boolean;
  estimate: number;
  retryAfterSeconds: number;
}

const LIMIT_OF_SCOPE: Record<RateScope, keyof RateLimits> = {
  'browser-address': 'browserPerAddress',
  'auth-failures-address': 'authFailuresPerAddress',
  'declines-card': 'declinesPerCard',
  'cards-merchant': 'cardsPerMerchant',
};

// Failures and declines are counted after the fact and checked before the next attempt: their block starts
// when the count reaches the limit. Requests are counted as they come: their block starts past the limit.
const COUNTED_AFTER: ReadonlySet<RateScope> = new Set(['auth-failures-address', 'declines-card']);

/**
 * Whether the counted event keeps within the limit. A hit (add 1) is allowed while the weighted count,
 * itself included, is at most the limit; a peek (add 0) while one more event would be.
 */
export function judge(
  update: RateCounterUpdate,
  stored: RateCounterState,
  { limit, windowMs }: RateLimit,
  now: number,
): Outcome {
  const { current, previous } = rollTo(stored, update.windowStart, windowMs);
  const elapsed = Math.min(Math.max(now - update.windowStart, 0), windowMs);
  const estimate = slidingEstimate(current, previous, elapsed, windowMs);
  const allowed = (update.add > 0 ? estimate : estimate + 1) <= limit;
  const threshold = COUNTED_AFTER.has(update.scope) ? limit - 1 : limit;
  const blockStarts = update.add > 0 && estimate > threshold && estimate - update.add <= threshold;
  const blocked = !allowed || blockStarts;
  const wait = blocked ? msUntilAllowed(current, previous, elapsed, windowMs, limit) : 0;
  return {
    scope: update.scope,
    allowed,
    blockStarts,
    estimate,
    retryAfterSeconds: blocked ? Math.max(1, Math.ceil(wait / 1000)) : 0,
  };
}

/** The stored counts as seen from `windowStart`: shifted by one window, or zero when older. */
function rollTo(stored: RateCounterState, windowStart: number, windowMs: number): RateCounterState {
  if (stored.windowStart >= windowStart) return stored;
  if (stored.windowStart === windowStart - windowMs)
    return { windowStart, current: 0, previous: stored.current };
  return { windowStart, current: 0, previous: 0 };
}

function slidingEstimate(current: number, previous: number, elapsed: number, windowMs: number): number {
  return current + (previous * (windowMs - elapsed)) / windowMs;
}

/** How long until one more event keeps the weighted count within `limit`, if no event comes meanwhile. */
export function msUntilAllowed(
  current: number,
  previous: number,
  elapsed: number,
  windowMs: number,
  limit: number,
): number {
  const room = limit - 1;
  const left = windowMs - elapsed;
  if (current <= room) {
    if (previous === 0) return 0;
    return Math.max(0, left - ((room - current) * windowMs) / previous);
  }
  // Past the window's end the current count becomes the previous one and fades out over the next window.
  return left + windowMs * (1 - room / current);
}

/**
 * The subject a client address is counted under: an IPv4 address as it is (IPv4-mapped IPv6 included), an
 * IPv6 address by its /64, which one subscriber usually holds whole and could otherwise walk through.
 */
export function clientSubject(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
