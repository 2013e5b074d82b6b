import * as z from 'zod/mini';
import { digitsOf, mayHoldCardData, normalizeExpiry } from '@hosted-session/card';
import {
  BROWSER_SESSION_METHOD,
  CARD_BRANDS,
  FUNDING_METHODS,
  browserSessionPath,
  type BrowserAchFields,
  type BrowserUpdateRequest,
  type ErrorReason,
  type FieldErrorKey,
  type FieldRole,
  type FormSessionUpdateFailure,
  type FormSessionUpdateFieldsInError,
  type FormSessionUpdateOk,
  type FormSessionUpdateResponse,
  type FrameConfig,
  type PaymentType,
} from '@hosted-session/protocol';
import type { FormValues } from './form-model.ts';
import { validateForm } from './validate-form.ts';

const UPDATE_TIMEOUT_MS = 20_000;

const Brand = z.enum(CARD_BRANDS);
/** A name the page gets back: one that could hold a card number or CSC is refused, whatever the gateway sent. */
const Name = z.string().check(z.refine((name) => !mayHoldCardData(name)));
/** Masked: x's and at most the last four digits (a card number may show its first six too). */
const MaskedTail = z.string().check(z.regex(/^x+\d{0,4}$/));

/**
 * The success body, checked before the page sees it: the page gets exactly these fields (anything else the
 * gateway sent, the remaining authentications included, is dropped), and a number that is not masked, or a
 * name that could hold a card number or CSC, is refused, whatever the gateway sent.
 */
const OkBase = {
  status: z.literal('ok'),
  merchant: z.string(),
  session: z.object({ id: z.string(), updateStatus: z.literal('SUCCESS'), version: z.string() }),
  version: z.string(),
};
const OkSchema: z.ZodMiniType<FormSessionUpdateOk> = z.union([
  z.object({
    ...OkBase,
    sourceOfFunds: z.object({
      provided: z.object({
        card: z.object({
          brand: Brand,
          scheme: Brand,
          fundingMethod: z.enum(FUNDING_METHODS),
          issuer: z.optional(z.string().check(z.maxLength(100))),
          localBrand: z.optional(z.string()),
          expiry: z.optional(z.object({ month: z.string(), year: z.string() })),
          nameOnCard: z.optional(Name),
          number: z.string().check(z.regex(/^\d{0,6}x+\d{0,4}$/)),
          securityCode: z.optional(z.literal('xxx')),
        }),
      }),
      type: z.literal('CARD'),
    }),
  }),
  z.object({
    ...OkBase,
    sourceOfFunds: z.object({
      provided: z.object({
        giftCard: z.object({
          brand: z.literal('LOCAL_BRAND_ONLY'),
          scheme: z.literal('LOCAL_BRAND_ONLY'),
          localBrand: z.string(),
          number: MaskedTail,
          pin: z.optional(z.literal('xxxx')),
        }),
      }),
      type: z.literal('GIFT_CARD'),
    }),
  }),
  z.object({
    ...OkBase,
    sourceOfFunds: z.object({
      provided: z.object({
        ach: z.object({
          accountType: z.enum(['CONSUMER_CHECKING', 'CONSUMER_SAVINGS', 'CORPORATE_CHECKING']),
          bankAccountHolder: z.optional(Name),
          bankAccountNumber: MaskedTail,
          routingNumber: z.string().check(z.regex(/^\d{9}$/)),
          secCode: z.optional(z.enum(['WEB', 'TEL'])),
        }),
      }),
      type: z.literal('ACH'),
    }),
  }),
]);

const Remaining = z.object({ authenticationsRemaining: z.number() });

const ErrorSchema = z.object({
  result: z.literal('ERROR'),
  error: z.object({
    cause: z.string(),
    explanation: z.optional(z.string().check(z.maxLength(300))),
    field: z.optional(z.string()),
    validationType: z.optional(z.string()),
    supportCode: z.optional(z.string()),
  }),
});
type GatewayError = z.infer<typeof ErrorSchema>['error'];

const CARD = 'sourceOfFunds.provided.card';
const GIFT_CARD = 'sourceOfFunds.provided.giftCard';
const ACH = 'sourceOfFunds.provided.ach';

/** The gateway's names for the fields (BrowserUpdateRequest) and the keys the page knows them by. */
const ERROR_KEYS: Record<string, FieldErrorKey[]> = {
  [`${CARD}.number`]: ['cardNumber'],
  [`${CARD}.securityCode`]: ['securityCode'],
  [`${CARD}.expiry`]: ['expiryMonth', 'expiryYear'],
  [`${CARD}.expiry.month`]: ['expiryMonth'],
  [`${CARD}.expiry.year`]: ['expiryYear'],
  [`${CARD}.nameOnCard`]: ['nameOnCard'],
  // A card that does not carry the local brand asked for: the number is the field the payer can change.
  localBrand: ['cardNumber'],
  [`${GIFT_CARD}.number`]: ['number'],
  [`${GIFT_CARD}.pin`]: ['pin'],
  [`${ACH}.accountType`]: ['accountType'],
  [`${ACH}.bankAccountHolder`]: ['bankAccountHolder'],
  [`${ACH}.bankAccountNumber`]: ['bankAccountNumber'],
  [`${ACH}.routingNumber`]: ['routingNumber'],
};

/**
 * Why the session cannot take an update any more (then `validate` says so for every field): its
 * authentication limit is used up, or the gateway no longer accepts it (expired, unknown).
 */
export type SessionProblem = Extract<ErrorReason, 'SESSION_AUTHENTICATION_LIMIT_EXCEEDED' | 'NOT_AUTHORIZED'>;

export interface UpdateRequest {
  paymentType: PaymentType;
  sessionId: string | undefined;
  roles: readonly FieldRole[];
  form: FormValues;
  localBrand?: string;
}

export interface UpdateDeps {
  config: FrameConfig;
  fetch: typeof fetch;
}

export interface UpdateOutcome {
  response: FormSessionUpdateResponse;
  /** Set when this answer shows the session can take no further update. */
  sessionProblem?: SessionProblem;
}

/** The payment type's fields as the gateway takes them: only fields the scope has and the payer filled. */
function requestBody({ paymentType, roles, form, localBrand }: UpdateRequest): BrowserUpdateRequest {
  const value = (role: FieldRole) => (roles.includes(role) ? (form.values.get(role) ?? '') : '');
  const given = <T extends object>(fields: T): T =>
    Object.fromEntries(Object.entries(fields).filter(([, field]) => field)) as T;
  switch (paymentType) {
    case 'card': {
      const expiry = normalizeExpiry(value('card.expiryMonth'), value('card.expiryYear'));
      const card = given({
        number: digitsOf(value('card.number')),
        securityCode: value('card.securityCode'),
        nameOnCard: value('card.nameOnCard'),
      });
      return {
        sourceOfFunds: { type: 'CARD', provided: { card: expiry ? { ...card, expiry } : card } },
        ...(localBrand ? { localBrand } : {}),
      };
    }
    case 'giftCard': {
      const giftCard = given({
        number: digitsOf(value('giftCard.number')),
        pin: value('giftCard.pin'),
        localBrand,
      });
      return { sourceOfFunds: { type: 'GIFT_CARD', provided: { giftCard } } };
    }
    case 'ach': {
      // The confirmation stays here: validateForm checked it against the number.
      const ach = given({
        accountType: value('ach.accountType') as BrowserAchFields['accountType'],
        bankAccountHolder: value('ach.bankAccountHolder'),
        bankAccountNumber: value('ach.bankAccountNumber'),
        routingNumber: value('ach.routingNumber'),
      });
      return { sourceOfFunds: { type: 'ACH', provided: { ach } } };
    }
  }
}

function systemError(
  session: string,
  version: string,
  message: string,
  status: FormSessionUpdateFailure['status'] = 'system_error',
): FormSessionUpdateFailure {
  return { status, session: { id: session }, errors: { message }, version };
}

function timedOut(session: string, version: string): FormSessionUpdateFailure {
  const message = `The gateway did not answer within ${UPDATE_TIMEOUT_MS / 1000} s.`;
  return systemError(session, version, message, 'request_timeout');
}

/** Says what went wrong in words a developer can act on; the gateway's own explanations carry no values. */
function failureMessage(httpStatus: number, error: GatewayError | undefined): string {
  const support = error?.supportCode ? ` (support code ${error.supportCode})` : '';
  switch (error?.cause) {
    case 'REQUEST_REJECTED':
      // 429: a card-testing limit (per address, card or merchant), which passes; the session is still good.
      if (httpStatus === 429) {
        return `The gateway is refusing updates for a while: ${error.explanation ?? 'too many requests.'} Try again later${support}.`;
      }
      return `The gateway rejected the update: the session's authentication limit is used up or the session may no longer be updated from the browser; create a new session${support}.`;
    case 'INVALID_REQUEST':
      return `The gateway refused the update: ${error.explanation ?? 'the request is not valid.'} (HTTP ${httpStatus})`;
    case 'SERVER_BUSY':
    case 'SERVER_FAILED':
      return `The gateway could not update the session right now; try again${support}.`;
    default:
      return `The gateway answered HTTP ${httpStatus} without a usable error.`;
  }
}

/**
 * What a refusal says of the session itself: the limit is used up (403), or the session is not one the
 * gateway takes any more (the credential refused, or the session unknown or expired, which the gateway
 * explains without naming a field).
 */
function problemOf(httpStatus: number, error: GatewayError | undefined): SessionProblem | undefined {
  if (httpStatus === 403 && error?.cause === 'REQUEST_REJECTED')
    return 'SESSION_AUTHENTICATION_LIMIT_EXCEEDED';
  if (httpStatus === 401) return 'NOT_AUTHORIZED';
  if (error?.cause === 'INVALID_REQUEST' && !error.field && /^Session /.test(error.explanation ?? '')) {
    return 'NOT_AUTHORIZED';
  }
  return undefined;
}

/**
 * `updateSessionFromForm(paymentType)`: validates the scope's fields of that type and, if they are all good,
 * puts them into the session through the gateway's browser endpoint, with the session id as the credential.
 */
export async function updateSession(request: UpdateRequest, deps: UpdateDeps): Promise<UpdateOutcome> {
  const { config } = deps;
  const version = config.apiVersion;
  const { sessionId } = request;
  if (!sessionId) {
    const message = 'No session id was configured: pass the session id to PaymentSession.configure.';
    return { response: systemError('', version, message) };
  }
  if (request.paymentType === 'giftCard' && !request.localBrand) {
    const message = "A gift card needs its program: call updateSessionFromForm('giftCard', localBrand).";
    return { response: systemError(sessionId, version, message) };
  }
  const { errors } = validateForm(request.paymentType, request.roles, request.form, config);
  if (Object.keys(errors).length > 0) {
    return { response: { status: 'fields_in_error', session: { id: sessionId }, errors, version } };
  }

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), UPDATE_TIMEOUT_MS);
  try {
    const response = await deps.fetch(browserSessionPath(version, config.merchantId, sessionId), {
      method: BROWSER_SESSION_METHOD,
      headers: {
        authorization: `Basic ${btoa(`merchant.${config.merchantId}:${sessionId}`)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(requestBody(request)),
      credentials: 'omit',
      cache: 'no-store',
      signal: controller.signal,
    });
    const json: unknown = await response.json().catch(() => undefined);
    if (controller.signal.aborted) return { response: timedOut(sessionId, version) };
    if (response.ok) {
      const ok = OkSchema.safeParse(json);
      if (!ok.success) {
        const message = 'The gateway answered the update with an unexpected body.';
        return { response: systemError(sessionId, version, message) };
      }
      const used = Remaining.safeParse(json).data?.authenticationsRemaining === 0;
      return {
        response: ok.data,
        ...(used ? { sessionProblem: 'SESSION_AUTHENTICATION_LIMIT_EXCEEDED' as const } : {}),
      };
    }
    const error = ErrorSchema.safeParse(json).data?.error;
    const keys = error?.field === undefined ? undefined : ERROR_KEYS[error.field];
    if (keys) {
      const problem = error?.validationType === 'MISSING' ? 'missing' : 'invalid';
      const fieldErrors: FormSessionUpdateFieldsInError['errors'] = {};
      for (const key of keys) fieldErrors[key] = problem;
      return {
        response: { status: 'fields_in_error', session: { id: sessionId }, errors: fieldErrors, version },
      };
    }
    const sessionProblem = problemOf(response.status, error);
    return {
      response: systemError(sessionId, version, failureMessage(response.status, error)),
      ...(sessionProblem ? { sessionProblem } : {}),
    };
  } catch {
    return {
      response: controller.signal.aborted
        ? timedOut(sessionId, version)
        : systemError(sessionId, version, 'The gateway could not be reached (network error).'),
    };
  } finally {
    clearTimeout(timer);
  }
}
