import { RESULT_OF_GATEWAY_CODE, type ProcessorResponse } from '../../processor/index.ts';
import { statusOf, totalsOf } from './ledger.ts';
import type { Order, Transaction } from './model.ts';
import type { Plan } from './plan.ts';

export interface RecordContext {
  merchantId: string;
  orderId: string;
  now: Date;
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
    ...cardOf(plan),
    ...('authentication' in plan && plan.authentication
      ? { authentication: { ...plan.authentication } }
      : {}),
    timeOfRecord: time,
    ...('target' in plan ? { targetTransactionId: plan.target.id } : {}),
  };
  const transactions = [...(order?.transactions ?? []), transaction];
  const totals = totalsOf(transactions);
  // The order amount follows the latest attempt to fund it, so a retry after a decline may ask for a new amount.
  const amount =
    plan.type === 'PAYMENT' || plan.type === 'AUTHORIZATION' ? plan.amount : (order?.amount ?? 0n);
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
    },
  };
}

// Follow-ups show the card of the transaction they act on, as Mastercard's responses do.
function cardOf(plan: Plan): Pick<Transaction, 'card'> {
  const card = 'target' in plan ? plan.target.card : plan.card;
  return card ? { card: { ...card, ...(card.expiry ? { expiry: { ...card.expiry } } : {}) } } : {};
}
