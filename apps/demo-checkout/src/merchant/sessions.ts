/** A gateway session lasts about 15 minutes; the ledger forgets sessions a little after that. */
const LIFETIME_MS = 20 * 60_000;

/**
 * The sessions this server handed to its pages. A page may pay only with a session the server issued,
 * and only once: a second attempt (a double click, a replayed request, "try again" after a decline) is
 * refused, and the payer starts over with a fresh session.
 */
export class SessionLedger {
  #open = new Map<string, number>();
  #used = new Map<string, number>();

  issue(id: string, now = Date.now()): void {
    this.#prune(now);
    this.#open.set(id, now);
  }

  /** Marks the session used; false when it was never issued here, has expired, or was already used. */
  claim(id: string, now = Date.now()): 'ok' | 'unknown' | 'used' {
    this.#prune(now);
    if (this.#used.has(id)) return 'used';
    if (!this.#open.delete(id)) return 'unknown';
    this.#used.set(id, now);
    return 'ok';
  }

  #prune(now: number): void {
    for (const entries of [this.#open, this.#used]) {
      for (const [id, at] of entries) {
        // Maps keep insertion order, so the first young entry ends the sweep.
        if (now - at < LIFETIME_MS) break;
        entries.delete(id);
      }
    }
  }
}

export interface PendingPayment {
  sessionId: string;
  sessionVersion?: string;
}

/** A card the payer saved for later, as the gateway shows it: the number masked. */
export interface SavedCard {
  secureTokenId: string;
  brand: string;
  number: string;
  expiry: string;
}

/**
 * The demo shop has no accounts, so it keeps one customer's saved card, in memory: a real shop keeps the
 * secureTokenId with the customer's account. Only the gateway's token is kept, never card data.
 */
export class SavedCardWallet {
  #card: SavedCard | undefined;

  get(): SavedCard | undefined {
    return this.#card;
  }

  save(card: SavedCard): void {
    this.#card = card;
  }
}
