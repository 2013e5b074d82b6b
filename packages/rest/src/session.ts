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

/** A gateway token: 16 digits (see the gateway's token ids for why it can never be a card number). */
export const TOKEN_PATTERN = /^\d{16}$/;
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

/** Mastercard's payment types, as `sourceOfFunds.type` names them. */
export const SOURCE_OF_FUNDS_TYPES = ['CARD', 'GIFT_CARD', 'ACH'] as const;
export type SourceOfFundsType = (typeof SOURCE_OF_FUNDS_TYPES)[number];

/** A local brand: a gift card program, or a domestic scheme a co-badged card also carries. */
export const LOCAL_BRAND_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
export const LocalBrand = z.string().regex(LOCAL_BRAND_PATTERN);

/** A gift card; the gateway checks the number's and PIN's lengths again (`checkGiftCardNumber`). */
export const GiftCardInput = z.strictObject({
  number: z
    .string()
    .regex(/^\d{7,19}$/)
    .optional(),
  pin: z
    .string()
    .regex(/^\d{4,8}$/)
    .optional(),
  localBrand: LocalBrand.optional(),
});
export type GiftCardInput = z.infer<typeof GiftCardInput>;

/** An ACH bank account; the gateway checks the routing number (ABA checksum) and the holder's name again. */
export const AchInput = z.strictObject({
  accountType: z.enum(['CONSUMER_CHECKING', 'CONSUMER_SAVINGS', 'CORPORATE_CHECKING']).optional(),
  bankAccountHolder: text(28).optional(),
  bankAccountNumber: z
    .string()
    .regex(/^\d{4,17}$/)
    .optional(),
  routingNumber: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  /** NACHA's entry class: WEB (authorized online, the default from the browser) or TEL (by telephone). */
  secCode: z.enum(['WEB', 'TEL']).optional(),
});
export type AchInput = z.infer<typeof AchInput>;

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
      type: z.enum(SOURCE_OF_FUNDS_TYPES).optional(),
      /** A saved card: a payment with the session pays with it, the session's card fields over its own. */
      token: z.string().regex(TOKEN_PATTERN).optional(),
      provided: z
        .strictObject({
          card: CardInput.optional(),
          giftCard: GiftCardInput.optional(),
          ach: AchInput.optional(),
        })
        .optional(),
    })
    .optional(),
  /**
   * A session outlives an order, so it never names one order's authentication transaction: a payment names that
   * itself (`authentication.transactionId` is UNSUPPORTED here).
   */
  authentication: Authentication.omit({ transactionId: true }).optional(),
  ...payerFields,
});
export type UpdateSessionRequest = z.infer<typeof UpdateSessionRequest>;

/**
 * The browser endpoint's bodies (see `BrowserUpdateRequest`), one per payment type: `sourceOfFunds.type` picks
 * which applies (`BROWSER_UPDATE_REQUESTS`), so a field error names the field, not the whole union.
 */
export const BrowserCardUpdateRequest = z.strictObject({
  sourceOfFunds: z.strictObject({
    type: z.literal('CARD'),
    provided: z.strictObject({ card: CardInput }),
  }),
  localBrand: LocalBrand.optional(),
});

export const BrowserGiftCardUpdateRequest = z.strictObject({
  sourceOfFunds: z.strictObject({
    type: z.literal('GIFT_CARD'),
    provided: z.strictObject({ giftCard: GiftCardInput }),
  }),
});

export const BrowserAchUpdateRequest = z.strictObject({
  sourceOfFunds: z.strictObject({
    type: z.literal('ACH'),
    provided: z.strictObject({ ach: AchInput.omit({ secCode: true }) }),
  }),
});

export type BrowserUpdateBody =
  | z.infer<typeof BrowserCardUpdateRequest>
  | z.infer<typeof BrowserGiftCardUpdateRequest>
  | z.infer<typeof BrowserAchUpdateRequest>;

export const BROWSER_UPDATE_REQUESTS: Record<SourceOfFundsType, z.ZodType<BrowserUpdateBody>> = {
  CARD: BrowserCardUpdateRequest,
  GIFT_CARD: BrowserGiftCardUpdateRequest,
  ACH: BrowserAchUpdateRequest,
};

/** Enough of a browser update to pick its schema. */
export const BrowserUpdateType = z.object({
  sourceOfFunds: z.object({ type: z.enum(SOURCE_OF_FUNDS_TYPES) }),
});

/** A session created from the page takes no fields: its limit and content are the merchant server's to set. */
export const BrowserCreateSessionRequest = z.strictObject({});

/** The hub's claim of a session token for its page load (`BrowserSessionClaim`). */
export const BrowserSessionClaimRequest = z.strictObject({ pageLoad: z.string().regex(/^[\w-]{16,64}$/) });

/** The BIN look-up's body (`BinLookupRequest`): six to eight leading digits, never a whole card number. */
export const BinLookupRequest = z.strictObject({ bin: z.string().regex(/^\d{6,8}$/) });

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
