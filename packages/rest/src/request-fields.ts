import * as z from 'zod';
import { containsPanLikeRun } from '@hosted-session/card';

/**
 * Field groups that Update Session and the transaction operations share, as Mastercard defines them: what the
 * order is for, who pays, where it goes. Lengths and value lists follow Mastercard's API reference.
 */

/** Order and transaction ids are the merchant's own: 1–40 characters. */
export const RESOURCE_ID_PATTERN = /^[0-9A-Za-z_.:-]{1,40}$/;

/**
 * Mastercard's id for a 3-D Secure 1 authentication (`…/3DSecureId/{3DSecureId}`, and `3DSecureId` in a PAY):
 * the merchant's choice, 1 to 64 printable ASCII characters.
 */
export const THREE_D_SECURE_ID_PATTERN = /^[\x21-\x7E]{1,64}$/;

/** Why a free-text field was refused: it holds what may be a card number (see `freeText`). */
export const CARD_NUMBER_IN_TEXT = 'CARD_NUMBER_IN_TEXT';

export const text = (max: number) => z.string().min(1).max(max);

/**
 * Text a person typed or a shop copied from its forms: names, address lines, references, descriptions. A card
 * number there (a payer told to type it into the wrong box) is refused, so it is never stored or echoed.
 */
export const freeText = (max: number) =>
  text(max).refine((value) => !containsPanLikeRun(value), { params: { reason: CARD_NUMBER_IN_TEXT } });

/**
 * A decimal value (an amount, a quantity): decimal text ("24.90") or a JSON number (24.9). The gateway reads
 * either exactly, an amount by its currency's minor unit, and names the field when a value is not exact.
 */
export const DecimalValue = z.union([z.string().max(32), z.number()]);

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/);

/** Mastercard: the URL must begin with https and be longer than 11 characters. */
const NotificationUrl = z
  .url({ protocol: /^https$/ })
  .min(12)
  .max(2048);

const CountryCode = z.string().regex(/^[A-Z]{3}$/);

export const Customer = z.strictObject({
  email: z.email().max(256).optional(),
  firstName: freeText(50).optional(),
  lastName: freeText(50).optional(),
  mobilePhone: text(20).optional(),
  phone: text(20).optional(),
});

export const Address = z.strictObject({
  city: freeText(100).optional(),
  company: freeText(100).optional(),
  country: CountryCode.optional(),
  postcodeZip: freeText(10).optional(),
  stateProvince: freeText(20).optional(),
  street: freeText(100).optional(),
  street2: freeText(100).optional(),
});

export const SHIPPING_METHODS = [
  'ELECTRONIC',
  'GROUND',
  'NOT_SHIPPED',
  'OVERNIGHT',
  'PICKUP',
  'PRIORITY',
  'SAME_DAY',
] as const;

export const Shipping = z.strictObject({
  address: Address.optional(),
  contact: Customer.optional(),
  method: z.enum(SHIPPING_METHODS).optional(),
});

export const CHALLENGE_WINDOW_SIZES = [
  '250_X_400',
  '390_X_400',
  '500_X_600',
  '600_X_400',
  'FULL_SCREEN',
] as const;

/** What 3-D Secure 2 asks of the payer's browser (EMV 3DS browser data), as Mastercard names it. */
export const BrowserDetails = z.strictObject({
  '3DSecureChallengeWindowSize': z.enum(CHALLENGE_WINDOW_SIZES).optional(),
  acceptHeaders: text(2048).optional(),
  colorDepth: z.int().min(0).max(64).optional(),
  javaEnabled: z.boolean().optional(),
  javaScriptEnabled: z.boolean().optional(),
  language: text(35).optional(),
  screenHeight: z.int().min(0).max(100_000).optional(),
  screenWidth: z.int().min(0).max(100_000).optional(),
  /** Minutes from UTC, as the browser's getTimezoneOffset() gives them. */
  timeZone: z.int().min(-900).max(900).optional(),
});

export const Device = z.strictObject({
  /** The payer's User-Agent. */
  browser: text(2048).optional(),
  browserDetails: BrowserDetails.optional(),
  ipAddress: z.union([z.ipv4(), z.ipv6()]).optional(),
});

export const OrderItem = z.strictObject({
  name: freeText(127),
  quantity: DecimalValue,
  unitPrice: DecimalValue,
  sku: freeText(127).optional(),
  description: freeText(127).optional(),
  brand: freeText(127).optional(),
  category: freeText(127).optional(),
  unitTaxAmount: DecimalValue.optional(),
});

/** What the order is for, beside its amount and currency. */
export const orderDetailFields = {
  /** The order id in the URL, repeated; any other value is refused. */
  id: z.string().regex(RESOURCE_ID_PATTERN).optional(),
  reference: freeText(200).optional(),
  description: freeText(127).optional(),
  notificationUrl: NotificationUrl.optional(),
  item: z.array(OrderItem).min(1).optional(),
  itemAmount: DecimalValue.optional(),
  taxAmount: DecimalValue.optional(),
  shippingAndHandlingAmount: DecimalValue.optional(),
  discountAmount: DecimalValue.optional(),
  discount: z
    .strictObject({
      amount: DecimalValue.optional(),
      code: freeText(40).optional(),
      description: freeText(127).optional(),
    })
    .optional(),
};

export const TRANSACTION_SOURCES = [
  'CALL_CENTRE',
  'CARD_PRESENT',
  'INTERNET',
  'MAIL_ORDER',
  'MERCHANT',
  'MOTO',
  'TELEPHONE_ORDER',
  'VOICE_RESPONSE',
] as const;

export const TransactionReference = freeText(40);

/** Mastercard: any characters except space. */
export const LineOfBusiness = text(100).regex(/^\S+$/);

/** Who pays and where the goods go, and the shop software that sent the request. */
export const payerFields = {
  customer: Customer.optional(),
  billing: z.strictObject({ address: Address.optional() }).optional(),
  shipping: Shipping.optional(),
  device: Device.optional(),
  /** The id of the shop software (a cart plugin) the payment service provider issued. */
  partnerSolutionId: text(40).optional(),
  lineOfBusiness: LineOfBusiness.optional(),
};

export const AUTHENTICATION_CHANNELS = ['MERCHANT_REQUESTED', 'PAYER_APP', 'PAYER_BROWSER'] as const;
export const AUTHENTICATION_PURPOSES = [
  'ADD_CARD',
  'MAINTAIN_CARD',
  'PAYMENT_TRANSACTION',
  'REFRESH_AUTHENTICATION',
] as const;

/**
 * Mastercard's `authentication` group, one shape for a session and a payment: how the payer is to be
 * authenticated (3-D Secure), kept with the session for the authentication to read, and the completed
 * authentication a PAY or AUTHORIZE goes ahead with, by its 3DS Server transaction id (the `transaction_id` of
 * a `POST /sessions` answer) or by the id of the order's own authentication transaction (`transactionId`, from
 * INITIATE_AUTHENTICATION and AUTHENTICATE_PAYER, named by the payment only). A payment reads the reference
 * from its request, else from its session; the gateway refuses one for another card, amount, currency or
 * merchant, one that did not succeed, and one another payment used.
 */
export const Authentication = z.strictObject({
  /** A comma-separated list: "3DS1", "3DS2" or both. */
  acceptVersions: z
    .string()
    .regex(/^3DS[12](,3DS[12])*$/)
    .optional(),
  channel: z.enum(AUTHENTICATION_CHANNELS).optional(),
  purpose: z.enum(AUTHENTICATION_PURPOSES).optional(),
  redirectResponseUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
  '3ds': z.strictObject({ transactionId: z.uuid() }).optional(),
  /** The merchant's id of an INITIATE_AUTHENTICATION / AUTHENTICATE_PAYER transaction on the same order. */
  transactionId: z.string().regex(RESOURCE_ID_PATTERN).optional(),
});
export type Authentication = z.infer<typeof Authentication>;
