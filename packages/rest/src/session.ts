import * as z from 'zod';
import {
  Authentication,
  CurrencyCode,
  DecimalValue,
  LineOfBusiness,
  orderDetailFields,
  payerFields,
  text,
} from './request-fields.ts';

/**
 * Mastercard REST session schemas. Objects are strict so an unknown field is reported (UNSUPPORTED) rather
 * than silently dropped; a merchant relying on a field we do not keep must find out. A JSON null anywhere in
 * a request means the field is absent (the gateway drops nulls before these schemas see the body).
 */

export const SESSION_ID_PATTERN = /^SESSION[0-9A-Za-z]{24,28}$/;
export const MERCHANT_ID_PATTERN = /^[0-9A-Za-z_-]{1,40}$/;
export const MIN_API_VERSION = 18;
export const MAX_API_VERSION = 100;
export const DEFAULT_AUTHENTICATION_LIMIT = 5;
export const MAX_AUTHENTICATION_LIMIT = 25;

export const UPDATE_STATUSES = ['NO_UPDATE', 'SUCCESS', 'FAILURE'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

const correlationId = z.string().min(1).max(100);

export const CreateSessionRequest = z.strictObject({
  correlationId: correlationId.optional(),
  lineOfBusiness: LineOfBusiness.optional(),
  session: z
    .strictObject({
      authenticationLimit: z.int().min(0).max(MAX_AUTHENTICATION_LIMIT).optional(),
    })
    .optional(),
});
export type CreateSessionRequest = z.infer<typeof CreateSessionRequest>;

export const CardExpiry = z.strictObject({
  month: z.string().regex(/^(0?[1-9]|1[0-2])$/),
  year: z.string().regex(/^\d{2}$/),
});

/** Card fields as the payer types them; the gateway re-validates them (Luhn, brand, CSC length, expiry). */
export const CardInput = z.strictObject({
  number: z
    .string()
    .regex(/^\d{9,19}$/)
    .optional(),
  expiry: CardExpiry.optional(),
  securityCode: z
    .string()
    .regex(/^\d{3,4}$/)
    .optional(),
  nameOnCard: text(256).optional(),
});
export type CardInput = z.infer<typeof CardInput>;

/** The order as a session keeps it for a later payment; its amounts are read by the currency's minor unit. */
export const SessionOrder = z.strictObject({
  amount: DecimalValue.optional(),
  currency: CurrencyCode.optional(),
  ...orderDetailFields,
});

export const UpdateSessionRequest = z.strictObject({
  /** Shop plugins send the operation's name, as the NVP API required; nothing else is accepted here. */
  apiOperation: z.literal('UPDATE_SESSION').optional(),
  correlationId: correlationId.optional(),
  order: SessionOrder.optional(),
  sourceOfFunds: z
    .strictObject({
      type: z.literal('CARD').optional(),
      provided: z.strictObject({ card: CardInput.optional() }).optional(),
    })
    .optional(),
  authentication: Authentication.optional(),
  ...payerFields,
});
export type UpdateSessionRequest = z.infer<typeof UpdateSessionRequest>;

/** The browser endpoint's body (see `BrowserCardUpdateRequest`): card fields only. */
export const BrowserCardUpdateRequest = z.strictObject({
  sourceOfFunds: z.strictObject({
    type: z.literal('CARD'),
    provided: z.strictObject({ card: CardInput }),
  }),
  localBrand: text(40).optional(),
});

export interface CreateSessionResponse {
  correlationId?: string;
  lineOfBusiness?: string;
  merchant: string;
  result: 'SUCCESS';
  session: {
    aes256Key: string;
    authenticationLimit: number;
    id: string;
    updateStatus: UpdateStatus;
    version: string;
  };
}

/** Update and Retrieve answer the session's content (card masked) with its identity. */
export interface SessionResponse {
  correlationId?: string;
  merchant: string;
  session: { id: string; authenticationLimit: number; updateStatus: UpdateStatus; version: string };
  [field: string]: unknown;
}
