import type { TransactionResponseBody } from '../../domain/orders/index.ts';
import type { AuthenticationRecord, AuthenticationUse } from '../../domain/threeds/model.ts';
import type {
  AuthenticationAttempt,
  AuthenticationResult,
  AuthenticationUseOutcome,
  EnvelopeQuery,
  HostedFieldsContext,
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyScope,
  IdempotentResponse,
  OperationRecord,
  OrderLease,
  RateCounterState,
  RateCounterUpdate,
  SessionContent,
  SessionRecord,
  Store,
  StoredEnvelope,
  StoredOrder,
  TokenRecord,
  TransactionKey,
  TransactionSlot,
} from '../store.ts';
import {
  fromAuthenticationDocument,
  toAuthenticationDocument,
  type AuthenticationDocument,
} from './authentication-document.ts';
import { fromDocument, toDocument, type OrderDocument } from './order-document.ts';
import type { SqlClient } from './sql-client.ts';

interface SessionRow {
  id: string;
  merchant_id: string;
  api_version: string;
  version: string;
  aes256_key: string;
  authentication_limit: number;
  authentication_count: number;
  update_status: SessionRecord['updateStatus'];
  content: SessionContent;
  pan_envelope: string | null;
  csc_envelope: string | null;
  gift_card_number_envelope: string | null;
  gift_card_pin_envelope: string | null;
  bank_account_envelope: string | null;
  hosted_fields: HostedFieldsContext | null;
  created_at: EpochColumn;
  expires_at: EpochColumn;
}

interface OrderRow {
  merchant_id: string;
  order_id: string;
  revision: number;
  document: OrderDocument | null;
  lease_transaction_id: string | null;
  lease_expires_at: EpochColumn | null;
}

interface TokenRow {
  token: string;
  merchant_id: string;
  pan_envelope: string;
  card: TokenRecord['card'];
  created_at: EpochColumn;
  updated_at: EpochColumn;
}

interface AuthenticationRow {
  id: string;
  transaction_id: string;
  merchant_id: string;
  revision: number;
  status: AuthenticationRecord['status'];
  pan_envelope: string;
  document: AuthenticationDocument;
  used_order_id: string | null;
  used_transaction_id: string | null;
  created_at: EpochColumn;
  expires_at: EpochColumn;
}

// BIGINT arrives as a string from node-postgres; epoch milliseconds stay far below 2^53.
type EpochColumn = string;

/**
 * Every column that holds a card envelope, with the key of its row (which the envelope is bound to). Key
 * rotation re-seals exactly these: a table that keeps envelopes adds its line here.
 */
const ENVELOPE_COLUMNS: ReadonlyArray<{ table: string; key: string; column: string }> = [
  { table: 'sessions', key: 'id', column: 'pan_envelope' },
  { table: 'sessions', key: 'id', column: 'csc_envelope' },
  { table: 'sessions', key: 'id', column: 'gift_card_number_envelope' },
  { table: 'sessions', key: 'id', column: 'gift_card_pin_envelope' },
  { table: 'sessions', key: 'id', column: 'bank_account_envelope' },
  { table: 'tokens', key: 'token', column: 'pan_envelope' },
  { table: 'authentications', key: 'id', column: 'pan_envelope' },
];

// Rolls a counter to the incoming window and adds the incoming count, under the row's lock, so concurrent
// instances never lose a count. A row already in a later window (another instance's clock runs ahead) takes
// the count into that window.
const UPSERT_RATE_COUNTERS = `INSERT INTO rate_counters AS c
    (scope, subject, window_start, window_ms, current_count, previous_count, expires_at)
  SELECT * FROM (VALUES %ROWS%) AS v WHERE %WHEN%
  ON CONFLICT (scope, subject) DO UPDATE SET
    current_count = CASE WHEN c.window_start >= EXCLUDED.window_start
      THEN c.current_count + EXCLUDED.current_count ELSE EXCLUDED.current_count END,
    previous_count = CASE WHEN c.window_start >= EXCLUDED.window_start THEN c.previous_count
      WHEN c.window_start = EXCLUDED.window_start - EXCLUDED.window_ms THEN c.current_count ELSE 0 END,
    window_start = GREATEST(c.window_start, EXCLUDED.window_start),
    window_ms = EXCLUDED.window_ms,
    expires_at = GREATEST(c.expires_at, EXCLUDED.expires_at)
  RETURNING true AS counted, c.scope, c.subject, c.window_start, c.current_count, c.previous_count`;

const READ_RATE_COUNTERS = `SELECT false AS counted, scope, subject, window_start, current_count, previous_count
  FROM rate_counters WHERE (scope, subject) IN (%PAIRS%)`;

interface RateCounterRow {
  counted: boolean;
  scope: string;
  subject: string;
  /** A number when the rows come back inside a JSON column of a larger statement. */
  window_start: EpochColumn | number;
  current_count: number;
  previous_count: number;
}

const SESSION_COLUMNS = `id, merchant_id, api_version, version, aes256_key, authentication_limit,
  authentication_count, update_status, content, pan_envelope, csc_envelope, created_at, expires_at,
  gift_card_number_envelope, gift_card_pin_envelope, bank_account_envelope, hosted_fields`;

/**
 * The Store on PostgreSQL (a server, or the embedded one). Every check-and-write is one SQL statement whose
 * WHERE clause is the check, so the database, not this process, decides between concurrent writers, however
 * many gateway instances share it.
 */
export class SqlStore implements Store {
  constructor(private readonly db: SqlClient) {}

  async createSession(record: SessionRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO sessions (${SESSION_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::json, $10, $11, $12, $13, $14, $15, $16, $17::json)`,
      [
        record.id,
        record.merchantId,
        record.apiVersion,
        record.version,
        record.aes256Key,
        record.authenticationLimit,
        record.authenticationCount,
        record.updateStatus,
        JSON.stringify(record.content),
        record.panEnvelope ?? null,
        record.cscEnvelope ?? null,
        record.createdAt,
        record.expiresAt,
        ...otherEnvelopes(record),
        record.hostedFields ? JSON.stringify(record.hostedFields) : null,
      ],
    );
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const [row] = await this.db.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`, [
      id,
    ]);
    return row && sessionFromRow(row);
  }

  async replaceSession(next: SessionRecord, expectedVersion: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE sessions SET merchant_id = $3, api_version = $4, version = $5, aes256_key = $6,
         authentication_limit = $7, update_status = $8, content = $9::json, pan_envelope = $10,
         csc_envelope = $11, created_at = $12, expires_at = $13, gift_card_number_envelope = $14,
         gift_card_pin_envelope = $15, bank_account_envelope = $16, hosted_fields = $17::json
       WHERE id = $1 AND version = $2 RETURNING id`,
      [
        next.id,
        expectedVersion,
        next.merchantId,
        next.apiVersion,
        next.version,
        next.aes256Key,
        next.authenticationLimit,
        next.updateStatus,
        JSON.stringify(next.content),
        next.panEnvelope ?? null,
        next.cscEnvelope ?? null,
        next.createdAt,
        next.expiresAt,
        ...otherEnvelopes(next),
        next.hostedFields ? JSON.stringify(next.hostedFields) : null,
      ],
    );
    return rows.length === 1;
  }

  async consumeAuthentication(attempt: AuthenticationAttempt): Promise<AuthenticationResult> {
    const { sessionId, merchantId, apiVersion, now, count = [] } = attempt;
    const params: unknown[] = [sessionId, merchantId, apiVersion, now];
    const counting = rateCounting(count, params, 'EXISTS (SELECT 1 FROM consumed)');
    const [row] = await this.db.query<SessionRow & CountersColumn>(
      `WITH consumed AS (
         UPDATE sessions SET authentication_count = authentication_count + 1
         WHERE id = $1 AND merchant_id = $2 AND api_version = $3 AND expires_at > $4
           AND authentication_count < authentication_limit
         RETURNING ${SESSION_COLUMNS}
       )${counting.ctes} SELECT consumed.*, ${counting.column} FROM consumed`,
      params,
    );
    if (row) return { outcome: 'ok', session: sessionFromRow(row), counters: countersFrom(row, count) };
    // Not counted: why, for the answer (the rare path pays a second statement).
    const [found] = await this.db.query<Pick<SessionRow, 'merchant_id' | 'api_version' | 'expires_at'>>(
      'SELECT merchant_id, api_version, expires_at FROM sessions WHERE id = $1',
      [sessionId],
    );
    if (!found || found.merchant_id !== merchantId) return { outcome: 'not-found' };
    if (Number(found.expires_at) <= now) return { outcome: 'expired' };
    if (found.api_version !== apiVersion) return { outcome: 'other-version' };
    return { outcome: 'limit-exceeded' };
  }

  async bindSessionToPageLoad(sessionId: string, pageLoad: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE sessions SET page_load = $2 WHERE id = $1 AND (page_load IS NULL OR page_load = $2) RETURNING id`,
      [sessionId, pageLoad],
    );
    return rows.length === 1;
  }

  async deleteExpired(before: number): Promise<number> {
    return (await this.db.query('DELETE FROM sessions WHERE expires_at < $1 RETURNING id', [before])).length;
  }

  async getOrder(merchantId: string, orderId: string): Promise<StoredOrder | undefined> {
    const [row] = await this.db.query<OrderRow>(
      'SELECT * FROM orders WHERE merchant_id = $1 AND order_id = $2',
      [merchantId, orderId],
    );
    return row && orderFromRow(row);
  }

  async saveOrder(next: StoredOrder, expectedRevision: number | undefined): Promise<boolean> {
    const values = [
      next.merchantId,
      next.orderId,
      next.revision,
      next.order ? JSON.stringify(toDocument(next.order)) : null,
      next.lease?.transactionId ?? null,
      next.lease?.expiresAt ?? null,
    ];
    const rows =
      expectedRevision === undefined
        ? await this.db.query(
            `INSERT INTO orders (merchant_id, order_id, revision, document, lease_transaction_id, lease_expires_at)
             VALUES ($1, $2, $3, $4::json, $5, $6) ON CONFLICT DO NOTHING RETURNING order_id`,
            values,
          )
        : await this.db.query(
            `UPDATE orders SET revision = $3, document = $4::json, lease_transaction_id = $5, lease_expires_at = $6
             WHERE merchant_id = $1 AND order_id = $2 AND revision = $7 RETURNING order_id`,
            [...values, expectedRevision],
          );
    return rows.length === 1;
  }

  async leaseOrder(
    lease: OrderLease,
  ): Promise<{ order: StoredOrder; counters: RateCounterState[] } | undefined> {
    const { merchantId, orderId, transactionId, expiresAt, now, count = [] } = lease;
    const params: unknown[] = [merchantId, orderId, transactionId, expiresAt, now];
    const counting = rateCounting(count, params, 'EXISTS (SELECT 1 FROM leased)');
    const [row] = await this.db.query<OrderRow & CountersColumn>(
      `WITH leased AS (
         INSERT INTO orders AS o (merchant_id, order_id, revision, document, lease_transaction_id, lease_expires_at)
         VALUES ($1, $2, 1, NULL, $3, $4)
         ON CONFLICT (merchant_id, order_id) DO UPDATE SET revision = o.revision + 1,
           lease_transaction_id = EXCLUDED.lease_transaction_id, lease_expires_at = EXCLUDED.lease_expires_at
         WHERE o.lease_transaction_id IS NULL OR o.lease_expires_at <= $5
         RETURNING o.*
       )${counting.ctes} SELECT leased.*, ${counting.column} FROM leased`,
      params,
    );
    return row && { order: orderFromRow(row), counters: countersFrom(row, count) };
  }

  async recordOperation(record: OperationRecord): Promise<RateCounterState[] | undefined> {
    const { order, expectedRevision, slot, count = [] } = record;
    const params: unknown[] = [
      order.merchantId,
      order.orderId,
      order.revision,
      order.order ? JSON.stringify(toDocument(order.order)) : null,
      order.lease?.transactionId ?? null,
      order.lease?.expiresAt ?? null,
      expectedRevision,
      slot.key.merchantId,
      slot.key.orderId,
      slot.key.transactionId,
      slot.fingerprint,
      JSON.stringify(slot.response),
    ];
    const counting = rateCounting(count, params, 'EXISTS (SELECT 1 FROM saved)');
    const [row] = await this.db.query<CountersColumn>(
      `WITH saved AS (
         UPDATE orders SET revision = $3, document = $4::json, lease_transaction_id = $5, lease_expires_at = $6
         WHERE merchant_id = $1 AND order_id = $2 AND revision = $7 RETURNING 1
       ), completed AS (
         UPDATE transaction_slots SET response = $12::json
         WHERE merchant_id = $8 AND order_id = $9 AND transaction_id = $10 AND fingerprint = $11
           AND response IS NULL AND EXISTS (SELECT 1 FROM saved)
         RETURNING 1
       )${counting.ctes} SELECT ${counting.column} FROM saved`,
      params,
    );
    return row && countersFrom(row, count);
  }

  async claimTransaction(key: TransactionKey, fingerprint: string): Promise<TransactionSlot | undefined> {
    // A slot released between the refused INSERT and the SELECT is free again: try once more.
    for (;;) {
      const claimed = await this.db.query(
        `INSERT INTO transaction_slots (merchant_id, order_id, transaction_id, fingerprint)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING fingerprint`,
        [key.merchantId, key.orderId, key.transactionId, fingerprint],
      );
      if (claimed.length === 1) return undefined;
      const [slot] = await this.db.query<{ fingerprint: string; response: TransactionResponseBody | null }>(
        `SELECT fingerprint, response FROM transaction_slots
         WHERE merchant_id = $1 AND order_id = $2 AND transaction_id = $3`,
        [key.merchantId, key.orderId, key.transactionId],
      );
      if (slot)
        return slot.response === null
          ? { fingerprint: slot.fingerprint }
          : { ...slot, response: slot.response };
    }
  }

  async completeTransaction(
    key: TransactionKey,
    fingerprint: string,
    response: TransactionResponseBody,
  ): Promise<void> {
    await this.db.query(
      `UPDATE transaction_slots SET response = $5::json
       WHERE merchant_id = $1 AND order_id = $2 AND transaction_id = $3 AND fingerprint = $4
         AND response IS NULL`,
      [key.merchantId, key.orderId, key.transactionId, fingerprint, JSON.stringify(response)],
    );
  }

  async releaseTransaction(key: TransactionKey, fingerprint: string): Promise<void> {
    await this.db.query(
      `DELETE FROM transaction_slots
       WHERE merchant_id = $1 AND order_id = $2 AND transaction_id = $3 AND fingerprint = $4
         AND response IS NULL`,
      [key.merchantId, key.orderId, key.transactionId, fingerprint],
    );
  }

  async claimIdempotencyKey(
    scope: IdempotencyScope,
    claim: IdempotencyClaim,
    now: number,
  ): Promise<IdempotencyRecord | undefined> {
    // A record deleted between the refused claim and the SELECT leaves the key free: try once more.
    for (;;) {
      const claimed = await this.db.query(
        `INSERT INTO idempotency_keys AS k
           (merchant_id, idempotency_key, fingerprint, response, claimed_until, expires_at)
         VALUES ($1, $2, $3, NULL, $4, $5)
         ON CONFLICT (merchant_id, idempotency_key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
           response = NULL, claimed_until = EXCLUDED.claimed_until, expires_at = EXCLUDED.expires_at
         WHERE k.expires_at <= $6 OR (k.response IS NULL AND k.claimed_until <= $6)
         RETURNING k.fingerprint`,
        [scope.merchantId, scope.key, claim.fingerprint, claim.claimedUntil, claim.expiresAt, now],
      );
      if (claimed.length === 1) return undefined;
      const [held] = await this.db.query<{ fingerprint: string; response: IdempotentResponse | null }>(
        `SELECT fingerprint, response FROM idempotency_keys WHERE merchant_id = $1 AND idempotency_key = $2`,
        [scope.merchantId, scope.key],
      );
      if (held)
        return held.response === null
          ? { fingerprint: held.fingerprint }
          : { ...held, response: held.response };
    }
  }

  async completeIdempotencyKey(
    scope: IdempotencyScope,
    fingerprint: string,
    response: IdempotentResponse,
  ): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET response = $4::json
       WHERE merchant_id = $1 AND idempotency_key = $2 AND fingerprint = $3 AND response IS NULL`,
      [scope.merchantId, scope.key, fingerprint, JSON.stringify(response)],
    );
  }

  async releaseIdempotencyKey(scope: IdempotencyScope, fingerprint: string): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys
       WHERE merchant_id = $1 AND idempotency_key = $2 AND fingerprint = $3 AND response IS NULL`,
      [scope.merchantId, scope.key, fingerprint],
    );
  }

  async deleteExpiredIdempotencyKeys(before: number): Promise<number> {
    return (
      await this.db.query('DELETE FROM idempotency_keys WHERE expires_at < $1 RETURNING merchant_id', [
        before,
      ])
    ).length;
  }

  async createToken(record: TokenRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO tokens (token, merchant_id, pan_envelope, card, created_at, updated_at)
       VALUES ($1, $2, $3, $4::json, $5, $6)`,
      tokenValues(record),
    );
  }

  async getToken(merchantId: string, token: string): Promise<TokenRecord | undefined> {
    const [row] = await this.db.query<TokenRow>(
      'SELECT * FROM tokens WHERE token = $1 AND merchant_id = $2',
      [token, merchantId],
    );
    return (
      row && {
        token: row.token,
        merchantId: row.merchant_id,
        panEnvelope: row.pan_envelope,
        card: row.card,
        createdAt: Number(row.created_at),
        updatedAt: Number(row.updated_at),
      }
    );
  }

  async replaceToken(record: TokenRecord): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE tokens SET pan_envelope = $3, card = $4::json, created_at = $5, updated_at = $6
       WHERE token = $1 AND merchant_id = $2 RETURNING token`,
      tokenValues(record),
    );
    return rows.length === 1;
  }

  async deleteToken(merchantId: string, token: string): Promise<boolean> {
    const rows = await this.db.query(
      'DELETE FROM tokens WHERE token = $1 AND merchant_id = $2 RETURNING token',
      [token, merchantId],
    );
    return rows.length === 1;
  }

  async createAuthentication(record: AuthenticationRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO authentications (id, transaction_id, merchant_id, revision, status, pan_envelope, document,
         created_at, expires_at, order_id, order_transaction_id, three_d_secure_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7::json, $8, $9, $10, $11, $12)`,
      [
        record.id,
        record.transactionId,
        record.merchantId,
        record.revision,
        record.status,
        record.panEnvelope,
        JSON.stringify(toAuthenticationDocument(record)),
        record.createdAt,
        record.expiresAt,
        record.orderTransaction?.orderId ?? null,
        record.orderTransaction?.transactionId ?? null,
        record.threeDSecureId ?? null,
      ],
    );
  }

  async findThreeDSecureIdAuthentication(
    merchantId: string,
    threeDSecureId: string,
  ): Promise<AuthenticationRecord | undefined> {
    const [row] = await this.db.query<AuthenticationRow>(
      'SELECT * FROM authentications WHERE merchant_id = $1 AND three_d_secure_id = $2',
      [merchantId, threeDSecureId],
    );
    return row && authenticationFromRow(row);
  }

  async listOrderAuthentications(merchantId: string, orderId: string): Promise<AuthenticationRecord[]> {
    const rows = await this.db.query<AuthenticationRow>(
      `SELECT * FROM authentications WHERE merchant_id = $1 AND order_id = $2
       ORDER BY created_at, id`,
      [merchantId, orderId],
    );
    return rows.map(authenticationFromRow);
  }

  async getAuthentication(id: string): Promise<AuthenticationRecord | undefined> {
    const [row] = await this.db.query<AuthenticationRow>('SELECT * FROM authentications WHERE id = $1', [id]);
    return row && authenticationFromRow(row);
  }

  async findAuthentication(transactionId: string): Promise<AuthenticationRecord | undefined> {
    const [row] = await this.db.query<AuthenticationRow>(
      'SELECT * FROM authentications WHERE transaction_id = $1',
      [transactionId],
    );
    return row && authenticationFromRow(row);
  }

  async replaceAuthentication(next: AuthenticationRecord, expectedRevision: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE authentications SET revision = $3, status = $4, pan_envelope = $5, document = $6::json,
         expires_at = $7
       WHERE id = $1 AND revision = $2 RETURNING id`,
      [
        next.id,
        expectedRevision,
        next.revision,
        next.status,
        next.panEnvelope,
        JSON.stringify(toAuthenticationDocument(next)),
        next.expiresAt,
      ],
    );
    return rows.length === 1;
  }

  async useAuthentication(id: string, use: AuthenticationUse): Promise<AuthenticationUseOutcome> {
    const taken = await this.db.query(
      `UPDATE authentications SET used_order_id = $2, used_transaction_id = $3, revision = revision + 1
       WHERE id = $1 AND (used_transaction_id IS NULL OR (used_order_id = $2 AND used_transaction_id = $3))
       RETURNING id`,
      [id, use.orderId, use.transactionId],
    );
    if (taken.length === 1) return 'ok';
    const [row] = await this.db.query('SELECT id FROM authentications WHERE id = $1', [id]);
    return row ? 'used' : 'not-found';
  }

  async releaseAuthentication(id: string, use: AuthenticationUse): Promise<void> {
    await this.db.query(
      `UPDATE authentications SET used_order_id = NULL, used_transaction_id = NULL, revision = revision + 1
       WHERE id = $1 AND used_order_id = $2 AND used_transaction_id = $3`,
      [id, use.orderId, use.transactionId],
    );
  }

  async deleteExpiredAuthentications(before: number): Promise<number> {
    return (await this.db.query('DELETE FROM authentications WHERE expires_at < $1 RETURNING id', [before]))
      .length;
  }

  /** One statement whatever the mix: the counted ones are upserted, the read-only ones read. */
  async countRates(updates: readonly RateCounterUpdate[]): Promise<RateCounterState[]> {
    if (updates.length === 0) return [];
    const params: unknown[] = [];
    const counting = rateCounting(updates, params);
    const [row] = await this.db.query<CountersColumn>(
      `${counting.ctes ? `WITH ${counting.ctes.slice(2)}` : ''} SELECT ${counting.column}`,
      params,
    );
    return countersFrom(row!, updates);
  }

  async deleteStaleRateCounters(now: number): Promise<number> {
    const [row] = await this.db.query<{ removed: number }>(
      'WITH gone AS (DELETE FROM rate_counters WHERE expires_at <= $1 RETURNING 1) SELECT count(*)::int AS removed FROM gone',
      [now],
    );
    return row?.removed ?? 0;
  }

  async listEnvelopes({ notPrefixedBy, after, limit }: EnvelopeQuery): Promise<StoredEnvelope[]> {
    const found: StoredEnvelope[] = [];
    const start = after ? ENVELOPE_COLUMNS.findIndex((c) => `${c.table}.${c.column}` === after.column) : 0;
    for (const { table, key, column } of ENVELOPE_COLUMNS.slice(start)) {
      const name = `${table}.${column}`;
      const from = name === after?.column ? after.owner : undefined;
      const rows = await this.db.query<{ owner: string; envelope: string }>(
        `SELECT ${key} AS owner, ${column} AS envelope FROM ${table}
         WHERE ${column} IS NOT NULL AND left(${column}, $1) <> $2 AND ($3::text IS NULL OR ${key} > $3)
         ORDER BY ${key} LIMIT $4`,
        [notPrefixedBy.length, notPrefixedBy, from ?? null, limit - found.length],
      );
      found.push(...rows.map((row) => ({ column: name, ...row })));
      if (found.length === limit) break;
    }
    return found;
  }

  async replaceEnvelope(expected: StoredEnvelope, next: string): Promise<boolean> {
    const target = ENVELOPE_COLUMNS.find((c) => `${c.table}.${c.column}` === expected.column);
    if (!target) return false;
    const { table, key, column } = target;
    const rows = await this.db.query(
      `UPDATE ${table} SET ${column} = $3 WHERE ${key} = $1 AND ${column} = $2 RETURNING ${key}`,
      [expected.owner, expected.envelope, next],
    );
    return rows.length === 1;
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

function authenticationFromRow(row: AuthenticationRow): AuthenticationRecord {
  return fromAuthenticationDocument(
    {
      id: row.id,
      transactionId: row.transaction_id,
      merchantId: row.merchant_id,
      revision: row.revision,
      status: row.status,
      panEnvelope: row.pan_envelope,
      use:
        row.used_order_id === null || row.used_transaction_id === null
          ? undefined
          : { orderId: row.used_order_id, transactionId: row.used_transaction_id },
      createdAt: Number(row.created_at),
      expiresAt: Number(row.expires_at),
    },
    row.document,
  );
}

function sessionFromRow(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    apiVersion: row.api_version,
    version: row.version,
    aes256Key: row.aes256_key,
    authenticationLimit: row.authentication_limit,
    authenticationCount: row.authentication_count,
    updateStatus: row.update_status,
    content: row.content,
    ...(row.pan_envelope === null ? {} : { panEnvelope: row.pan_envelope }),
    ...(row.csc_envelope === null ? {} : { cscEnvelope: row.csc_envelope }),
    ...(row.gift_card_number_envelope === null
      ? {}
      : { giftCardNumberEnvelope: row.gift_card_number_envelope }),
    ...(row.gift_card_pin_envelope === null ? {} : { giftCardPinEnvelope: row.gift_card_pin_envelope }),
    ...(row.bank_account_envelope === null ? {} : { bankAccountEnvelope: row.bank_account_envelope }),
    ...(row.hosted_fields === null ? {} : { hostedFields: row.hosted_fields }),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}

/** The envelopes of gift cards and bank accounts, in the order of SESSION_COLUMNS (after expires_at). */
function otherEnvelopes(record: SessionRecord): Array<string | null> {
  return [
    record.giftCardNumberEnvelope ?? null,
    record.giftCardPinEnvelope ?? null,
    record.bankAccountEnvelope ?? null,
  ];
}

function orderFromRow(row: OrderRow): StoredOrder {
  return {
    merchantId: row.merchant_id,
    orderId: row.order_id,
    revision: row.revision,
    ...(row.document === null ? {} : { order: fromDocument(row.document) }),
    ...(row.lease_transaction_id === null
      ? {}
      : { lease: { transactionId: row.lease_transaction_id, expiresAt: Number(row.lease_expires_at) } }),
  };
}

function tokenValues(record: TokenRecord): unknown[] {
  return [
    record.token,
    record.merchantId,
    record.panEnvelope,
    JSON.stringify(record.card),
    record.createdAt,
    record.updatedAt,
  ];
}

/** The rate counters a statement moved, as a JSON column of its one row. */
interface CountersColumn {
  counters: RateCounterRow[] | null;
}

/**
 * The SQL that counts `updates` as `countRates` does, to join a larger statement, so the request path pays
 * one round trip: `ctes` (", counted AS (…)" when anything is counted; empty otherwise) and `column`, which
 * selects every counter touched as one JSON column. The upsert runs only if `when` (an SQL condition) holds.
 */
function rateCounting(
  updates: readonly RateCounterUpdate[],
  params: unknown[],
  when = 'true',
): { ctes: string; column: string } {
  const param = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
  const hits = updates.filter((u) => u.add > 0);
  const peeks = updates.filter((u) => u.add === 0);
  const rows = hits
    .map(
      (u) =>
        `(${param(u.scope, 'text')}, ${param(u.subject, 'text')}, ${param(u.windowStart, 'bigint')}, ` +
        `${param(u.windowMs, 'bigint')}, ${param(u.add, 'int')}, 0, ${param(u.windowStart + 2 * u.windowMs, 'bigint')})`,
    )
    .join(', ');
  const sources = [
    ...(hits.length > 0 ? ['SELECT * FROM counted'] : []),
    ...(peeks.length > 0
      ? [
          READ_RATE_COUNTERS.replace(
            '%PAIRS%',
            peeks.map((u) => `(${param(u.scope, 'text')}, ${param(u.subject, 'text')})`).join(', '),
          ),
        ]
      : []),
  ];
  return {
    ctes:
      hits.length > 0
        ? `, counted AS (${UPSERT_RATE_COUNTERS.replace('%ROWS%', rows).replace('%WHEN%', when)})`
        : '',
    column:
      sources.length > 0
        ? `(SELECT json_agg(r) FROM (${sources.join(' UNION ALL ')}) r) AS counters`
        : 'NULL::json AS counters',
  };
}

/** Each update's counter as it now stands, in the order given; one never counted nor stored reads as zero. */
function countersFrom(row: CountersColumn, updates: readonly RateCounterUpdate[]): RateCounterState[] {
  const rows = row.counters ?? [];
  return updates.map((u) => {
    const found = rows.find((r) => r.counted === u.add > 0 && r.scope === u.scope && r.subject === u.subject);
    return found
      ? {
          windowStart: Number(found.window_start),
          current: found.current_count,
          previous: found.previous_count,
        }
      : { windowStart: u.windowStart, current: 0, previous: 0 };
  });
}
