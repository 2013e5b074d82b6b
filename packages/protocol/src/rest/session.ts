import * as z from 'zod';

/**
 * Mastercard REST session schemas. Objects are strict so an unknown field is reported (UNSUPPORTED) rather
 * than silently dropped; a merchant relying on a field we do not keep must find out.
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
  session: z
    .strictObject({
      authenticationLimit: z.int().min(0).max(MAX_AUTHENTICATION_LIMIT).optional(),
    })
    .optional(),
});
export type CreateSessionRequest = z.infer<typeof CreateSessionRequest>;

const text = (max: number) => z.string().min(1).max(max);

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

export const Order = z.strictObject({
  amount: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,3})?$/)
    .optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  reference: text(200).optional(),
  description: text(127).optional(),
});

export const Customer = z.strictObject({
  email: z.email().max(256).optional(),
  firstName: text(50).optional(),
  lastName: text(50).optional(),
  mobilePhone: text(20).optional(),
  phone: text(20).optional(),
});

export const Address = z.strictObject({
  city: text(100).optional(),
  company: text(100).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  postcodeZip: text(10).optional(),
  stateProvince: text(20).optional(),
  street: text(100).optional(),
  street2: text(100).optional(),
});

export const UpdateSessionRequest = z.strictObject({
  correlationId: correlationId.optional(),
  order: Order.optional(),
  sourceOfFunds: z
    .strictObject({
      type: z.literal('CARD').optional(),
      provided: z.strictObject({ card: CardInput.optional() }).optional(),
    })
    .optional(),
  customer: Customer.optional(),
  billing: z.strictObject({ address: Address.optional() }).optional(),
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
