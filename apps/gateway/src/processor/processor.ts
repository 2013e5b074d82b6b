import type { Currency } from '../domain/money/index.ts';
import type { TransactionAuthentication } from '../domain/orders/model.ts';
import type { CscGatewayCode, GatewayCode } from './codes.ts';

/**
 * The card as an acquirer needs it. It exists only in memory for the length of one call: a processor must
 * not log it, keep it, or copy any of it into its response.
 */
export interface ProcessorCard {
  number: string;
  /** Mastercard form: month '1'–'12' (a leading zero is accepted), year two digits. */
  expiry: { month: string; year: string };
  securityCode?: string;
  nameOnCard?: string;
}

/** A gift card as its program's processor needs it; the same care as a card. */
export interface ProcessorGiftCard {
  number: string;
  pin?: string;
  /** The gift card program. */
  localBrand: string;
}

/** An ACH bank account, for a debit (PAY) or a credit (REFUND) through the ACH network. */
export interface ProcessorAch {
  accountType: 'CONSUMER_CHECKING' | 'CONSUMER_SAVINGS' | 'CORPORATE_CHECKING';
  bankAccountHolder?: string;
  bankAccountNumber: string;
  routingNumber: string;
  secCode: 'WEB' | 'TEL';
}

/** What a payment is made with: the clear details of one payment type, for one call. */
export type ProcessorFunds =
  | { type: 'CARD'; card: ProcessorCard }
  | { type: 'GIFT_CARD'; giftCard: ProcessorGiftCard }
  | { type: 'ACH'; ach: ProcessorAch };

export interface TransactionReference {
  merchantId: string;
  orderId: string;
  transactionId: string;
}

/** PAY and AUTHORIZE (ACH: PAY only). Amounts are in the currency's minor units. */
export interface PaymentRequest extends TransactionReference {
  amount: bigint;
  currency: Currency;
  sourceOfFunds: ProcessorFunds;
  /** The 3-D Secure result, for the acquirer to pass to the issuer (ECI, CAVV/AAV, ids). */
  authentication?: TransactionAuthentication;
}

/** VERIFY checks the card (or gift card) with its issuer without moving money. */
export interface VerifyRequest extends TransactionReference {
  currency: Currency;
  sourceOfFunds: ProcessorFunds;
}

/** What the acquirer needs to find the earlier transaction a follow-up acts on. */
export interface TargetReference {
  transactionId: string;
  receipt: string;
  authorizationCode?: string;
}

/** CAPTURE and REFUND: no card, only the transaction they follow. */
export interface FollowUpRequest extends TransactionReference {
  amount: bigint;
  currency: Currency;
  target: TargetReference;
}

export type VoidableType = 'AUTHORIZATION' | 'CAPTURE' | 'PAYMENT' | 'REFUND';

export interface VoidRequest extends FollowUpRequest {
  targetType: VoidableType;
}

/** Only codes and references: nothing here is card data, so the whole response may be stored and logged. */
export interface ProcessorResponse {
  gatewayCode: GatewayCode;
  /** The acquirer's (ISO 8583 style) response code, e.g. '00' approved, '05' do not honour. */
  acquirerCode: string;
  /** The issuer's approval code; approvals only. */
  authorizationCode?: string;
  /** The acquirer's reference (RRN) of this transaction. */
  receipt: string;
  /** Absent when no CSC was checked (none given, or the issuer never answered). */
  cardSecurityCode?: { gatewayCode: CscGatewayCode; acquirerCode: string };
}

/** What a real acquirer connection implements. Declines are responses, not rejections: a promise rejects only when the call itself broke. */
export interface Processor {
  authorize(request: PaymentRequest): Promise<ProcessorResponse>;
  pay(request: PaymentRequest): Promise<ProcessorResponse>;
  verify(request: VerifyRequest): Promise<ProcessorResponse>;
  capture(request: FollowUpRequest): Promise<ProcessorResponse>;
  refund(request: FollowUpRequest): Promise<ProcessorResponse>;
  voidTransaction(request: VoidRequest): Promise<ProcessorResponse>;
}
