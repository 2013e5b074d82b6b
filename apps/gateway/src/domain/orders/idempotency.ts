import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Mastercard's resubmission rule: the same order id + transaction id with the same body gets the first
 * response again and moves no money twice; the same ids with another body is refused. Requests are compared
 * by a keyed fingerprint, so what is kept to compare against reveals nothing of the body (which may hold a
 * card number), and without the key it cannot be tested against guesses.
 */

/** Keys shorter than the HMAC-SHA256 output add no strength and suggest a configuration mistake. */
export const MIN_FINGERPRINT_KEY_BYTES = 32;

/** JSON with object keys sorted at every level, so key order and whitespace do not change the fingerprint. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('Only finite numbers have a JSON form.');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${entries.join(',')}}`;
  }
  throw new TypeError(`A ${typeof value} has no JSON form.`);
}

export interface RequestScope {
  merchantId: string;
  orderId: string;
  transactionId: string;
}

/** HMAC-SHA256 (hex) of the request's ids and body. The ids are in it so a fingerprint only ever matches its own slot. */
export function requestFingerprint(key: Uint8Array, scope: RequestScope, body: unknown): string {
  if (key.length < MIN_FINGERPRINT_KEY_BYTES) {
    throw new RangeError(`The fingerprint key must be at least ${MIN_FINGERPRINT_KEY_BYTES} bytes.`);
  }
  const { merchantId, orderId, transactionId } = scope;
  return createHmac('sha256', key)
    .update(canonicalJson({ body, merchantId, orderId, transactionId }))
    .digest('hex');
}

/** What is kept per transaction id: the fingerprint from the start, the response once there is one. */
export interface StoredRequest<R> {
  fingerprint: string;
  response?: R;
}

export type Resubmission<R> =
  { kind: 'new' } | { kind: 'replay'; response: R } | { kind: 'conflict' } | { kind: 'in-progress' };

/**
 * How to answer a request given what was stored under its ids. `in-progress`: the first request has not
 * finished, so the caller must neither run it again (money would move twice) nor invent an answer.
 */
export function classifyResubmission<R>(
  stored: StoredRequest<R> | undefined,
  fingerprint: string,
): Resubmission<R> {
  if (!stored) return { kind: 'new' };
  if (!sameFingerprint(stored.fingerprint, fingerprint)) return { kind: 'conflict' };
  return stored.response === undefined
    ? { kind: 'in-progress' }
    : { kind: 'replay', response: stored.response };
}

function sameFingerprint(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
