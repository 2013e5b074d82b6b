import * as z from 'zod';
import { SESSION_ID_PATTERN, TOKEN_PATTERN } from '../session.ts';

/**
 * The Checkout.com-shaped 3-D Secure sessions API (`POST /sessions`, `GET /sessions/{id}`), snake_case as
 * Checkout.com writes it. Objects strip fields they do not know, as Checkout.com ignores them; `null` is
 * taken for absent before parsing.
 */

const text = (max: number) => z.string().min(1).max(max);
const count = (max: number) => z.int().min(0).max(max);
const dateTime = z.iso.datetime({ offset: true });

/** An 8-digit date, YYYYMMDD, as a string or a number ("99991231" means no end). */
export const SeriesExpiry = z
  .union([z.string().regex(/^\d{8}$/), z.int().min(10_000_101).max(99_991_231)])
  .transform(String)
  .refine(isCalendarDate);

export const SessionAddress = z.object({
  address_line1: text(200).optional(),
  address_line2: text(200).optional(),
  address_line3: text(200).optional(),
  city: text(50).optional(),
  state: text(50).optional(),
  zip: text(50).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});

export const Phone = z.object({
  country_code: z
    .string()
    .regex(/^\+?\d{1,7}$/)
    .optional(),
  number: z.string().regex(/^\d{4,25}$/),
});

/** What every kind of source may add about the cardholder. */
const cardholder = {
  name: text(255).optional(),
  email: z.email().max(254).optional(),
  billing_address: SessionAddress.optional(),
  home_phone: Phone.optional(),
  mobile_phone: Phone.optional(),
  work_phone: Phone.optional(),
};

export const AUTHENTICATION_SCHEMES = [
  'visa',
  'mastercard',
  'amex',
  'jcb',
  'diners',
  'discover',
  'cartes_bancaires',
] as const;

export const CardSource = z.object({
  type: z.literal('card'),
  number: z.string().regex(/^\d{12,19}$/),
  expiry_month: z.int().min(1).max(12),
  expiry_year: z.int().min(2000).max(2099),
  scheme: z.enum(AUTHENTICATION_SCHEMES).optional(),
  ...cardholder,
});

/** A card a hosted session holds: the page's payment fields took it, so the merchant never handles the number. */
export const HostedSessionSource = z.object({
  type: z.literal('token'),
  token: z.string().regex(SESSION_ID_PATTERN),
  ...cardholder,
});

/** A card the gateway stores under a token (`POST …/token`). */
export const StoredCardSource = z.object({
  type: z.literal('id'),
  id: z.string().regex(TOKEN_PATTERN),
  ...cardholder,
});

export const SessionSource = z.discriminatedUnion('type', [
  CardSource,
  HostedSessionSource,
  StoredCardSource,
]);
export type SessionSource = z.infer<typeof SessionSource>;

export const AUTHENTICATION_TYPES = [
  'regular',
  'recurring',
  'installment',
  'add_card',
  'maintain_card',
] as const;
export const AUTHENTICATION_CATEGORIES = ['payment', 'non_payment'] as const;
export const TRANSACTION_TYPES = [
  'goods_service',
  'check_acceptance',
  'account_funding',
  'quashi_card_transaction',
  'prepaid_activation_and_load',
] as const;

/** A challenge preference, or an exemption the merchant asks the issuer for. */
export const CHALLENGE_INDICATORS = [
  'no_preference',
  'no_challenge_requested',
  'challenge_requested',
  'challenge_requested_mandate',
  'low_value',
  'secure_corporate_payment',
  'trusted_listing',
  'trusted_listing_prompt',
  'transaction_risk_assessment',
  'data_share',
] as const;
export type ChallengeIndicator = (typeof CHALLENGE_INDICATORS)[number];

export const HostedCompletion = z.object({
  type: z.literal('hosted'),
  success_url: text(2048),
  failure_url: text(2048),
  callback_url: text(2048).optional(),
});

export const NonHostedCompletion = z.object({
  type: z.literal('non_hosted'),
  callback_url: text(2048),
  challenge_notification_url: text(2048).optional(),
});

export const Completion = z.discriminatedUnion('type', [HostedCompletion, NonHostedCompletion]);
export type Completion = z.infer<typeof Completion>;

const series = {
  days_between_payments: z.int().min(1).max(9999).optional(),
  expiry: SeriesExpiry.optional(),
};
export const Recurring = z.object(series);
export const Installment = z.object({ number_of_payments: z.int().min(1).max(999), ...series });

/** Client user data: how the merchant authenticated the cardholder on its own site. */
const RequestorAuthentication = z.object({
  three_ds_req_auth_method: text(50).optional(),
  three_ds_req_auth_timestamp: dateTime.optional(),
  three_ds_req_auth_data: text(2048).optional(),
});

/** Cardholder account, purchase history, shipping address usage and suspicious activity. */
export const AccountInfo = z.object({
  purchase_count: count(9999).optional(),
  account_age: text(50).optional(),
  add_card_attempts: count(999).optional(),
  shipping_address_age: text(50).optional(),
  account_name_matches_shipping_name: z.boolean().optional(),
  suspicious_account_activity: z.boolean().optional(),
  transactions_today: count(999).optional(),
  transactions_per_year: count(999).optional(),
  authentication_method: text(50).optional(),
  cardholder_account_age_indicator: text(50).optional(),
  account_change: dateTime.optional(),
  account_change_indicator: text(50).optional(),
  account_date: dateTime.optional(),
  account_password_change: dateTime.optional(),
  account_password_change_indicator: text(50).optional(),
  payment_account_age: dateTime.optional(),
  shipping_address_usage: dateTime.optional(),
  account_type: text(50).optional(),
  account_id: text(64).optional(),
  three_ds_requestor_authentication_info: RequestorAuthentication.optional(),
});

/** Shipping method and delivery information. */
export const MerchantRiskInfo = z.object({
  delivery_email: z.email().max(254).optional(),
  delivery_timeframe: z.enum(['electronic_delivery', 'same_day', 'overnight', 'two_day_or_more']).optional(),
  is_preorder: z.boolean().optional(),
  is_reorder: z.boolean().optional(),
  shipping_indicator: z
    .enum([
      'billing_address',
      'another_address_on_file',
      'not_on_file',
      'store_pick_up',
      'digital_goods',
      'travel_and_event_no_shipping',
      'other',
    ])
    .optional(),
});

/** Prior transaction information: the cardholder's earlier authentication with the merchant. */
export const InitialTransaction = z.object({
  acs_transaction_id: z.uuid().optional(),
  authentication_method: text(50).optional(),
  authentication_timestamp: text(50).optional(),
  authentication_data: text(2048).optional(),
  initial_session_id: text(50).optional(),
});

/** Browser data a merchant collected itself (non-hosted); the gateway's own page collects it otherwise. */
export const ChannelData = z.object({
  channel: z.enum(['browser', 'app', 'merchant_initiated']),
  three_ds_method_completion: z.enum(['y', 'n', 'u']).optional(),
  accept_header: text(2048).optional(),
  java_enabled: z.boolean().optional(),
  javascript_enabled: z.boolean().optional(),
  language: text(35).optional(),
  color_depth: text(2).optional(),
  screen_height: text(6).optional(),
  screen_width: text(6).optional(),
  timezone: text(5).optional(),
  user_agent: text(2048).optional(),
  ip_address: text(45).optional(),
});

export const CreateAuthenticationSessionRequest = z.object({
  source: SessionSource,
  amount: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  processing_channel_id: text(50).optional(),
  marketplace: z.object({ sub_entity_id: text(50).optional() }).optional(),
  authentication_type: z.enum(AUTHENTICATION_TYPES).default('regular'),
  authentication_category: z.enum(AUTHENTICATION_CATEGORIES).default('payment'),
  account_info: AccountInfo.optional(),
  challenge_indicator: z.enum(CHALLENGE_INDICATORS).default('no_preference'),
  billing_descriptor: z.object({ name: text(50).optional() }).optional(),
  reference: text(80).optional(),
  merchant_risk_info: MerchantRiskInfo.optional(),
  prior_transaction_reference: text(100).optional(),
  transaction_type: z.enum(TRANSACTION_TYPES).default('goods_service'),
  shipping_address: SessionAddress.optional(),
  shipping_address_matches_billing: z.boolean().optional(),
  completion: Completion,
  channel_data: ChannelData.optional(),
  recurring: Recurring.optional(),
  installment: Installment.optional(),
  initial_transaction: InitialTransaction.optional(),
});
export type CreateAuthenticationSessionRequest = z.infer<typeof CreateAuthenticationSessionRequest>;

export const AUTHENTICATION_SESSION_STATUSES = [
  'pending',
  'processing',
  'challenged',
  'challenge_abandoned',
  'expired',
  'approved',
  'attempted',
  'unavailable',
  'declined',
  'rejected',
] as const;
export type AuthenticationSessionStatus = (typeof AUTHENTICATION_SESSION_STATUSES)[number];

export interface Link {
  href: string;
}

/** `POST /sessions` (202 pending, 201 when the outcome is known at once) and `GET /sessions/{id}`. */
export interface AuthenticationSession {
  id: string;
  transaction_id: string;
  scheme?: string;
  amount: number;
  currency: string;
  completed: boolean;
  challenged: boolean;
  authentication_type: string;
  authentication_category: string;
  status: AuthenticationSessionStatus;
  /** Whether the payment may go ahead authenticated: approved or attempted. Once completed. */
  approved?: boolean;
  protocol_version?: string;
  reference?: string;
  transaction_type: string;
  next_actions: ('redirect_cardholder' | 'complete')[];
  ds?: { ds_id?: string; reference_number?: string; transaction_id?: string };
  acs?: {
    reference_number?: string;
    transaction_id?: string;
    challenge_mandated?: boolean;
    challenge_cancel_reason?: 'cardholder_cancel';
  };
  /** The transStatus: Y, N, U, A, R or I. */
  response_code?: string;
  response_status_reason?: string;
  /** The authentication value (CAVV/AAV), base64. */
  cryptogram?: string;
  eci?: string;
  authentication_date?: string;
  exemption?: { requested?: string; applied?: string; trusted_beneficiary?: { status: 'Y' | 'N' } };
  flow_type?: 'frictionless' | 'challenged';
  challenge_indicator: string;
  liability_shift?: boolean;
  recurring?: { days_between_payments: number; expiry: string };
  installment?: { number_of_payments: number; days_between_payments: number; expiry: string };
  _links: { self: Link; redirect?: Link; callback_url?: Link; success_url?: Link; failure_url?: Link };
}

/** Checkout.com's error body: 422 for a request that fails validation, with every problem's code. */
export interface CheckoutErrorBody {
  request_id: string;
  error_type: string;
  error_codes?: string[];
}

function isCalendarDate(value: string): boolean {
  if (value === '99991231') return true;
  const [year, month, day] = [value.slice(0, 4), value.slice(4, 6), value.slice(6, 8)].map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
}
