import { checkExpiry, checkNumber } from '@hosted-session/card';
import {
  CreateAuthenticationSessionRequest,
  type Completion,
  type SessionSource,
} from '@hosted-session/rest/checkout';
import { MAX_API_VERSION } from '@hosted-session/rest';
import type * as z from 'zod';
import { ExpiredSessionError, GatewayError } from '../../domain/errors.ts';
import { isReturnUrl, type Merchant } from '../../domain/merchants.ts';
import { isSupportedCurrency } from '../../domain/money/index.ts';
import type { SessionService } from '../../domain/sessions.ts';
import type { AuthenticationPurpose, NewAuthentication } from '../../domain/threeds/index.ts';
import type { TokenService } from '../../domain/tokens.ts';
import { valueAt, withoutNulls } from '../../domain/validation.ts';
import type { JsonValue } from '../../store/store.ts';
import { EXEMPTIONS, type Exemption } from '../../threeds-server/index.ts';
import { CheckoutValidationError } from './errors.ts';

export interface SessionRequestContext {
  merchant: Merchant;
  sessions: SessionService;
  tokens: TokenService;
  now: Date;
  /** The API's own origin as the merchant called it, for the links of later answers and callbacks. */
  base: string;
}

/** A series without an agreed end runs until 9999-12-31. */
const NO_END = '99991231';
const NO_ERRORS: readonly string[] = [];

/**
 * Reads `POST /sessions` into what the engine authenticates. Every problem is collected (Checkout.com lists
 * them all in `error_codes`), and none quotes a value. A source that names a hosted session or a stored card
 * is resolved here, so the merchant never handles the number.
 */
export async function readSessionRequest(
  body: unknown,
  context: SessionRequestContext,
): Promise<NewAuthentication> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new CheckoutValidationError(['request_body_invalid']);
  }
  // `null` means absent, as clients that serialise every field send it.
  const given = withoutNulls(body) as Record<string, unknown>;
  const parsed = CreateAuthenticationSessionRequest.safeParse(given);
  if (!parsed.success) throw new CheckoutValidationError(codesOf(parsed.error, given));
  const request = parsed.data;

  const codes = [
    ...moneyProblems(request),
    ...completionProblems(request.completion, context.merchant),
    ...seriesProblems(request, context.now),
  ];
  const card = await resolveCard(request.source, context).catch((error: unknown) => {
    if (error instanceof CheckoutValidationError) {
      codes.push(...error.codes);
      return undefined;
    }
    throw error;
  });
  if (codes.length > 0 || !card) throw new CheckoutValidationError([...new Set(codes)]);

  const indicator = request.challenge_indicator;
  const exemption = (EXEMPTIONS as readonly string[]).includes(indicator)
    ? (indicator as Exemption)
    : undefined;
  const { purpose, echo } = purposeOf(request);
  return {
    merchant: context.merchant,
    card,
    amount: BigInt(request.amount ?? 0),
    currency: request.currency as NewAuthentication['currency'],
    ...(request.billing_descriptor?.name ? { merchantName: request.billing_descriptor.name } : {}),
    // An exemption the issuer cannot apply falls back to "no challenge requested", as Checkout.com does.
    challengePreference: exemption
      ? 'no_challenge_requested'
      : indicator === 'data_share'
        ? 'no_preference'
        : (indicator as NewAuthentication['challengePreference']),
    ...(exemption ? { exemption } : {}),
    purpose,
    riskData: riskDataOf(request),
    face: {
      kind: 'checkout',
      base: context.base,
      challenge_indicator: indicator,
      ...(request.reference ? { reference: request.reference } : {}),
      completion: request.completion,
      ...echo,
    },
  };
}

function moneyProblems(request: CreateAuthenticationSessionRequest): readonly string[] {
  const codes: string[] = [];
  if (request.currency === undefined) codes.push('currency_required');
  else if (!isSupportedCurrency(request.currency)) codes.push('currency_invalid');
  if (request.amount === undefined && request.authentication_category === 'payment')
    codes.push('amount_required');
  return codes;
}

/**
 * Where the cardholder is sent back, and where results are posted: absolute http(s) URLs without
 * credentials, and outside the sandbox on an origin the merchant registered, so a session can neither
 * redirect the cardholder to an attacker nor make the gateway call one.
 */
function completionProblems(completion: Completion, merchant: Merchant): readonly string[] {
  const urls: [string, string | undefined][] =
    completion.type === 'hosted'
      ? [
          ['success_url', completion.success_url],
          ['failure_url', completion.failure_url],
          ['callback_url', completion.callback_url],
        ]
      : [
          ['callback_url', completion.callback_url],
          ['challenge_notification_url', completion.challenge_notification_url],
        ];
  return urls.flatMap(([field, url]) =>
    url === undefined || isReturnUrl(url, merchant) ? NO_ERRORS : [`${field}_invalid`],
  );
}

function seriesProblems(request: CreateAuthenticationSessionRequest, now: Date): readonly string[] {
  const today = now.toISOString().slice(0, 10).replaceAll('-', '');
  const codes: string[] = [];
  if (request.authentication_type === 'installment' && !request.installment)
    codes.push('installment_required');
  for (const [name, series] of [
    ['recurring', request.authentication_type === 'recurring' ? request.recurring : undefined],
    ['installment', request.authentication_type === 'installment' ? request.installment : undefined],
  ] as const) {
    if (series?.expiry !== undefined && series.expiry < today) codes.push(`${name}_expiry_invalid`);
  }
  return codes;
}

/** The schedule of a recurring or installment series, with the defaults; ignored for other types. */
function purposeOf(request: CreateAuthenticationSessionRequest): {
  purpose: AuthenticationPurpose;
  echo: { recurring?: JsonValue; installment?: JsonValue };
} {
  const base = {
    type: request.authentication_type,
    category: request.authentication_category,
    transactionType: request.transaction_type,
  };
  if (request.authentication_type === 'recurring') {
    const days = request.recurring?.days_between_payments ?? 1;
    const expiry = request.recurring?.expiry ?? NO_END;
    return {
      purpose: { ...base, recurring: { daysBetweenPayments: days, expiry } },
      echo: { recurring: { days_between_payments: days, expiry } },
    };
  }
  if (request.authentication_type === 'installment' && request.installment) {
    const { number_of_payments: payments } = request.installment;
    const days = request.installment.days_between_payments ?? 1;
    const expiry = request.installment.expiry ?? NO_END;
    return {
      purpose: { ...base, recurring: { daysBetweenPayments: days, expiry, numberOfPayments: payments } },
      echo: { installment: { number_of_payments: payments, days_between_payments: days, expiry } },
    };
  }
  return { purpose: base, echo: {} };
}

/** What the merchant told about the cardholder, passed on to the issuer as given. */
function riskDataOf(request: CreateAuthenticationSessionRequest): NewAuthentication['riskData'] {
  const { source } = request;
  const data: Record<string, unknown> = {
    account_info: request.account_info,
    merchant_risk_info: request.merchant_risk_info,
    shipping_address: request.shipping_address,
    shipping_address_matches_billing: request.shipping_address_matches_billing,
    prior_transaction_reference: request.prior_transaction_reference,
    initial_transaction: request.initial_transaction,
    channel_data: request.channel_data,
    cardholder_name: source.name,
    email: source.email,
    billing_address: source.billing_address,
    home_phone: source.home_phone,
    mobile_phone: source.mobile_phone,
    work_phone: source.work_phone,
  };
  return JSON.parse(JSON.stringify(data)) as NewAuthentication['riskData'];
}

async function resolveCard(
  source: SessionSource,
  context: SessionRequestContext,
): Promise<NewAuthentication['card']> {
  const { merchant } = context;
  if (source.type === 'card') {
    const number = checkNumber(source.number, { supportedBrands: merchant.supportedBrands });
    const expiry = checkExpiry(String(source.expiry_month), String(source.expiry_year), context.now);
    const codes = [
      ...(number.isValid ? NO_ERRORS : ['card_number_invalid']),
      ...(expiry.isValid
        ? NO_ERRORS
        : [expiry.errorReason === 'EXPIRED' ? 'card_expired' : 'card_expiry_year_invalid']),
    ];
    if (codes.length > 0) throw new CheckoutValidationError(codes);
    return {
      number: source.number,
      expiry: { month: String(source.expiry_month), year: String(source.expiry_year).slice(-2) },
    };
  }
  if (source.type === 'token') {
    try {
      const { number, expiry } = await context.sessions.cardOf(merchant, source.token);
      return { number, expiry };
    } catch (error) {
      // Unknown, another merchant's, not yet holding a card: all the same to the caller.
      if (error instanceof ExpiredSessionError) throw new CheckoutValidationError(['token_expired']);
      if (error instanceof GatewayError && error.status < 500)
        throw new CheckoutValidationError(['token_invalid']);
      throw error;
    }
  }
  const stored = await context.tokens.find({ merchant, apiVersion: String(MAX_API_VERSION) }, source.id);
  if (!stored) throw new CheckoutValidationError(['source_id_invalid']);
  const { number, expiry } = context.tokens.clearCard(stored);
  return { number, expiry };
}

/** Field codes in Checkout.com's style; the card's fields are `card_…`, as its API names them. */
const FIELD_NAMES: Record<string, string> = {
  'source.number': 'card_number',
  'source.expiry_month': 'card_expiry_month',
  'source.expiry_year': 'card_expiry_year',
  'source.name': 'card_name',
  'source.token': 'token',
  'completion.success_url': 'success_url',
  'completion.failure_url': 'failure_url',
  'completion.callback_url': 'callback_url',
  'completion.challenge_notification_url': 'challenge_notification_url',
  'completion.type': 'completion_type',
  'installment.number_of_payments': 'number_of_payments',
};

function codesOf(error: z.ZodError, body: unknown): string[] {
  const codes = error.issues.map((issue) => {
    const path = issue.path.filter((key) => typeof key === 'string');
    const dotted = path.join('.');
    const name = FIELD_NAMES[dotted] ?? path.join('_');
    if (name === '') return 'request_body_invalid';
    return `${name}_${valueAt(body, issue.path) === undefined ? 'required' : 'invalid'}`;
  });
  return [...new Set(codes)];
}
