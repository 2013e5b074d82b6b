// The requests the throughput figure sends, as a merchant's server and the hub frame send them.
import { API_VERSION, MERCHANT_ID, SANDBOX_PASSWORD } from './config.ts';

const REST = `/api/rest/version/${API_VERSION}/merchant/${MERCHANT_ID}`;
const JSON_TYPE = { 'content-type': 'application/json' };

function basic(password: string): string {
  return `Basic ${Buffer.from(`merchant.${MERCHANT_ID}:${password}`).toString('base64')}`;
}

export interface ApiRequest {
  method: 'POST' | 'PUT';
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The most browser calls a session allows (MAX_AUTHENTICATION_LIMIT). */
export const CALLS_PER_SESSION = 25;

export function createSessionRequest(): ApiRequest {
  return {
    method: 'POST',
    path: `${REST}/session`,
    headers: { authorization: basic(SANDBOX_PASSWORD), ...JSON_TYPE },
    body: JSON.stringify({ session: { authenticationLimit: CALLS_PER_SESSION } }),
  };
}

// A public test card, only ever sent to the gateway under test.
const CARD_UPDATE = JSON.stringify({
  sourceOfFunds: {
    type: 'CARD',
    provided: {
      card: { number: '5123450000000008', expiry: { month: '1', year: '39' }, securityCode: '100' },
    },
  },
});

/** The hub's call: the session id is the password. */
export function browserUpdateRequest(sessionId: string): ApiRequest {
  return {
    method: 'PUT',
    path: `/api/browser/version/${API_VERSION}/merchant/${MERCHANT_ID}/session/${sessionId}`,
    headers: { authorization: basic(sessionId), ...JSON_TYPE },
    body: CARD_UPDATE,
  };
}

export function payRequest(sessionId: string, orderId: string): ApiRequest {
  return {
    method: 'PUT',
    path: `${REST}/order/${orderId}/transaction/1`,
    headers: { authorization: basic(SANDBOX_PASSWORD), ...JSON_TYPE },
    body: JSON.stringify({
      apiOperation: 'PAY',
      order: { amount: '1.00', currency: 'USD' },
      session: { id: sessionId },
      sourceOfFunds: { type: 'CARD' },
    }),
  };
}
