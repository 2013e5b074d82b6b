import { RESULT_OF_GATEWAY_CODE, type ProcessorResponse } from '../../processor/index.ts';
import type { JsonObject } from '../json-fields.ts';
import { mergeFields } from '../json-fields.ts';
import { statusOf, totalsOf } from './ledger.ts';
import type { Order, OrderDetails, Transaction, TransactionDetails } from './model.ts';
import type { Plan } from './plan.ts';

export interface RecordContext {
  merchantId: string;
  orderId: string;
  now: Date;
  /** The operation's description of the order and of itself (see `operationDetails`). */
  details?: { order?: OrderDetails; transaction?: TransactionDetails };
}

/**
 * The order after the processor answered `plan`: the new transaction appended, totals and status read off the
 * ledger again. Declines are recorded too (they are part of the order's history) but move no money.
 * Returns new records; the input order is left as it was.
 */
export function recordOperation(
  order: Order | undefined,
  plan: Plan,
  response: ProcessorResponse,
  context: RecordContext,
): { order: Order; transaction: Transaction } {
  const time = context.now.toISOString();
  const transaction: Transaction = {
    id: plan.transactionId,
    type: plan.type,
    amount: plan.amount,
    currency: plan.currency,
    result: RESULT_OF_GATEWAY_CODE[response.gatewayCode],
    gatewayCode: response.gatewayCode,
    acquirerCode: response.acquirerCode,
    ...(response.authorizationCode ? { authorizationCode: response.authorizationCode } : {}),
    receipt: response.receipt,
    ...(response.cardSecurityCode ? { cardSecurityCode: { ...response.cardSecurityCode } } : {}),
    ...fundsOf(plan),
    ...('authentication' in plan && plan.authentication
      ? { authentication: { ...plan.authentication } }
      : {}),
    timeOfRecord: time,
    ...('target' in plan ? { targetTransactionId: plan.target.id } : {}),
    ...(context.details?.transaction ? { details: context.details.transaction } : {}),
  };
  const funding = plan.type === 'PAYMENT' || plan.type === 'AUTHORIZATION';
  const details = mergedDetails(order?.details, context.details?.order, funding);
  const transactions = [...(order?.transactions ?? []), transaction];
  const totals = totalsOf(transactions);
  // The order amount follows the latest attempt to fund it, so a retry after a decline may ask for a new amount.
  const amount = funding ? plan.amount : (order?.amount ?? 0n);
  return {
    transaction,
    order: {
      id: order?.id ?? context.orderId,
      merchantId: order?.merchantId ?? context.merchantId,
      currency: order?.currency ?? plan.currency,
      amount,
      status: statusOf(transactions, totals),
      totalAuthorizedAmount: totals.authorized,
      totalCapturedAmount: totals.captured,
      totalRefundedAmount: totals.refunded,
      creationTime: order?.creationTime ?? time,
      lastUpdatedTime: time,
      transactions,
      ...(details ? { details } : {}),
    },
  };
}

/**
 * A later operation's description overwrites and adds to the order's, as Update Session does to a session.
 * An attempt to fund the order describes what is paid for afresh: its order group replaces the last one, so no
 * sub-total or item of a declined attempt stays beside a new amount.
 */
function mergedDetails(
  current: OrderDetails | undefined,
  next: OrderDetails | undefined,
  funding: boolean,
): OrderDetails | undefined {
  const { order: _lastAttempt, ...payer } = current ?? {};
  const base = funding ? payer : (current ?? {});
  const merged = mergeFields(base as JsonObject, (next ?? {}) as JsonObject) as OrderDetails;
  return Object.keys(merged).length === 0 ? undefined : merged;
}

// Follow-ups show what the transaction they act on was paid with, as Mastercard's responses do.
function fundsOf(plan: Plan): Pick<Transaction, 'sourceOfFunds'> {
  const funds = 'target' in plan ? plan.target.sourceOfFunds : plan.sourceOfFunds;
  return funds ? { sourceOfFunds: structuredClone(funds) } : {};
}
