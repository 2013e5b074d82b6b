import type { CscGatewayCode, GatewayCode, TransactionResult } from '../../processor/index.ts';
import { formatAmount, type Currency } from '../money/index.ts';
import type {
  Order,
  OrderDetails,
  OrderStatus,
  Transaction,
  TransactionAuthentication,
  TransactionFunds,
  TransactionDetails,
  TransactionType,
} from './model.ts';

/**
 * The `order` object of Mastercard's responses; amounts in the order currency's decimal form. The order's
 * description (reference, items, sub-totals…) follows its money, when the merchant gave one.
 */
export interface OrderBody {
  id: string;
  amount: string;
  currency: Currency;
  status: OrderStatus;
  totalAuthorizedAmount: string;
  totalCapturedAmount: string;
  totalRefundedAmount: string;
  creationTime: string;
  lastUpdatedTime: string;
  [described: string]: unknown;
}

/** Who pays and where the goods go, as the order's requests described them. */
type PayerBody = Omit<OrderDetails, 'order'>;

/** The transaction's own request fields beside `transaction` (device, shop software, line of business). */
type TransactionExtrasBody = Omit<TransactionDetails, 'transaction'>;

export type SourceOfFundsBody = TransactionFunds;

/** The 3-D Secure result of a payment, in Mastercard's `authentication` group. */
export interface AuthenticationBody {
  '3ds': { acsEci?: string; authenticationToken?: string; transactionId: string };
  '3ds2': {
    dsTransactionId?: string;
    acsTransactionId?: string;
    protocolVersion?: string;
    transactionStatus: string;
  };
  version: '3DS2';
  /** Whether fraud liability moved to the issuer: authenticated or attempted, without an exemption. */
  liabilityShift: boolean;
}

/** The body of a transaction operation's response (and of Retrieve Transaction). */
export interface TransactionResponseBody extends PayerBody, TransactionExtrasBody {
  /** The request's own, echoed by the operation that carried it. */
  correlationId?: string;
  merchant: string;
  result: TransactionResult;
  response: {
    gatewayCode: GatewayCode;
    acquirerCode: string;
    cardSecurityCode?: { gatewayCode: CscGatewayCode; acquirerCode: string };
  };
  order: OrderBody;
  transaction: {
    id: string;
    type: TransactionType;
    amount: string;
    currency: Currency;
    authorizationCode?: string;
    receipt: string;
    targetTransactionId?: string;
    /** The merchant's reference and the source (`INTERNET`, `MOTO`…), when the request gave them. */
    [given: string]: unknown;
  };
  sourceOfFunds?: SourceOfFundsBody;
  authentication?: AuthenticationBody;
  /** A payment with a 3-D Secure 1 authentication: its id, and its result in Mastercard's 3DS1 words. */
  '3DSecureId'?: string;
  '3DSecure'?: ThreeDSecureBody;
  timeOfRecord: string;
  version: string;
}

/** The 3-D Secure 1 result of a payment, in Mastercard's `3DSecure` group. */
export interface ThreeDSecureBody {
  acsEci?: string;
  authenticationToken?: string;
  paResStatus: string;
  veResEnrolled: 'Y';
  xid: string;
}

/** Retrieve Order: the order's fields at the top, and every transaction as its own response body. */
export interface OrderResponseBody extends OrderBody, PayerBody {
  merchant: string;
  result: 'SUCCESS';
  sourceOfFunds?: SourceOfFundsBody;
  transaction: TransactionResponseBody[];
}

export function orderBody(order: Order): OrderBody {
  const money = (minor: bigint) => formatAmount(minor, order.currency);
  // The description first, so nothing in it can stand in for the order's own fields.
  return {
    ...order.details?.order,
    id: order.id,
    amount: money(order.amount),
    currency: order.currency,
    status: order.status,
    totalAuthorizedAmount: money(order.totalAuthorizedAmount),
    totalCapturedAmount: money(order.totalCapturedAmount),
    totalRefundedAmount: money(order.totalRefundedAmount),
    creationTime: order.creationTime,
    lastUpdatedTime: order.lastUpdatedTime,
  };
}

function payerOf(order: Order): PayerBody {
  const { order: _described, ...payer } = order.details ?? {};
  return payer;
}

function transactionExtrasOf(transaction: Transaction): TransactionExtrasBody {
  const { transaction: _given, ...extras } = transaction.details ?? {};
  return extras;
}

function sourceOfFunds(funds: TransactionFunds | undefined): { sourceOfFunds?: SourceOfFundsBody } {
  return funds ? { sourceOfFunds: funds } : {};
}

export function buildTransactionResponse(
  order: Order,
  transaction: Transaction,
  apiVersion: string,
): TransactionResponseBody {
  return {
    merchant: order.merchantId,
    result: transaction.result,
    response: {
      gatewayCode: transaction.gatewayCode,
      acquirerCode: transaction.acquirerCode,
      ...(transaction.cardSecurityCode ? { cardSecurityCode: { ...transaction.cardSecurityCode } } : {}),
    },
    order: orderBody(order),
    transaction: {
      ...transaction.details?.transaction,
      id: transaction.id,
      type: transaction.type,
      amount: formatAmount(transaction.amount, transaction.currency),
      currency: transaction.currency,
      ...(transaction.authorizationCode ? { authorizationCode: transaction.authorizationCode } : {}),
      receipt: transaction.receipt,
      ...(transaction.targetTransactionId ? { targetTransactionId: transaction.targetTransactionId } : {}),
    },
    ...payerOf(order),
    ...transactionExtrasOf(transaction),
    ...sourceOfFunds(transaction.sourceOfFunds),
    ...(transaction.authentication ? authenticationFields(transaction.authentication) : {}),
    timeOfRecord: transaction.timeOfRecord,
    version: apiVersion,
  };
}

function authenticationFields(
  authentication: TransactionAuthentication,
): Pick<TransactionResponseBody, 'authentication' | '3DSecureId' | '3DSecure'> {
  const { threeDSecureId, xid, eci, authenticationValue, transStatus } = authentication;
  if (threeDSecureId === undefined || xid === undefined) {
    return { authentication: authenticationBody(authentication) };
  }
  return {
    '3DSecureId': threeDSecureId,
    '3DSecure': {
      ...(eci ? { acsEci: eci } : {}),
      ...(authenticationValue ? { authenticationToken: authenticationValue } : {}),
      paResStatus: transStatus,
      veResEnrolled: 'Y',
      xid,
    },
  };
}

function authenticationBody(authentication: TransactionAuthentication): AuthenticationBody {
  const { eci, authenticationValue, transactionId, dsTransactionId, acsTransactionId, protocolVersion } =
    authentication;
  return {
    '3ds': {
      ...(eci ? { acsEci: eci } : {}),
      ...(authenticationValue ? { authenticationToken: authenticationValue } : {}),
      transactionId,
    },
    '3ds2': {
      ...(dsTransactionId ? { dsTransactionId } : {}),
      ...(acsTransactionId ? { acsTransactionId } : {}),
      ...(protocolVersion ? { protocolVersion } : {}),
      transactionStatus: authentication.transStatus,
    },
    version: '3DS2',
    liabilityShift: authentication.liabilityShift,
  };
}

export function buildOrderResponse(order: Order, apiVersion: string): OrderResponseBody {
  const latestFunds = [...order.transactions].reverse().find((t) => t.sourceOfFunds)?.sourceOfFunds;
  return {
    ...orderBody(order),
    merchant: order.merchantId,
    result: 'SUCCESS',
    ...payerOf(order),
    ...sourceOfFunds(latestFunds),
    transaction: order.transactions.map((t) => buildTransactionResponse(order, t, apiVersion)),
  };
}
