import { randomBytes } from 'node:crypto';
import type { MerchantConfig } from './config.ts';

/** What the merchant reads of a PAY response; everything else in Mastercard's body is ignored. */
export interface TransactionResponse {
  result?: string;
  response?: { gatewayCode?: string };
  order?: { id?: string; amount?: string; currency?: string };
  transaction?: {
    id?: string;
    amount?: string;
    currency?: string;
    authorizationCode?: string;
    receipt?: string;
  };
  sourceOfFunds?: { provided?: { card?: { brand?: string; number?: string } } };
  timeOfRecord?: string;
  error?: { cause?: string; explanation?: string };
}

export type GatewayReply = { status: number; body: TransactionResponse };

export class GatewayUnavailable extends Error {}

const TIMEOUT_MS = 20_000;

/** Calls the REST API as the merchant. The password goes in the header only; errors never quote a request. */
async function call(
  config: MerchantConfig,
  method: string,
  path: string,
  body: unknown,
): Promise<GatewayReply> {
  const credentials = Buffer.from(`merchant.${config.merchantId}:${config.apiPassword}`).toString('base64');
  const url = `${config.gatewayUrl}/api/rest/version/${config.apiVersion}/merchant/${config.merchantId}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new GatewayUnavailable(
      `The gateway at ${config.gatewayUrl} did not answer (${(error as Error).name})`,
    );
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as TransactionResponse };
  } catch {
    throw new GatewayUnavailable(`The gateway answered ${response.status} without a JSON body`);
  }
}

/** Create Session: a fresh session for one checkout page. */
export async function createSession(config: MerchantConfig): Promise<string> {
  const { status, body } = await call(config, 'POST', '/session', {});
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
}

/** PAY with the card the payer put into the session; the gateway answers 201 even for a decline. */
export function pay(
  config: MerchantConfig,
  request: PayRequest,
): Promise<GatewayReply & { orderId: string }> {
  const orderId = newId('order');
  const session = request.sessionVersion
    ? { id: request.sessionId, version: request.sessionVersion }
    : { id: request.sessionId };
  return call(config, 'PUT', `/order/${orderId}/transaction/${newId('txn')}`, {
    apiOperation: 'PAY',
    order: { amount: request.amount, currency: request.currency },
    session,
    sourceOfFunds: { type: 'CARD' },
  }).then((reply) => ({ ...reply, orderId }));
}
