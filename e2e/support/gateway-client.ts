// The merchant server's side of the REST API, as the tests use it.
import {
  API_VERSION,
  GATEWAY_URL,
  MERCHANT_ID,
  SANDBOX_PASSWORD,
  SANDBOX_SECRET_KEY,
  SANDBOX_TERMINAL_ID,
} from './ports.ts';

const base = `${GATEWAY_URL}/api/rest/version/${API_VERSION}/merchant/${MERCHANT_ID}`;
const authorization = `Basic ${Buffer.from(`merchant.${MERCHANT_ID}:${SANDBOX_PASSWORD}`).toString('base64')}`;

export async function gatewayRequest(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

export async function createSession(
  session: { authenticationLimit?: number } = {},
): Promise<{ id: string; version: string }> {
  const { status, body } = await gatewayRequest(
    'POST',
    '/session',
    Object.keys(session).length ? { session } : {},
  );
  if (status !== 201 && status !== 200)
    throw new Error(`create session failed: ${status} ${JSON.stringify(body)}`);
  return body.session;
}

export async function retrieveSession(id: string): Promise<any> {
  return (await gatewayRequest('GET', `/session/${id}`)).body;
}

/** The 3-D Secure sessions API (Checkout.com's shape), as the merchant's server calls it. */
export async function sessionsRequest(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${GATEWAY_URL}/sessions${path}`, {
    method,
    headers: {
      authorization: `Bearer ${SANDBOX_SECRET_KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * The Payroc-shaped session token, as the merchant's server makes it: a Bearer token for the secret key, then
 * a session token for the sandbox terminal with a fresh Idempotency-Key.
 */
export async function createSessionToken(
  request: { scenario: 'payment' | 'tokenization'; libVersion: string; secureTokenId?: string },
  gatewayUrl = GATEWAY_URL,
): Promise<{ token: string; expiresAt: string }> {
  const authorized = await fetch(`${gatewayUrl}/identity/authorize`, {
    method: 'POST',
    headers: { 'x-api-key': SANDBOX_SECRET_KEY },
  });
  const { access_token } = (await authorized.json()) as { access_token: string };
  const response = await fetch(
    `${gatewayUrl}/v1/processing-terminals/${SANDBOX_TERMINAL_ID}/hosted-fields-sessions`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${access_token}`,
        'idempotency-key': crypto.randomUUID(),
        'content-type': 'application/json',
      },
      body: JSON.stringify(request),
    },
  );
  const body = await response.json();
  if (response.status !== 201)
    throw new Error(`session token failed: ${response.status} ${JSON.stringify(body)}`);
  return body;
}
