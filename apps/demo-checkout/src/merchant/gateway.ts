import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { HOSTED_FIELDS_LIB_VERSION, type HostedFieldsScenario } from '@hosted-session/protocol';
import type { MerchantConfig } from './config.ts';

/** What the merchant reads of a PAY response; everything else in Mastercard's body is ignored. */
export interface TransactionResponse {
  result?: string;
  response?: { gatewayCode?: string };
  order?: { id?: string; amount?: string; currency?: string };
  transaction?: {
    id?: string;
    /** An authentication transaction's result (Mastercard's 3-D Secure operations). */
    authenticationStatus?: string;
    amount?: string;
    currency?: string;
    authorizationCode?: string;
    receipt?: string;
  };
  sourceOfFunds?: { provided?: { card?: { brand?: string; number?: string } } };
  authentication?: {
    '3ds'?: { acsEci?: string };
    '3ds2'?: { transactionStatus?: string; statusReasonCode?: string };
    liabilityShift?: boolean;
    payerInteraction?: string;
  };
  timeOfRecord?: string;
  error?: { cause?: string; explanation?: string };
}

export type GatewayReply<T = TransactionResponse> = { status: number; body: T };

export class GatewayUnavailable extends Error {}

const TIMEOUT_MS = 20_000;

/** One JSON call to the gateway. Credentials go in the headers only; errors never quote a request. */
async function call<T>(
  url: string,
  method: string,
  authorization: Record<string, string> | string,
  body?: unknown,
): Promise<GatewayReply<T>> {
  let response: Response;
  const credentials = typeof authorization === 'string' ? { authorization } : authorization;
  try {
    response = await fetch(url, {
      method,
      headers: { ...credentials, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new GatewayUnavailable(
      `The gateway at ${new URL(url).origin} did not answer (${(error as Error).name})`,
    );
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as T };
  } catch {
    throw new GatewayUnavailable(`The gateway answered ${response.status} without a JSON body`);
  }
}

/** Mastercard's REST API, as the merchant with its API password. */
function rest(config: MerchantConfig, method: string, path: string, body: unknown): Promise<GatewayReply> {
  const credentials = Buffer.from(`merchant.${config.merchantId}:${config.apiPassword}`).toString('base64');
  const url = `${config.gatewayUrl}/api/rest/version/${config.apiVersion}/merchant/${config.merchantId}${path}`;
  return call(url, method, `Basic ${credentials}`, body);
}

/** Create Session: a fresh session for one checkout page. */
export async function createSession(config: MerchantConfig): Promise<string> {
  const { status, body } = await rest(config, 'POST', '/session', {});
  const id = (body as { session?: { id?: unknown } }).session?.id;
  if (status >= 300 || typeof id !== 'string') {
    throw new GatewayUnavailable(`Create Session failed: ${status} ${body.error?.cause ?? ''}`.trim());
  }
  return id;
}

/** Mastercard allows 1–40 characters; random ids, so two checkouts never share an order. */
const newId = (prefix: string): string => `${prefix}-${randomBytes(8).toString('hex')}`;

export interface PayRequest {
  sessionId: string;
  sessionVersion?: string;
  amount: string;
  currency: string;
  /** The order the page authenticated for, and its authentication transaction to go ahead with. */
  order?: { orderId: string; authenticationId?: string };
}

/**
 * The order and authentication transaction of a checkout whose page authenticates with Mastercard's 3-D
 * Secure operations: derived from the session, so the server keeps nothing and the page cannot choose them.
 */
export function authenticationOrderOf(sessionId: string): { orderId: string; transactionId: string } {
  const digest = createHash('sha256').update(sessionId).digest('hex');
  return { orderId: `order-${digest.slice(0, 16)}`, transactionId: `auth-${digest.slice(16, 24)}` };
}

/** PAY with the card the payer put into the session; the gateway answers 201 even for a decline. */
export function pay(
  config: MerchantConfig,
  request: PayRequest,
): Promise<GatewayReply & { orderId: string }> {
  const orderId = request.order?.orderId ?? newId('order');
  const session = request.sessionVersion
    ? { id: request.sessionId, version: request.sessionVersion }
    : { id: request.sessionId };
  return rest(config, 'PUT', `/order/${orderId}/transaction/${newId('txn')}`, {
    apiOperation: 'PAY',
    order: { amount: request.amount, currency: request.currency },
    session,
    sourceOfFunds: { type: 'CARD' },
    ...(request.order?.authenticationId
      ? { authentication: { transactionId: request.order.authenticationId } }
      : {}),
  }).then((reply) => ({ ...reply, orderId }));
}

/** Update Session: the order the page will authenticate and pay for. */
export async function describeOrder(
  config: MerchantConfig,
  sessionId: string,
  order: { amount: string; currency: string },
): Promise<void> {
  const { status, body } = await rest(config, 'PUT', `/session/${sessionId}`, { order });
  if (status >= 300) {
    throw new GatewayUnavailable(`Update Session failed: ${status} ${body.error?.cause ?? ''}`.trim());
  }
}

/** Retrieve Transaction: here, the result of the authentication the page ran. */
export function retrieveTransaction(config: MerchantConfig, orderId: string, transactionId: string) {
  return rest(config, 'GET', `/order/${orderId}/transaction/${transactionId}`, undefined);
}

/** A saved card as the gateway shows it: the number masked. */
export interface SavedCardDetails {
  brand: string;
  number: string;
  expiry: string;
}

/** A Bearer token of the Payroc-shaped API, kept until a minute before it expires. */
let accessToken: { token: string; until: number } | undefined;

async function bearer(config: MerchantConfig): Promise<string> {
  if (accessToken && accessToken.until > Date.now()) return accessToken.token;
  const { status, body } = await call<{ access_token?: string; expires_in?: number }>(
    `${config.gatewayUrl}/identity/authorize`,
    'POST',
    { 'x-api-key': config.secretKey },
  );
  if (status !== 200 || !body.access_token || !body.expires_in) {
    throw new GatewayUnavailable(`Authorize failed: ${status}`);
  }
  accessToken = { token: body.access_token, until: Date.now() + (body.expires_in - 60) * 1000 };
  return body.access_token;
}

/**
 * A session token for one page load of the fields (`tokenization` saves the card, or updates the saved card
 * `secureTokenId` names). A fresh Idempotency-Key per page load; a retry of the same call would reuse it.
 */
export async function createSessionToken(
  config: MerchantConfig,
  scenario: HostedFieldsScenario,
  secureTokenId?: string,
): Promise<string> {
  const { status, body } = await call<{ token?: string; detail?: string }>(
    `${config.gatewayUrl}/v1/processing-terminals/${encodeURIComponent(config.processingTerminalId)}/hosted-fields-sessions`,
    'POST',
    { authorization: `Bearer ${await bearer(config)}`, 'idempotency-key': randomUUID() },
    { libVersion: HOSTED_FIELDS_LIB_VERSION, scenario, ...(secureTokenId ? { secureTokenId } : {}) },
  );
  if (status !== 201 || typeof body.token !== 'string') {
    throw new GatewayUnavailable(`Create session token failed: ${status}`);
  }
  return body.token;
}

/** The card a tokenization session token saved, as the gateway says (never as the page says). */
export async function savedCardOf(config: MerchantConfig, sessionToken: string): Promise<string | undefined> {
  const { status, body } = await rest(
    config,
    'GET',
    `/session/${encodeURIComponent(sessionToken)}`,
    undefined,
  );
  const saved = (body as { hostedFields?: { scenario?: string; secureTokenId?: unknown } }).hostedFields;
  if (status !== 200 || saved?.scenario !== 'tokenization' || typeof saved.secureTokenId !== 'string')
    return undefined;
  return saved.secureTokenId;
}

export async function retrieveSavedCard(
  config: MerchantConfig,
  token: string,
): Promise<SavedCardDetails | undefined> {
  const { status, body } = await rest(config, 'GET', `/token/${encodeURIComponent(token)}`, undefined);
  const card = (body as { sourceOfFunds?: { provided?: { card?: Partial<SavedCardDetails> } } }).sourceOfFunds
    ?.provided?.card;
  if (status !== 200 || !card?.brand || !card.number || !card.expiry) return undefined;
  return { brand: card.brand, number: card.number, expiry: card.expiry };
}

/** PAY with a saved card: the gateway opens its vault; no card data passes through the shop. */
export function payWithSavedCard(
  config: MerchantConfig,
  request: { token: string; amount: string; currency: string },
): Promise<GatewayReply & { orderId: string }> {
  const orderId = newId('order');
  return rest(config, 'PUT', `/order/${orderId}/transaction/${newId('txn')}`, {
    apiOperation: 'PAY',
    order: { amount: request.amount, currency: request.currency },
    sourceOfFunds: { type: 'CARD', token: request.token },
  }).then((reply) => ({ ...reply, orderId }));
}
