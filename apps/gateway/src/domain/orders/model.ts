import type { MaskedAch, MaskedCard, MaskedGiftCard } from '@hosted-session/protocol';
import type { JsonObject } from '../json-fields.ts';
import type { Currency } from '../money/index.ts';
import type { CscGatewayCode, GatewayCode, TransactionResult } from '../../processor/index.ts';

export const TRANSACTION_TYPES = [
  'PAYMENT',
  'AUTHORIZATION',
  'CAPTURE',
  'REFUND',
  'VERIFICATION',
  'VOID_AUTHORIZATION',
  'VOID_CAPTURE',
  'VOID_PAYMENT',
  'VOID_REFUND',
] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export const ORDER_STATUSES = [
  'AUTHORIZED',
  'PARTIALLY_CAPTURED',
  'CAPTURED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
  'VERIFIED',
  'FAILED',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * The 3-D Secure result a payment went ahead with, as the acquirer got it and the transaction shows it.
 * Codes and ids only.
 */
export interface TransactionAuthentication {
  /** The 3DS Server Transaction ID. */
  transactionId: string;
  protocolVersion?: string;
  transStatus: string;
  eci?: string;
  /** The CAVV/AAV, base64. */
  authenticationValue?: string;
  dsTransactionId?: string;
  acsTransactionId?: string;
  exemption?: string;
  liabilityShift: boolean;
  /** 3-D Secure 1 (protocol 1.0.2): the merchant's 3DSecureId and the XID. */
  threeDSecureId?: string;
  xid?: string;
}

/**
 * What the order is for and who pays, as the merchant described it in the session and the requests: Mastercard's
 * `order` fields beyond money (reference, description, notificationUrl, line items, sub-totals), `customer`,
 * `billing` and `shipping`. Amounts in the order currency's decimal form. Shown with the order and each of
 * its transactions; a later request's fields overwrite and add to them.
 */
export interface OrderDetails {
  order?: JsonObject;
  customer?: JsonObject;
  billing?: JsonObject;
  shipping?: JsonObject;
}

/** A transaction's own request fields, shown with it: `transaction.reference` and `source`, the payer's device, the shop software. */
export interface TransactionDetails {
  transaction?: JsonObject;
  device?: JsonObject;
  partnerSolutionId?: string;
  lineOfBusiness?: string;
}

/** The card as a transaction keeps it: masked, and never a CSC, which is gone once the operation used it. */
export type TransactionCard = Omit<MaskedCard, 'securityCode'>;

/** A gift card as a transaction keeps it: masked, and never its PIN. */
export type TransactionGiftCard = Omit<MaskedGiftCard, 'pin'>;

/** What a transaction was paid with, as Mastercard's `sourceOfFunds` shows it. */
export type TransactionFunds =
  | { type: 'CARD'; provided: { card: TransactionCard } }
  | { type: 'GIFT_CARD'; provided: { giftCard: TransactionGiftCard } }
  | { type: 'ACH'; provided: { ach: MaskedAch } };

/**
 * One operation as the gateway recorded it, approved or not. Records are never changed afterwards: a void
 * is a new transaction pointing at its target.
 */
export interface Transaction {
  id: string;
  type: TransactionType;
  /** Minor units; 0 for a verification. */
  amount: bigint;
  currency: Currency;
  result: TransactionResult;
  gatewayCode: GatewayCode;
  acquirerCode: string;
  authorizationCode?: string;
  receipt: string;
  cardSecurityCode?: { gatewayCode: CscGatewayCode; acquirerCode: string };
  sourceOfFunds?: TransactionFunds;
  /** PAY and AUTHORIZE that carried a 3-D Secure authentication. */
  authentication?: TransactionAuthentication;
  /** ISO 8601 instant. */
  timeOfRecord: string;
  /** Capture and refund: the order's authorization or payment; void: the transaction it voids. */
  targetTransactionId?: string;
  details?: TransactionDetails;
}

/** Totals are kept with the order for reading, and always equal what the transactions add up to. */
export interface Order {
  id: string;
  merchantId: string;
  currency: Currency;
  /** Minor units: the amount of the latest authorization or payment attempt (0 for a verification-only order). */
  amount: bigint;
  status: OrderStatus;
  totalAuthorizedAmount: bigint;
  totalCapturedAmount: bigint;
  totalRefundedAmount: bigint;
  /** ISO 8601 instants. */
  creationTime: string;
  lastUpdatedTime: string;
  /** In the order they were recorded. */
  transactions: readonly Transaction[];
  details?: OrderDetails;
}
