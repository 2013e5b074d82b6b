import type { AuthenticationOutcome, SessionRecord, Store } from './store.ts';

/**
 * The embedded store. Every method does its whole read-check-write without awaiting, so each is atomic under
 * Node's single thread, which is what the Store contract asks of a real database.
 */
export class MemoryStore implements Store {
  private readonly sessions = new Map<string, SessionRecord>();

  async createSession(record: SessionRecord): Promise<void> {
    if (this.sessions.has(record.id)) throw new Error('Session id already exists.');
    this.sessions.set(record.id, structuredClone(record));
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const record = this.sessions.get(id);
    return record && structuredClone(record);
  }

  async replaceSession(next: SessionRecord, expectedVersion: string): Promise<boolean> {
    const current = this.sessions.get(next.id);
    if (!current || current.version !== expectedVersion) return false;
    this.sessions.set(next.id, {
      ...structuredClone(next),
      authenticationCount: current.authenticationCount,
    });
    return true;
  }

  async consumeAuthentication(id: string, now: number): Promise<AuthenticationOutcome> {
    const record = this.sessions.get(id);
    if (!record) return 'not-found';
    if (record.expiresAt <= now) return 'expired';
    if (record.authenticationCount >= record.authenticationLimit) return 'limit-exceeded';
    record.authenticationCount += 1;
    return 'ok';
  }

  async deleteExpired(before: number): Promise<number> {
    let removed = 0;
    for (const [id, record] of this.sessions) {
      if (record.expiresAt < before) {
        this.sessions.delete(id);
        removed++;
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    this.sessions.clear();
  }
}
