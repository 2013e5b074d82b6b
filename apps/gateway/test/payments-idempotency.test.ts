import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../src/domain/errors.ts';
import {
  canonicalJson,
  classifyResubmission,
  requestFingerprint,
  transactionIdConflict,
  transactionInProgress,
  type StoredRequest,
} from '../src/domain/orders/index.ts';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const scope = { merchantId: 'TESTMERCHANT', orderId: 'order-1', transactionId: 'txn-1' };
const body = {
  apiOperation: 'PAY',
  order: { amount: '10.00', currency: 'USD' },
  session: { id: 'SESSION0002816562472I0271878F98', version: 'e3f144ce02' },
  sourceOfFunds: { type: 'CARD' },
};

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('is the same for the same data in any key order, and parses back to it', () => {
    const reordered = {
      sourceOfFunds: { type: 'CARD' },
      session: { version: 'e3f144ce02', id: 'SESSION0002816562472I0271878F98' },
      order: { currency: 'USD', amount: '10.00' },
      apiOperation: 'PAY',
    };
    expect(canonicalJson(reordered)).toBe(canonicalJson(body));
    expect(JSON.parse(canonicalJson(body))).toEqual(body);
  });

  it('leaves out undefined properties as JSON does, and escapes strings', () => {
    expect(canonicalJson({ a: undefined, b: 'x"\n' })).toBe('{"b":"x\\"\\n"}');
  });

  it('refuses values without a JSON form rather than guessing one', () => {
    expect(() => canonicalJson({ amount: 1n })).toThrow(TypeError);
    expect(() => canonicalJson({ amount: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([() => 1])).toThrow(TypeError);
  });
});

describe('requestFingerprint', () => {
  const fingerprint = requestFingerprint(KEY, scope, body);

  it('is a 64-character hex HMAC-SHA256', () => {
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for a resubmission with keys in another order', () => {
    const { apiOperation, order, session, sourceOfFunds } = body;
    expect(requestFingerprint(KEY, { ...scope }, { sourceOfFunds, session, order, apiOperation })).toBe(
      fingerprint,
    );
  });

  it('differs when anything in the body differs', () => {
    expect(requestFingerprint(KEY, scope, { ...body, order: { amount: '10.01', currency: 'USD' } })).not.toBe(
      fingerprint,
    );
    expect(requestFingerprint(KEY, scope, { ...body, apiOperation: 'AUTHORIZE' })).not.toBe(fingerprint);
    expect(requestFingerprint(KEY, scope, { ...body, extra: null })).not.toBe(fingerprint);
  });

  it('differs for other ids, so a fingerprint only matches its own transaction', () => {
    expect(requestFingerprint(KEY, { ...scope, transactionId: 'txn-2' }, body)).not.toBe(fingerprint);
    expect(requestFingerprint(KEY, { ...scope, orderId: 'order-2' }, body)).not.toBe(fingerprint);
    expect(requestFingerprint(KEY, { ...scope, merchantId: 'OTHER' }, body)).not.toBe(fingerprint);
  });

  it('is keyed: another key gives another fingerprint, so it cannot be checked against guessed card numbers', () => {
    expect(requestFingerprint(OTHER_KEY, scope, body)).not.toBe(fingerprint);
  });

  it('holds no card data in clear', () => {
    const withCard = {
      ...body,
      sourceOfFunds: { provided: { card: { number: '5123450000000008', securityCode: '100' } } },
    };
    const result = requestFingerprint(KEY, scope, withCard);
    expect(result).not.toContain('5123450000000008');
    expect(result).not.toContain('512345');
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => requestFingerprint(Buffer.alloc(16), scope, body)).toThrow(RangeError);
  });

  it('ignores key order for any JSON body (property)', () => {
    const shuffle = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(shuffle);
      if (value && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, shuffle(v)]),
        );
      }
      return value;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(requestFingerprint(KEY, scope, shuffle(value))).toBe(requestFingerprint(KEY, scope, value));
      }),
    );
  });
});

describe('classifyResubmission', () => {
  const fingerprint = requestFingerprint(KEY, scope, body);
  const response = { result: 'SUCCESS', transaction: { id: 'txn-1' } };

  it('is new when nothing is stored for the ids', () => {
    expect(classifyResubmission(undefined, fingerprint)).toEqual({ kind: 'new' });
  });

  it('replays the first response for the same request', () => {
    const stored: StoredRequest<typeof response> = { fingerprint, response };
    const decision = classifyResubmission(
      stored,
      requestFingerprint(KEY, { ...scope }, structuredClone(body)),
    );
    expect(decision).toEqual({ kind: 'replay', response });
    expect(decision.kind === 'replay' && decision.response).toBe(response);
  });

  it('replays a declined first response too: a resubmission must not get a second try at the card', () => {
    const declined = { result: 'FAILURE' };
    expect(classifyResubmission({ fingerprint, response: declined }, fingerprint)).toEqual({
      kind: 'replay',
      response: declined,
    });
  });

  it('is a conflict when the same ids come with another body', () => {
    const other = requestFingerprint(KEY, scope, { ...body, order: { amount: '99.00', currency: 'USD' } });
    expect(classifyResubmission({ fingerprint, response }, other)).toEqual({ kind: 'conflict' });
    expect(classifyResubmission({ fingerprint }, other)).toEqual({ kind: 'conflict' });
  });

  it('is in progress while the first request has no response yet', () => {
    expect(classifyResubmission({ fingerprint }, fingerprint)).toEqual({ kind: 'in-progress' });
  });

  it('treats a malformed stored fingerprint as a conflict, not a match', () => {
    expect(classifyResubmission({ fingerprint: fingerprint.slice(1), response }, fingerprint)).toEqual({
      kind: 'conflict',
    });
  });
});

describe('refusals for resubmissions', () => {
  it('a conflict is INVALID_REQUEST and a request still in progress is SERVER_BUSY (retryable), neither names a field', () => {
    const conflict = transactionIdConflict();
    const busy = transactionInProgress();
    expect(conflict).toBeInstanceOf(GatewayError);
    expect(conflict).toMatchObject({ errorCause: 'INVALID_REQUEST' });
    expect(conflict).not.toHaveProperty('field');
    expect(conflict.explanation).toMatch(/different request/);
    expect(busy).toMatchObject({ errorCause: 'SERVER_BUSY' });
    expect(busy).not.toHaveProperty('field');
    expect(busy.explanation).toMatch(/retry/);
  });
});
