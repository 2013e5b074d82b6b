import type { FastifyInstance } from 'fastify';
import { decodeChallengeRequest } from '../src/domain/threeds/index.ts';
import type { BrowserData } from '../src/threeds-server/index.ts';
import { SECRET_KEY } from './helpers.ts';

export const BEARER = `Bearer ${SECRET_KEY}`;

/** The seed's own example: a card source, the payment, and where to send the cardholder back. */
export function sessionRequest(overrides: object = {}, number = '5123450000000008'): Record<string, unknown> {
  return {
    source: { type: 'card', number, expiry_month: 1, expiry_year: 2039 },
    amount: 100,
    currency: 'USD',
    authentication_type: 'regular',
    authentication_category: 'payment',
    challenge_indicator: 'no_preference',
    reference: 'ORD-5023-4E89',
    transaction_type: 'goods_service',
    shipping_address: {
      address_line1: 'Checkout.com',
      address_line2: '90 Tottenham Court Road',
      city: 'London',
      state: 'UK',
      zip: 'W1T 4TJ',
      country: 'GB',
    },
    completion: {
      type: 'hosted',
      success_url: 'http://example.com/sessions/success',
      failure_url: 'http://example.com/sessions/fail',
    },
    ...overrides,
  };
}

export function postSession(
  app: FastifyInstance,
  payload: unknown,
  authorization = BEARER,
  remoteAddress?: string,
) {
  return app.inject({
    method: 'POST',
    url: '/sessions',
    headers: { authorization, 'content-type': 'application/json' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

export function getSession(app: FastifyInstance, id: string, authorization = BEARER) {
  return app.inject({ method: 'GET', url: `/sessions/${id}`, headers: { authorization } });
}

export const TEST_BROWSER: BrowserData = {
  acceptHeader: 'text/html',
  userAgent: 'test',
  ipAddress: '127.0.0.1',
  javaEnabled: false,
  javascriptEnabled: true,
  language: 'en-GB',
  colorDepth: 24,
  screenHeight: 900,
  screenWidth: 1440,
  timezoneOffset: 0,
};
/** The gateway's notification URLs, as the interceptor's calls give them to the engine. */
export const TEST_URLS = {
  method: 'http://gw/3ds/method-notification',
  challenge: 'http://gw/3ds/challenge-notification',
};

/**
 * Creates a session and takes the cardholder's side through the engine, as the interceptor page does: device
 * data, the issuer's 3DS Method, and the challenge answered with `code` when there is one.
 */
export async function authenticate(
  app: FastifyInstance,
  request: Record<string, unknown>,
  code = '1234',
): Promise<{ id: string; transaction_id: string; status: string }> {
  const created = (await postSession(app, request)).json();
  const { authentications } = app.gateway;
  if (created.status !== 'pending') return created;
  let step = await authentications.start(created.id, TEST_BROWSER, TEST_URLS);
  if (step.kind === 'method') {
    await authentications.completeMethod(created.transaction_id);
    step = await authentications.continue(created.id, TEST_URLS);
  }
  if (step.kind === 'challenge') {
    const creq = decodeChallengeRequest(step.creq)!;
    await authentications.answerChallenge(creq.threeDSServerTransID, creq.acsTransID, {
      kind: 'code',
      code,
      trustMerchant: false,
    });
  }
  return (await getSession(app, created.id)).json();
}
