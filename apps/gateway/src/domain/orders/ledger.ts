import type { OrderStatus, Transaction, TransactionType } from './model.ts';

/**
 * The order's money is read off its transactions: a transaction counts when it was approved and no approved
 * void points at it. Deriving totals and status this way, instead of adjusting counters, means no sequence of
 * operations can leave them disagreeing with the ledger.
 */

export interface Totals {
  authorized: bigint;
  captured: bigint;
  refunded: bigint;
}

const VOID_TYPES: ReadonlySet<TransactionType> = new Set([
  'VOID_AUTHORIZATION',
  'VOID_CAPTURE',
  'VOID_PAYMENT',
  'VOID_REFUND',
]);

/** Approved by the issuer, or (ACH) accepted for settlement by the bank: either way the money stands. */
export function isApproved(transaction: Transaction): boolean {
  return transaction.gatewayCode === 'APPROVED' || transaction.gatewayCode === 'APPROVED_PENDING_SETTLEMENT';
}

export function isVoided(transactions: readonly Transaction[], target: Transaction): boolean {
  return transactions.some(
    (t) => VOID_TYPES.has(t.type) && t.targetTransactionId === target.id && isApproved(t),
  );
}

/** Approved and not voided: the transaction's money still stands. */
export function isInEffect(transactions: readonly Transaction[], transaction: Transaction): boolean {
  return isApproved(transaction) && !isVoided(transactions, transaction);
}

function sumInEffect(transactions: readonly Transaction[], types: readonly TransactionType[]): bigint {
  return transactions
    .filter((t) => types.includes(t.type) && isInEffect(transactions, t))
    .reduce((sum, t) => sum + t.amount, 0n);
}

export function totalsOf(transactions: readonly Transaction[]): Totals {
  return {
    authorized: sumInEffect(transactions, ['AUTHORIZATION', 'PAYMENT']),
    // A payment is an authorization captured at once.
    captured: sumInEffect(transactions, ['CAPTURE', 'PAYMENT']),
    refunded: sumInEffect(transactions, ['REFUND']),
  };
}

/** The authorization or payment that funds the order; at most one is ever in effect. */
export function fundingTransaction(transactions: readonly Transaction[]): Transaction | undefined {
  return transactions.find(
    (t) => (t.type === 'AUTHORIZATION' || t.type === 'PAYMENT') && isInEffect(transactions, t),
  );
}

export function anyInEffect(transactions: readonly Transaction[], type: TransactionType): boolean {
  return transactions.some((t) => t.type === type && isInEffect(transactions, t));
}

export function statusOf(transactions: readonly Transaction[], totals: Totals): OrderStatus {
  if (totals.refunded > 0n) return totals.refunded === totals.captured ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  if (totals.captured > 0n) return totals.captured === totals.authorized ? 'CAPTURED' : 'PARTIALLY_CAPTURED';
  if (totals.authorized > 0n) return 'AUTHORIZED';
  const fundingWasVoided = transactions.some(
    (t) => (t.type === 'AUTHORIZATION' || t.type === 'PAYMENT') && isApproved(t) && isVoided(transactions, t),
  );
  if (fundingWasVoided) return 'CANCELLED';
  // Without money on the order, the latest card operation tells: a verification that passed, or a failure.
  const lastCardOperation = [...transactions]
    .reverse()
    .find((t) => t.type === 'AUTHORIZATION' || t.type === 'PAYMENT' || t.type === 'VERIFICATION');
  return lastCardOperation?.type === 'VERIFICATION' && isApproved(lastCardOperation) ? 'VERIFIED' : 'FAILED';
}
