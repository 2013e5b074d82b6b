import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { HOSTED_FIELDS_LIB_VERSION } from '@hosted-session/protocol';
import { SECRET_KEY, TERMINAL_ID } from './helpers.ts';

export const SESSIONS_PATH = (terminal = TERMINAL_ID) =>
  `/v1/processing-terminals/${terminal}/hosted-fields-sessions`;
export const PAYMENT_REQUEST = { libVersion: HOSTED_FIELDS_LIB_VERSION, scenario: 'payment' };

/** A Bearer token from `/identity/authorize` for the merchant whose secret key this is. */
export async function accessToken(app: FastifyInstance, apiKey = SECRET_KEY): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/identity/authorize',
    headers: { 'x-api-key': apiKey },
  });
  if (response.statusCode !== 200) throw new Error(`authorize failed: ${response.body}`);
  return response.json().access_token;
}

export interface SessionTokenCall {
  token: string;
  key?: string;
  body?: unknown;
  terminal?: string;
  headers?: Record<string, string>;
}

/** `POST …/hosted-fields-sessions`: a fresh Idempotency-Key unless one is given. */
export function postSessionToken(app: FastifyInstance, call: SessionTokenCall) {
  return app.inject({
    method: 'POST',
    url: SESSIONS_PATH(call.terminal),
    headers: {
      authorization: `Bearer ${call.token}`,
      'idempotency-key': call.key ?? randomUUID(),
      'content-type': 'application/json',
      ...call.headers,
    },
    payload: JSON.stringify(call.body ?? PAYMENT_REQUEST),
  });
}
