import type { UpdateStatus } from '@hosted-session/protocol/rest';

/**
 * A session as stored. `content` is the session's request fields as Retrieve Session shows them (card number
 * masked, CSC as "xxx"); the clear PAN and CSC live only in the encrypted envelopes. Plain JSON-compatible
 * values throughout, so a SQL backend can keep `content` in a JSON column and the rest in plain columns.
 */
export interface SessionRecord {
  id: string;
  merchantId: string;
  apiVersion: string;
  version: string;
  aes256Key: string;
  authenticationLimit: number;
  /** Browser operations already made with this session id as the password. */
  authenticationCount: number;
  updateStatus: UpdateStatus;
  content: SessionContent;
  panEnvelope?: string;
  cscEnvelope?: string;
  /** Epoch milliseconds. */
  createdAt: number;
  expiresAt: number;
}

export type SessionContent = { [field: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | { [field: string]: JsonValue };

export type AuthenticationOutcome = 'ok' | 'limit-exceeded' | 'not-found' | 'expired';

export interface Store {
  /** Inserts a new session; rejects if the id exists. */
  createSession(record: SessionRecord): Promise<void>;

  getSession(id: string): Promise<SessionRecord | undefined>;

  /**
   * Replaces the session only if its stored version is still `expectedVersion` (one atomic compare-and-set,
   * e.g. `UPDATE … WHERE id = $1 AND version = $2`). Returns false when another writer got there first.
   * `authenticationCount` is never written here (only `consumeAuthentication` moves it), so a concurrent
   * browser call is never un-counted by an update that read the session before it.
   */
  replaceSession(next: SessionRecord, expectedVersion: string): Promise<boolean>;

  /**
   * Atomically counts one browser operation against the session's authentication limit, unless the limit is
   * already reached or the session is unknown or expired at `now` (then nothing changes).
   */
  consumeAuthentication(id: string, now: number): Promise<AuthenticationOutcome>;

  /** Removes sessions whose `expiresAt` is before `before`; returns how many. */
  deleteExpired(before: number): Promise<number>;

  close(): Promise<void>;
}
