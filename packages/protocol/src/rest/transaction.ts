import * as z from 'zod';
import { CardInput, SESSION_ID_PATTERN } from './session.ts';

/** Order and transaction ids are the merchant's own: 1–40 characters. */
export const RESOURCE_ID_PATTERN = /^[0-9A-Za-z_.:-]{1,40}$/;

/** A gateway token: 16 digits (see the gateway's token ids for why it can never be a card number). */
export const TOKEN_PATTERN = /^\d{16}$/;

export const SESSION_VERSION_PATTERN = /^[0-9a-f]{10}$/;

// Amounts stay strings here: the gateway reads them exactly, by the currency's minor unit, and names the
// field in its answer when one is not a valid amount.
const amount = z.string().max(32);
const currency = z.string().max(8);
const correlationId = z.string().min(1).max(100);
const text = (max: number) => z.string().min(1).max(max);

export const SessionReference = z.strictObject({
  id: z.string().regex(SESSION_ID_PATTERN),
  version: z.string().regex(SESSION_VERSION_PATTERN).optional(),
});

const CardSourceOfFunds = z.strictObject({
  type: z.literal('CARD'),
  token: z.string().regex(TOKEN_PATTERN).optional(),
  provided: z.strictObject({ card: CardInput }).optional(),
});

const orderDetails = {
  reference: text(200).optional(),
  description: text(127).optional(),
};

/**
 * A completed 3-D Secure authentication the payment goes ahead with, by its 3DS transaction id (the
 * `transaction_id` of a `POST /sessions` answer). The gateway refuses one for another card, amount,
 * currency or merchant, one that did not succeed, and one another payment used.
 */
export const PaymentAuthentication = z.strictObject({
  '3ds': z.strictObject({ transactionId: z.uuid() }),
});
export type PaymentAuthentication = z.infer<typeof PaymentAuthentication>;

/** PAY and AUTHORIZE: the card from the session, a token or the request; fields in the request win. */
const FundingRequest = z.strictObject({
  apiOperation: z.enum(['PAY', 'AUTHORIZE']),
  correlationId: correlationId.optional(),
  order: z
    .strictObject({ amount: amount.optional(), currency: currency.optional(), ...orderDetails })
    .optional(),
  session: SessionReference.optional(),
  sourceOfFunds: CardSourceOfFunds.optional(),
  authentication: PaymentAuthentication.optional(),
});

/** VERIFY checks the card without moving money, so it has no amount. */
const VerifyRequest = z.strictObject({
  apiOperation: z.literal('VERIFY'),
  correlationId: correlationId.optional(),
  order: z.strictObject({ currency: currency.optional(), ...orderDetails }).optional(),
  session: SessionReference.optional(),
  sourceOfFunds: CardSourceOfFunds.optional(),
});

const FollowUpRequest = z.strictObject({
  apiOperation: z.enum(['CAPTURE', 'REFUND']),
  correlationId: correlationId.optional(),
  transaction: z.strictObject({ amount: amount.optional(), currency: currency.optional() }).optional(),
});

const VoidRequest = z.strictObject({
  apiOperation: z.literal('VOID'),
  correlationId: correlationId.optional(),
  transaction: z
    .strictObject({ targetTransactionId: z.string().regex(RESOURCE_ID_PATTERN).optional() })
    .optional(),
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
  correlationId: correlationId.optional(),
});
