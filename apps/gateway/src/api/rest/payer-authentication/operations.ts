import { setTimeout as sleep } from 'node:timers/promises';
import {
  AuthenticationOperationRequest,
  type AuthenticatePayerRequest,
  type InitiateAuthenticationRequest,
} from '@hosted-session/rest';
import { InvalidRequestError, ServerBusyError } from '../../../domain/errors.ts';
import { FundsSources, type FundsSourceRequest } from '../../../domain/funds-source.ts';
import { isJsonObject, mergeFields, toJsonObject, type JsonObject } from '../../../domain/json-fields.ts';
import { isAllowedOrigin, isReturnUrl, type Merchant } from '../../../domain/merchants.ts';
import { amountAt, currencyAt } from '../../../domain/orders/fields.ts';
import { invalidField, missingField, unsupportedField } from '../../../domain/orders/index.ts';
import type { SessionScope } from '../../../domain/sessions.ts';
import type {
  AuthenticationPurpose,
  AuthenticationRecord,
  BrowserStep,
  NewAuthentication,
  NotificationUrls,
} from '../../../domain/threeds/index.ts';
import { parseRequest } from '../../../domain/validation.ts';
import type { BrowserData } from '../../../threeds-server/index.ts';
import type { GatewayContext } from '../../gateway-context.ts';
import { THREEDS_PATHS } from '../../threeds/paths.ts';
import { challengeRedirect, methodRedirect, type RedirectBody } from './redirect.ts';
import {
  authenticationTransactionBody,
  mastercardFace,
  type AuthenticationTransactionBody,
  type MastercardFace,
} from './response.ts';

/** Who called, as the transport saw it. */
export interface Caller {
  /** The gateway's origin as the caller reached it: the notification URLs and the snippets' URLs use it. */
  gatewayOrigin: string;
  /** The page's origin, for a call from a checkout page (CORS). */
  origin?: string;
  ipAddress: string;
  /** The session id the call authenticated with, for a call from the payer's browser. */
  sessionCredential?: string;
}

export interface OrderTransactionIds {
  orderId: string;
  transactionId: string;
}

// AUTHENTICATE_PAYER answers once the issuer has: it waits out the 3DS Method (at most its deadline).
const MAX_WAIT_MS = 20_000;
const POLL_MS = 100;

const PURPOSES: Record<string, Omit<AuthenticationPurpose, 'transactionType'>> = {
  PAYMENT_TRANSACTION: { type: 'regular', category: 'payment' },
  REFRESH_AUTHENTICATION: { type: 'regular', category: 'payment' },
  ADD_CARD: { type: 'add_card', category: 'non_payment' },
  MAINTAIN_CARD: { type: 'maintain_card', category: 'non_payment' },
};

/**
 * Mastercard's 3-D Secure operations over the one authentication engine: INITIATE_AUTHENTICATION creates an
 * authentication named by the order and transaction ids and starts the issuer's 3DS Method; AUTHENTICATE_PAYER
 * gives the engine the payer's browser and the amount and answers the issuer's result or its challenge.
 */
export class PayerAuthentications {
  private readonly funds: FundsSources;

  constructor(private readonly context: GatewayContext) {
    this.funds = new FundsSources(context.sessions, context.tokens, context.bins, context.now);
  }

  async submit(
    scope: SessionScope,
    ids: OrderTransactionIds,
    body: unknown,
    caller: Caller,
  ): Promise<AuthenticationTransactionBody> {
    const request = parseRequest(AuthenticationOperationRequest, body);
    if (caller.sessionCredential !== undefined) {
      // A browser may drive only its own session's authentication.
      if (request.session && request.session.id !== caller.sessionCredential) {
        throw invalidField('session.id', 'The session must be the one the request is authenticated with.');
      }
      if (request.sourceOfFunds?.token !== undefined || request.sourceOfFunds?.provided) {
        throw unsupportedField('sourceOfFunds', 'A browser authenticates the card in its session.');
      }
      request.session ??= { id: caller.sessionCredential };
    }
    return request.apiOperation === 'INITIATE_AUTHENTICATION'
      ? this.initiate(scope, ids, request, caller)
      : this.authenticate(scope, ids, request, caller);
  }

  /** The order's authentication transactions, oldest first (none for orders without). */
  async ofOrder(scope: SessionScope, orderId: string): Promise<AuthenticationTransactionBody[]> {
    const records = await this.context.authentications.ofOrder(scope.merchant.id, orderId);
    return records.map((record) => authenticationTransactionBody(record, { apiVersion: scope.apiVersion }));
  }

  private async initiate(
    scope: SessionScope,
    ids: OrderTransactionIds,
    request: InitiateAuthenticationRequest,
    caller: Caller,
  ): Promise<AuthenticationTransactionBody> {
    const { card, fields } = await cardToAuthenticate(this.funds, scope, request);
    const order = objectAt(fields, 'order');
    const group = objectAt(fields, 'authentication');
    const currency = currencyAt('order.currency', stringAt(order, 'currency'));
    const amount =
      order.amount === undefined ? 0n : amountAt('order.amount', order.amount as string, currency);
    const face = faceOf(group, request.session?.id, scope.merchant);
    const purpose = PURPOSES[face.purpose]!;
    const authentications = this.context.authentications;
    const record = await authentications.create({
      merchant: scope.merchant,
      card,
      amount,
      currency,
      challengePreference: 'no_preference',
      purpose: { ...purpose, transactionType: 'goods_service' },
      riskData: {},
      face: { ...face },
      orderTransaction: ids,
    });
    const context = { apiVersion: scope.apiVersion, correlationId: request.correlationId };
    if (!record.directory?.methodUrl) return authenticationTransactionBody(record, context);
    const step = await authentications.start(
      record.id,
      undefined,
      notificationUrls(caller),
      this.framingOrigin(scope, caller),
    );
    const started = await authentications.get(scope.merchant.id, record.id);
    const redirect =
      step.kind === 'method' ? methodRedirect(absolute(caller, step.url), step.threeDSMethodData) : undefined;
    return authenticationTransactionBody(started, { ...context, redirect });
  }

  private async authenticate(
    scope: SessionScope,
    ids: OrderTransactionIds,
    request: AuthenticatePayerRequest,
    caller: Caller,
  ): Promise<AuthenticationTransactionBody> {
    const record = await this.initiated(scope, ids);
    const face = mastercardFace(record)!;
    if (caller.sessionCredential !== undefined && face.sessionId !== caller.sessionCredential) {
      throw new InvalidRequestError('The authentication was initiated for another session.');
    }
    const sessionFields = request.session
      ? (await this.funds.resolve(scope, request)).sessionFields
      : ({} as JsonObject);
    const fields = mergeFields(sessionFields, toJsonObject(request));
    const order = objectAt(fields, 'order');
    const group = objectAt(fields, 'authentication');
    if (order.currency !== undefined && order.currency !== record.currency) {
      throw invalidField('order.currency', "Currency does not match the authentication's currency.");
    }
    const amount = amountAt('order.amount', order.amount as string | undefined, record.currency);
    const redirectResponseUrl = returnUrlAt(group, scope.merchant) ?? face.redirectResponseUrl;
    const urls = notificationUrls(caller);
    const authentications = this.context.authentications;
    let step: BrowserStep = await authentications.continue(record.id, urls, {
      browser: browserOf(request, caller),
      amount,
      ...this.framing(scope, caller),
      face: { ...face, ...(redirectResponseUrl ? { redirectResponseUrl } : {}) },
    });
    const deadline = Date.now() + MAX_WAIT_MS;
    while (step.kind === 'wait') {
      if (Date.now() >= deadline) throw new ServerBusyError('The issuer has not answered yet; retry.');
      await sleep(Math.min(Math.max(step.waitMs, 1), POLL_MS));
      step = await authentications.continue(record.id, urls);
    }
    if (step.kind === 'method') {
      throw new InvalidRequestError('Run INITIATE_AUTHENTICATION for this transaction first.');
    }
    const current =
      step.kind === 'complete' ? step.record : await authentications.get(scope.merchant.id, record.id);
    const redirect: RedirectBody | undefined =
      step.kind === 'challenge' ? challengeRedirect(absolute(caller, step.acsUrl), step.creq) : undefined;
    return authenticationTransactionBody(current, {
      apiVersion: scope.apiVersion,
      correlationId: request.correlationId,
      redirect,
    });
  }

  /** The latest authentication INITIATE_AUTHENTICATION made for this order transaction. */
  private async initiated(scope: SessionScope, ids: OrderTransactionIds): Promise<AuthenticationRecord> {
    const records = await this.context.authentications.ofOrder(scope.merchant.id, ids.orderId);
    const record = records.filter((r) => r.orderTransaction?.transactionId === ids.transactionId).at(-1);
    if (!record || !mastercardFace(record)) {
      throw new InvalidRequestError('Run INITIATE_AUTHENTICATION for this transaction first.');
    }
    return record;
  }

  private framingOrigin(scope: SessionScope, caller: Caller): string | undefined {
    return caller.origin && isAllowedOrigin(scope.merchant, caller.origin) ? caller.origin : undefined;
  }

  private framing(scope: SessionScope, caller: Caller): { parentOrigin?: string } {
    const origin = this.framingOrigin(scope, caller);
    return origin ? { parentOrigin: origin } : {};
  }
}

/**
 * The card an authentication is for, from the session, a token or the request (3-D Secure authenticates cards
 * only), and the request's fields over the session's.
 */
export async function cardToAuthenticate(
  funds: FundsSources,
  scope: SessionScope,
  request: FundsSourceRequest,
): Promise<{ card: NewAuthentication['card']; fields: JsonObject }> {
  const source = await funds.resolve(scope, request);
  if (source.preview && source.preview.type !== 'CARD') {
    throw unsupportedField(
      'sourceOfFunds.type',
      '3-D Secure authenticates cards, not gift cards or bank accounts.',
    );
  }
  const fields = mergeFields(source.sessionFields, toJsonObject(request));
  if (source.cardNumber === undefined) throw missingField('sourceOfFunds.provided.card.number');
  const expiry = source.preview?.type === 'CARD' ? source.preview.provided.card.expiry : undefined;
  if (!expiry) throw missingField('sourceOfFunds.provided.card.expiry.month');
  return { card: { number: source.cardNumber, expiry }, fields };
}

function faceOf(group: JsonObject, sessionId: string | undefined, merchant: Merchant): MastercardFace {
  const acceptVersions = stringAt(group, 'acceptVersions') ?? '3DS1,3DS2';
  if (!acceptVersions.split(',').includes('3DS2')) {
    throw invalidField('authentication.acceptVersions', 'This gateway authenticates with 3DS2: accept it.');
  }
  const channel = stringAt(group, 'channel') ?? 'PAYER_BROWSER';
  if (channel !== 'PAYER_BROWSER') {
    throw unsupportedField('authentication.channel', 'Only PAYER_BROWSER authentication is supported.');
  }
  const redirectResponseUrl = returnUrlAt(group, merchant);
  return {
    kind: 'mastercard',
    acceptVersions,
    channel,
    purpose: stringAt(group, 'purpose') ?? 'PAYMENT_TRANSACTION',
    ...(redirectResponseUrl ? { redirectResponseUrl } : {}),
    ...(sessionId ? { sessionId } : {}),
  };
}

/** `authentication.redirectResponseUrl`, only on the merchant's own origins. */
function returnUrlAt(group: JsonObject, merchant: Merchant): string | undefined {
  const url = stringAt(group, 'redirectResponseUrl');
  if (url !== undefined && !isReturnUrl(url, merchant)) {
    throw invalidField(
      'authentication.redirectResponseUrl',
      "The URL must be on one of the merchant's registered origins.",
    );
  }
  return url;
}

/** EMV 3DS browser data from `device`; the merchant's server must pass on what its page collected. */
function browserOf(request: AuthenticatePayerRequest, caller: Caller): BrowserData {
  const device = request.device;
  const details = device?.browserDetails;
  const required = <T>(value: T | undefined, field: string): T => {
    if (value === undefined) throw missingField(field);
    return value;
  };
  const DETAILS = 'device.browserDetails';
  return {
    userAgent: required(device?.browser, 'device.browser'),
    ipAddress: device?.ipAddress ?? caller.ipAddress,
    acceptHeader: required(details?.acceptHeaders, `${DETAILS}.acceptHeaders`),
    javaEnabled: details?.javaEnabled ?? false,
    javascriptEnabled: details?.javaScriptEnabled ?? true,
    language: required(details?.language, `${DETAILS}.language`),
    colorDepth: required(details?.colorDepth, `${DETAILS}.colorDepth`),
    screenHeight: required(details?.screenHeight, `${DETAILS}.screenHeight`),
    screenWidth: required(details?.screenWidth, `${DETAILS}.screenWidth`),
    timezoneOffset: required(details?.timeZone, `${DETAILS}.timeZone`),
  };
}

function notificationUrls(caller: Caller): NotificationUrls {
  return {
    method: `${caller.gatewayOrigin}${THREEDS_PATHS.methodNotification}`,
    challenge: `${caller.gatewayOrigin}${THREEDS_PATHS.challengeNotification}`,
  };
}

/** The issuer's pages' URLs, absolute: the snippet runs in the merchant's page. */
export function absolute(caller: Caller, url: string): string {
  return new URL(url, caller.gatewayOrigin).toString();
}

export function objectAt(fields: JsonObject, name: string): JsonObject {
  const value = fields[name];
  return isJsonObject(value) ? value : {};
}

export function stringAt(fields: JsonObject, name: string): string | undefined {
  const value = fields[name];
  return typeof value === 'string' ? value : undefined;
}
