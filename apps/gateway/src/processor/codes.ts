/** Mastercard's `response.gatewayCode` values a processor can answer. Anything but APPROVED is not approved. */
export const GATEWAY_CODES = [
  'APPROVED',
  /** ACH: the bank accepted the debit, which settles in a later batch. */
  'APPROVED_PENDING_SETTLEMENT',
  'DECLINED',
  'EXPIRED_CARD',
  'INSUFFICIENT_FUNDS',
  'INVALID_CSC',
  'REFERRED',
  'TIMED_OUT',
  'ACQUIRER_SYSTEM_ERROR',
  'UNSPECIFIED_FAILURE',
  'SUBMITTED',
  'UNKNOWN',
] as const;
export type GatewayCode = (typeof GATEWAY_CODES)[number];

/** Mastercard's top-level `result` of a transaction. */
export type TransactionResult = 'SUCCESS' | 'FAILURE' | 'PENDING' | 'UNKNOWN';

/**
 * Which `result` each gateway code reports. A timeout is a FAILURE because the gateway reverses whatever the
 * acquirer may have done; UNKNOWN is the one code where the merchant must find out later whether money moved.
 */
export const RESULT_OF_GATEWAY_CODE: Readonly<Record<GatewayCode, TransactionResult>> = Object.freeze({
  APPROVED: 'SUCCESS',
  APPROVED_PENDING_SETTLEMENT: 'SUCCESS',
  DECLINED: 'FAILURE',
  EXPIRED_CARD: 'FAILURE',
  INSUFFICIENT_FUNDS: 'FAILURE',
  INVALID_CSC: 'FAILURE',
  REFERRED: 'FAILURE',
  TIMED_OUT: 'FAILURE',
  ACQUIRER_SYSTEM_ERROR: 'FAILURE',
  UNSPECIFIED_FAILURE: 'FAILURE',
  SUBMITTED: 'PENDING',
  UNKNOWN: 'UNKNOWN',
});

/** Mastercard's `response.cardSecurityCode.gatewayCode`. */
export type CscGatewayCode = 'MATCH' | 'NO_MATCH' | 'NOT_PROCESSED' | 'NOT_PRESENT' | 'NOT_SUPPORTED';

/**
 * The issuer refused the card itself, not a system on the way: what a run of guessed card details produces,
 * and what the per-card decline limit counts (with a CSC that does not match).
 */
export const CARD_DECLINE_CODES: ReadonlySet<GatewayCode> = new Set<GatewayCode>([
  'DECLINED',
  'EXPIRED_CARD',
  'INSUFFICIENT_FUNDS',
  'INVALID_CSC',
  'REFERRED',
]);
