import type { Currency } from '../money/index.ts';
import type { VoidableType } from '../../processor/index.ts';
import { invalidField, missingField, notAllowed } from './errors.ts';
import { amountAt, currencyAt } from './fields.ts';
import { anyInEffect, fundingTransaction, isApproved, isVoided, totalsOf } from './ledger.ts';
import type {
  Order,
  Transaction,
  TransactionAuthentication,
  TransactionFunds,
  TransactionType,
} from './model.ts';

/**
 * A transaction request as the REST layer hands it over: shape already checked by the schema, meaning not
 * yet. `sourceOfFunds` is what the session (or the request) pays with, masked, for operations that need one.
 */
export type OperationRequest =
  FundingOperationRequest | VerifyOperationRequest | FollowUpOperationRequest | VoidOperationRequest;

export interface FundingOperationRequest {
  apiOperation: 'PAY' | 'AUTHORIZE';
  transactionId: string;
  order?: { amount?: string | number; currency?: string };
  sourceOfFunds?: TransactionFunds;
}

export interface VerifyOperationRequest {
  apiOperation: 'VERIFY';
  transactionId: string;
  order?: { currency?: string };
  sourceOfFunds?: TransactionFunds;
}

export interface FollowUpOperationRequest {
  apiOperation: 'CAPTURE' | 'REFUND';
  transactionId: string;
  transaction?: { amount?: string | number; currency?: string };
}

export interface VoidOperationRequest {
  apiOperation: 'VOID';
  transactionId: string;
  transaction?: { targetTransactionId?: string };
}

export type CardOperation = 'PAY' | 'AUTHORIZE' | 'VERIFY';

export interface CardPlan {
  apiOperation: CardOperation;
  type: 'PAYMENT' | 'AUTHORIZATION' | 'VERIFICATION';
  transactionId: string;
  amount: bigint;
  currency: Currency;
  sourceOfFunds: TransactionFunds;
  /** The 3-D Secure result the payment carries, once the authentication is taken for it. */
  authentication?: TransactionAuthentication;
}

export interface FollowUpPlan {
  apiOperation: 'CAPTURE' | 'REFUND';
  type: 'CAPTURE' | 'REFUND';
  transactionId: string;
  amount: bigint;
  currency: Currency;
  /** The order's authorization or payment. */
  target: Transaction;
}

export interface VoidPlan {
  apiOperation: 'VOID';
  type: 'VOID_AUTHORIZATION' | 'VOID_CAPTURE' | 'VOID_PAYMENT' | 'VOID_REFUND';
  transactionId: string;
  /** The target's amount and currency. */
  amount: bigint;
  currency: Currency;
  target: Transaction;
  targetType: VoidableType;
}

/** A request the order allows, ready for the processor. Holds no clear card data. */
export type Plan = CardPlan | FollowUpPlan | VoidPlan;

const VOID_TYPE: Record<VoidableType, VoidPlan['type']> = {
  AUTHORIZATION: 'VOID_AUTHORIZATION',
  CAPTURE: 'VOID_CAPTURE',
  PAYMENT: 'VOID_PAYMENT',
  REFUND: 'VOID_REFUND',
};

/**
 * Checks a request against the order (undefined when no order has this id yet) and says what to ask the
 * processor. Throws a PaymentError for anything the gateway must refuse, before any money moves; pure.
 */
export function planOperation(order: Order | undefined, request: OperationRequest): Plan {
  if (order?.transactions.some((t) => t.id === request.transactionId)) {
    throw notAllowed('A transaction with this ID already exists on the order.');
  }
  switch (request.apiOperation) {
    case 'PAY':
    case 'AUTHORIZE':
      return planFunding(order, request);
    case 'VERIFY':
      return planVerify(order, request);
    case 'CAPTURE':
      return planCapture(order, request);
    case 'REFUND':
      return planRefund(order, request);
    case 'VOID':
      return planVoid(order, request);
  }
}

/**
 * What the operation pays with, if it can: a card needs its number and expiry; ACH (a debit the bank settles
 * later) has no authorization or verification, only PAY.
 */
function requireFunds(funds: TransactionFunds | undefined, operation: CardOperation): TransactionFunds {
  if (!funds) throw missingField('sourceOfFunds.provided.card.number');
  if (funds.type === 'CARD' && !funds.provided.card.expiry) {
    throw missingField('sourceOfFunds.provided.card.expiry.month');
  }
  if (funds.type === 'ACH' && operation !== 'PAY') {
    throw invalidField('sourceOfFunds.type', `An ACH payment is made with PAY; ${operation} does not apply.`);
  }
  return funds;
}

function requireSameCurrency(order: Order | undefined, currency: Currency, field: string): void {
  if (order && order.currency !== currency)
    throw invalidField(field, "Currency does not match the order's currency.");
}

function planFunding(order: Order | undefined, request: FundingOperationRequest): CardPlan {
  const currency = currencyAt('order.currency', request.order?.currency);
  const amount = amountAt('order.amount', request.order?.amount, currency);
  const sourceOfFunds = requireFunds(request.sourceOfFunds, request.apiOperation);
  requireSameCurrency(order, currency, 'order.currency');
  if (order?.status === 'CANCELLED') throw notAllowed('The order is cancelled.');
  // One authorization per order: a retry after a decline is fine, a second hold on the card is not.
  if (order && fundingTransaction(order.transactions)) {
    throw notAllowed('The order is already authorized or paid.');
  }
  const type = request.apiOperation === 'PAY' ? 'PAYMENT' : 'AUTHORIZATION';
  return {
    apiOperation: request.apiOperation,
    type,
    transactionId: request.transactionId,
    amount,
    currency,
    sourceOfFunds,
  };
}

function planVerify(order: Order | undefined, request: VerifyOperationRequest): CardPlan {
  const currency = currencyAt('order.currency', request.order?.currency);
  const sourceOfFunds = requireFunds(request.sourceOfFunds, 'VERIFY');
  requireSameCurrency(order, currency, 'order.currency');
  if (order && order.status !== 'FAILED' && order.status !== 'VERIFIED') {
    throw notAllowed('Only an order without payments can be verified.');
  }
  return {
    apiOperation: 'VERIFY',
    type: 'VERIFICATION',
    transactionId: request.transactionId,
    amount: 0n,
    currency,
    sourceOfFunds,
  };
}

function followUpFields(
  order: Order | undefined,
  request: FollowUpOperationRequest,
): { order: Order; amount: bigint; currency: Currency } {
  const currency = currencyAt('transaction.currency', request.transaction?.currency);
  const amount = amountAt('transaction.amount', request.transaction?.amount, currency);
  if (!order) throw notAllowed('No order with this ID exists.');
  requireSameCurrency(order, currency, 'transaction.currency');
  return { order, amount, currency };
}

function planCapture(existing: Order | undefined, request: FollowUpOperationRequest): FollowUpPlan {
  const { order, amount, currency } = followUpFields(existing, request);
  const target = fundingTransaction(order.transactions);
  if (!target) throw notAllowed('The order has no authorization to capture.');
  if (target.type === 'PAYMENT') throw notAllowed('A payment is captured already.');
  const { authorized, captured } = totalsOf(order.transactions);
  if (amount > authorized - captured) {
    throw invalidField('transaction.amount', 'Amount exceeds the authorized amount not yet captured.');
  }
  return {
    apiOperation: 'CAPTURE',
    type: 'CAPTURE',
    transactionId: request.transactionId,
    amount,
    currency,
    target,
  };
}

function planRefund(existing: Order | undefined, request: FollowUpOperationRequest): FollowUpPlan {
  const { order, amount, currency } = followUpFields(existing, request);
  const target = fundingTransaction(order.transactions);
  const { captured, refunded } = totalsOf(order.transactions);
  if (!target || captured === 0n) throw notAllowed('The order has no captured amount to refund.');
  if (amount > captured - refunded) {
    throw invalidField('transaction.amount', 'Amount exceeds the captured amount not yet refunded.');
  }
  return {
    apiOperation: 'REFUND',
    type: 'REFUND',
    transactionId: request.transactionId,
    amount,
    currency,
    target,
  };
}

function planVoid(order: Order | undefined, request: VoidOperationRequest): VoidPlan {
  const field = 'transaction.targetTransactionId';
  const targetId = request.transaction?.targetTransactionId;
  if (targetId === undefined) throw missingField(field);
  if (!order) throw notAllowed('No order with this ID exists.');
  const transactions = order.transactions;
  const target = transactions.find((t) => t.id === targetId);
  if (!target) throw invalidField(field, 'No transaction with this ID exists on the order.');
  if (!isVoidable(target.type)) throw invalidField(field, 'This type of transaction cannot be voided.');
  if (!isApproved(target)) throw invalidField(field, 'Only an approved transaction can be voided.');
  if (isVoided(transactions, target)) throw invalidField(field, 'The transaction is voided already.');
  // Voids unwind the ledger from the top: money that later operations build on cannot be taken away under them.
  if (target.type === 'AUTHORIZATION' && anyInEffect(transactions, 'CAPTURE')) {
    throw notAllowed('The authorization has captures; void them first.');
  }
  if ((target.type === 'CAPTURE' || target.type === 'PAYMENT') && anyInEffect(transactions, 'REFUND')) {
    throw notAllowed('The order has refunds; void them first.');
  }
  return {
    apiOperation: 'VOID',
    type: VOID_TYPE[target.type],
    transactionId: request.transactionId,
    amount: target.amount,
    currency: target.currency,
    target,
    targetType: target.type,
  };
}

function isVoidable(type: TransactionType): type is VoidableType {
  return Object.hasOwn(VOID_TYPE, type);
}
