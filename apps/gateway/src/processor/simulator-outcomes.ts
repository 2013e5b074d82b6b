import {
  RESULT_OF_GATEWAY_CODE,
  type CscGatewayCode,
  type GatewayCode,
  type TransactionResult,
} from './codes.ts';

export interface SimulatedOutcome {
  gatewayCode: GatewayCode;
  acquirerCode: string;
  result: TransactionResult;
  /** False when the simulated failure happens before the issuer answers: then there is no CSC result. */
  issuerAnswered: boolean;
}

function freezeRows<T extends object>(rows: T[]): readonly T[] {
  return Object.freeze(rows.map((row) => Object.freeze(row)));
}

function outcome(gatewayCode: GatewayCode, acquirerCode: string, issuerAnswered: boolean): SimulatedOutcome {
  return Object.freeze({
    gatewayCode,
    acquirerCode,
    result: RESULT_OF_GATEWAY_CODE[gatewayCode],
    issuerAnswered,
  });
}

/** Any expiry not in the table approves, so every ordinary test card just works. */
export const SIMULATOR_DEFAULT_OUTCOME = outcome('APPROVED', '00', true);

/**
 * Mastercard's test convention: the card's expiry (MM/YY) picks the outcome. Exported as data so the
 * documentation can be generated from, and checked against, what the simulator does.
 */
export const SIMULATOR_OUTCOMES: ReadonlyArray<{ expiry: string } & SimulatedOutcome> = freezeRows([
  { expiry: '01/39', ...SIMULATOR_DEFAULT_OUTCOME },
  { expiry: '05/39', ...outcome('DECLINED', '05', true) },
  { expiry: '04/27', ...outcome('EXPIRED_CARD', '54', true) },
  { expiry: '08/28', ...outcome('TIMED_OUT', '91', false) },
  { expiry: '01/37', ...outcome('ACQUIRER_SYSTEM_ERROR', '96', false) },
  { expiry: '02/37', ...outcome('UNSPECIFIED_FAILURE', '06', false) },
  { expiry: '05/37', ...outcome('UNKNOWN', '68', false) },
]);

export interface SimulatedCscResult {
  gatewayCode: CscGatewayCode;
  acquirerCode: string;
}

/**
 * A CSC outside the table counts as a match, so a tester's everyday '123' behaves like a real correct CSC.
 * No CSC at all gives no CSC result (the response leaves `cardSecurityCode` out).
 */
export const SIMULATOR_DEFAULT_CSC: SimulatedCscResult = Object.freeze({
  gatewayCode: 'MATCH',
  acquirerCode: 'M',
});

/** The CSC picks the CSC result; Amex's four-digit codes answer with Amex's own letters. */
export const SIMULATOR_CSC_RESULTS: ReadonlyArray<{ securityCode: string } & SimulatedCscResult> =
  Object.freeze([
    { securityCode: '100', gatewayCode: 'MATCH', acquirerCode: 'M' },
    { securityCode: '101', gatewayCode: 'NOT_PROCESSED', acquirerCode: 'P' },
    { securityCode: '102', gatewayCode: 'NO_MATCH', acquirerCode: 'N' },
    { securityCode: '1000', gatewayCode: 'MATCH', acquirerCode: 'Y' },
    { securityCode: '1010', gatewayCode: 'NOT_PROCESSED', acquirerCode: 'U' },
    { securityCode: '1020', gatewayCode: 'NO_MATCH', acquirerCode: 'N' },
  ]);

/** The table key of an expiry in either form the gateway sees ('1'/'39' or '01'/'2039'). */
function expiryKey(expiry: { month: string; year: string }): string {
  return `${expiry.month.padStart(2, '0')}/${expiry.year.slice(-2)}`;
}

export function simulatedOutcome(expiry: { month: string; year: string }): SimulatedOutcome {
  const key = expiryKey(expiry);
  return SIMULATOR_OUTCOMES.find((row) => row.expiry === key) ?? SIMULATOR_DEFAULT_OUTCOME;
}

export function simulatedCscResult(securityCode: string | undefined): SimulatedCscResult | undefined {
  if (securityCode === undefined) return undefined;
  return SIMULATOR_CSC_RESULTS.find((row) => row.securityCode === securityCode) ?? SIMULATOR_DEFAULT_CSC;
}

/**
 * Gift cards and ACH accounts have no expiry: the last two digits of the gift card or bank account number pick
 * the outcome, named after the acquirer codes they answer. Anything else is approved, an ACH debit as
 * APPROVED_PENDING_SETTLEMENT (the bank settles it in a later batch).
 */
export const SIMULATOR_ACCOUNT_OUTCOMES: ReadonlyArray<{ endsWith: string } & SimulatedOutcome> = freezeRows([
  { endsWith: '05', ...outcome('DECLINED', '05', true) },
  { endsWith: '51', ...outcome('INSUFFICIENT_FUNDS', '51', true) },
  { endsWith: '91', ...outcome('TIMED_OUT', '91', false) },
]);

export const SIMULATOR_ACH_APPROVAL = outcome('APPROVED_PENDING_SETTLEMENT', '00', true);

export function simulatedAccountOutcome(number: string, approval: SimulatedOutcome): SimulatedOutcome {
  return SIMULATOR_ACCOUNT_OUTCOMES.find((row) => number.endsWith(row.endsWith)) ?? approval;
}
