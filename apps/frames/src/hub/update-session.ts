import * as z from 'zod/mini';
import { digitsOf, mayHoldCardData, normalizeExpiry } from '@hosted-session/card';
import {
  BROWSER_SESSION_METHOD,
  CARD_BRANDS,
  FUNDING_METHODS,
  browserSessionPath,
  type BrowserCardUpdateRequest,
  type CardFieldErrorKey,
  type CardRole,
  type FormSessionUpdateFailure,
  type FormSessionUpdateFieldsInError,
  type FormSessionUpdateResponse,
  type FrameConfig,
} from '@hosted-session/protocol';
import type { FormValues } from './form-model.ts';
import { validateForm } from './validate-form.ts';

const UPDATE_TIMEOUT_MS = 20_000;

const Brand = z.enum(CARD_BRANDS);

/**
 * The success body, checked before the page sees it: the page gets exactly these fields, and a number that
 * is not masked (first six, x's, last four), or a name that could hold a card number or CSC (one stored
 * before the gateway refused such names), is refused, whatever the gateway sent.
 */
const OkSchema = z.object({
  status: z.literal('ok'),
  merchant: z.string(),
  session: z.object({ id: z.string(), updateStatus: z.literal('SUCCESS'), version: z.string() }),
  sourceOfFunds: z.object({
    provided: z.object({
      card: z.object({
        brand: Brand,
        scheme: Brand,
        fundingMethod: z.enum(FUNDING_METHODS),
        expiry: z.optional(z.object({ month: z.string(), year: z.string() })),
        nameOnCard: z.optional(z.string().check(z.refine((name) => !mayHoldCardData(name)))),
        number: z.string().check(z.regex(/^\d{0,6}x+\d{0,4}$/)),
        securityCode: z.optional(z.literal('xxx')),
      }),
    }),
    type: z.literal('CARD'),
  }),
  version: z.string(),
  secureTokenId: z.optional(z.string().check(z.regex(/^\d{16}$/))),
});

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

/** The gateway's names for the card fields (BrowserCardUpdateRequest) and the keys the page knows them by. */
const ERROR_KEYS: Record<string, CardFieldErrorKey[]> = {
  'sourceOfFunds.provided.card.number': ['cardNumber'],
  'sourceOfFunds.provided.card.securityCode': ['securityCode'],
  'sourceOfFunds.provided.card.expiry': ['expiryMonth', 'expiryYear'],
  'sourceOfFunds.provided.card.expiry.month': ['expiryMonth'],
  'sourceOfFunds.provided.card.expiry.year': ['expiryYear'],
  'sourceOfFunds.provided.card.nameOnCard': ['nameOnCard'],
};

export interface UpdateRequest {
  sessionId: string | undefined;
  roles: readonly CardRole[];
  form: FormValues;
  localBrand?: string;
}

export interface UpdateDeps {
  config: FrameConfig;
  fetch: typeof fetch;
}

/** The card as the gateway takes it: only fields the scope has and the payer filled, number as digits. */
function requestBody(request: UpdateRequest): BrowserCardUpdateRequest {
  const value = (role: CardRole) =>
    request.roles.includes(role) ? (request.form.values.get(role) ?? '') : '';
  const card: BrowserCardUpdateRequest['sourceOfFunds']['provided']['card'] = {};
  const number = digitsOf(value('card.number'));
  if (number) card.number = number;
  const expiry = normalizeExpiry(value('card.expiryMonth'), value('card.expiryYear'));
  if (expiry) card.expiry = expiry;
  const securityCode = value('card.securityCode');
  if (securityCode) card.securityCode = securityCode;
  const nameOnCard = value('card.nameOnCard');
  if (nameOnCard) card.nameOnCard = nameOnCard;
  const body: BrowserCardUpdateRequest = { sourceOfFunds: { type: 'CARD', provided: { card } } };
  if (request.localBrand) body.localBrand = request.localBrand;
  return body;
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
 * `updateSessionFromForm('card')`: validates the scope's fields and, if they are all good, puts the card into
 * the session through the gateway's browser endpoint, with the session id as the credential.
 */
export async function updateSession(
  request: UpdateRequest,
  deps: UpdateDeps,
): Promise<FormSessionUpdateResponse> {
  const { config } = deps;
  const version = config.apiVersion;
  const { sessionId } = request;
  if (!sessionId) {
    return systemError(
      '',
      version,
      'No session id was configured: pass the session id to PaymentSession.configure.',
    );
  }
  const { errors } = validateForm(request.roles, request.form, config);
  if (Object.keys(errors).length > 0) {
    return { status: 'fields_in_error', session: { id: sessionId }, errors, version };
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
    if (controller.signal.aborted) return timedOut(sessionId, version);
    if (response.ok) {
      const ok = OkSchema.safeParse(json);
      return ok.success
        ? ok.data
        : systemError(sessionId, version, 'The gateway answered the update with an unexpected body.');
    }
    const error = ErrorSchema.safeParse(json).data?.error;
    const keys = error?.field === undefined ? undefined : ERROR_KEYS[error.field];
    if (keys) {
      const problem = error?.validationType === 'MISSING' ? 'missing' : 'invalid';
      const fieldErrors: FormSessionUpdateFieldsInError['errors'] = {};
      for (const key of keys) fieldErrors[key] = problem;
      return { status: 'fields_in_error', session: { id: sessionId }, errors: fieldErrors, version };
    }
    return systemError(sessionId, version, failureMessage(response.status, error));
  } catch {
    return controller.signal.aborted
      ? timedOut(sessionId, version)
      : systemError(sessionId, version, 'The gateway could not be reached (network error).');
  } finally {
    clearTimeout(timer);
  }
}
