import * as z from 'zod';
import {
  Authentication,
  DecimalValue,
  LineOfBusiness,
  RESOURCE_ID_PATTERN,
  THREE_D_SECURE_ID_PATTERN,
  TRANSACTION_SOURCES,
  TransactionReference,
  orderDetailFields,
  payerFields,
} from './request-fields.ts';
import { CardInput, SESSION_ID_PATTERN, SOURCE_OF_FUNDS_TYPES, TOKEN_PATTERN } from './session.ts';

export const SESSION_VERSION_PATTERN = /^[0-9a-f]{10}$/;

// Amounts are read by the gateway, exactly, by the currency's minor unit; it names the field in its answer
// when one is not a valid amount. A currency is checked there too, so an unsupported one is told apart.
const currency = z.string().max(8);
const correlationId = z.string().min(1).max(100);

export const SessionReference = z.strictObject({
  id: z.string().regex(SESSION_ID_PATTERN),
  version: z.string().regex(SESSION_VERSION_PATTERN).optional(),
});

/**
 * What to pay with: the type names the session's payment details to use (a gift card or bank account comes
 * from the session only); a card may also come from a token, and card fields given here override the source's.
 */
const SourceOfFunds = z.strictObject({
  type: z.enum(SOURCE_OF_FUNDS_TYPES),
  token: z.string().regex(TOKEN_PATTERN).optional(),
  provided: z.strictObject({ card: CardInput }).optional(),
});

/** How the payer's authorization for this payment was given, and the merchant's own reference for it. */
const CardTransaction = z.strictObject({
  reference: TransactionReference.optional(),
  source: z.enum(TRANSACTION_SOURCES).optional(),
});

/** PAY and AUTHORIZE: the card from the session, a token or the request; fields in the request win. */
const FundingRequest = z.strictObject({
  apiOperation: z.enum(['PAY', 'AUTHORIZE']),
  correlationId: correlationId.optional(),
  order: z
    .strictObject({ amount: DecimalValue.optional(), currency: currency.optional(), ...orderDetailFields })
    .optional(),
  session: SessionReference.optional(),
  sourceOfFunds: SourceOfFunds.optional(),
  transaction: CardTransaction.optional(),
  authentication: Authentication.optional(),
  /** A successful 3-D Secure 1 authentication of this card and amount (CHECK_3DS_ENROLLMENT's id). */
  '3DSecureId': z.string().regex(THREE_D_SECURE_ID_PATTERN).optional(),
  ...payerFields,
});

/** VERIFY checks the card without moving money, so it has no amount, no line items and no sub-totals. */
const VerifyRequest = z.strictObject({
  apiOperation: z.literal('VERIFY'),
  correlationId: correlationId.optional(),
  order: z
    .strictObject({
      currency: currency.optional(),
      id: orderDetailFields.id,
      reference: orderDetailFields.reference,
      description: orderDetailFields.description,
      notificationUrl: orderDetailFields.notificationUrl,
    })
    .optional(),
  session: SessionReference.optional(),
  sourceOfFunds: SourceOfFunds.optional(),
  transaction: CardTransaction.optional(),
  ...payerFields,
});

/** What a follow-up may still change about the order: how the merchant refers to it and where news goes. */
const FollowUpOrder = z.strictObject({
  reference: orderDetailFields.reference,
  description: orderDetailFields.description,
  notificationUrl: orderDetailFields.notificationUrl,
});

const FollowUpRequest = z.strictObject({
  apiOperation: z.enum(['CAPTURE', 'REFUND']),
  correlationId: correlationId.optional(),
  order: FollowUpOrder.optional(),
  transaction: z
    .strictObject({
      amount: DecimalValue.optional(),
      currency: currency.optional(),
      reference: TransactionReference.optional(),
    })
    .optional(),
  partnerSolutionId: payerFields.partnerSolutionId,
  lineOfBusiness: payerFields.lineOfBusiness,
});

const VoidRequest = z.strictObject({
  apiOperation: z.literal('VOID'),
  correlationId: correlationId.optional(),
  order: FollowUpOrder.optional(),
  transaction: z
    .strictObject({
      targetTransactionId: z.string().regex(RESOURCE_ID_PATTERN).optional(),
      reference: TransactionReference.optional(),
    })
    .optional(),
  partnerSolutionId: payerFields.partnerSolutionId,
  lineOfBusiness: payerFields.lineOfBusiness,
});

/**
 * `PUT …/order/{orderId}/transaction/{transactionId}`. One strict shape per apiOperation, so a field the
 * operation does not take (a session on a CAPTURE) is reported UNSUPPORTED rather than silently ignored.
 */
export const TransactionRequest = z.discriminatedUnion('apiOperation', [
  FundingRequest,
  VerifyRequest,
  FollowUpRequest,
  VoidRequest,
]);
export type TransactionRequest = z.infer<typeof TransactionRequest>;

/** Create and Update Token take the card from a session. */
export const TokenRequest = z.strictObject({
  correlationId: correlationId.optional(),
  session: SessionReference,
  sourceOfFunds: z.strictObject({ type: z.literal('CARD') }).optional(),
});
export type TokenRequest = z.infer<typeof TokenRequest>;

export const PaymentOptionsInquiryRequest = z.strictObject({
  /** When given, it must name this operation (the URL already does). */
  apiOperation: z.literal('PAYMENT_OPTIONS_INQUIRY').optional(),
  correlationId: correlationId.optional(),
  lineOfBusiness: LineOfBusiness.optional(),
});
