import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AuthenticationError } from '../../domain/errors.ts';
import { AUTHENTICATION_ID_PATTERN } from '../../domain/ids.ts';
import type { Merchant } from '../../domain/merchants.ts';
import { ThreeDSError, isFinal, type AuthenticationRecord } from '../../domain/threeds/index.ts';
import { installAbuseLimits } from '../abuse-limits.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { gatewayOrigin } from '../gateway-origin.ts';
import { refuseOtherMethods } from '../http.ts';
import type { CallbackSender } from './callbacks.ts';
import { installCheckoutErrors } from './errors.ts';
import { readSessionRequest } from './session-request.ts';
import { authenticationSessionBody, checkoutFace } from './session-response.ts';

const SESSIONS = '/sessions';
const SESSION = '/sessions/:id';

/**
 * Checkout.com's 3-D Secure sessions over the one authentication engine: `POST /sessions` and
 * `GET /sessions/{id}` with the merchant's secret key, Checkout.com's bodies and errors, and the signed
 * result posted to `callback_url`.
 */
export const checkoutApi: FastifyPluginAsync<GatewayContext & { callbacks: CallbackSender }> = async (
  app,
  { merchants, sessions, tokens, authentications, callbacks, now, limiter, publicOrigin },
) => {
  installCheckoutErrors(app);
  // The REST API's per-address limits: a secret key cannot be guessed at any faster than an API password.
  installAbuseLimits(app, limiter, 'api');

  app.post(SESSIONS, async (request, reply) => {
    const merchant = bearerMerchant(merchants, request);
    const input = await readSessionRequest(request.body, {
      merchant,
      sessions,
      tokens,
      now: new Date(now()),
      base: gatewayOrigin(request, publicOrigin),
    });
    const record = await authentications.create(input);
    return reply.status(isFinal(record.status) ? 201 : 202).send(body(record));
  });

  app.get<{ Params: { id: string } }>(SESSION, async (request) => {
    const merchant = bearerMerchant(merchants, request);
    if (!AUTHENTICATION_ID_PATTERN.test(request.params.id)) throw new ThreeDSError('not_found');
    return body(await authentications.get(merchant.id, request.params.id));
  });

  refuseOtherMethods(app, SESSIONS, ['POST']);
  refuseOtherMethods(app, SESSION, ['GET']);

  authentications.onComplete((record) => {
    const url = checkoutFace(record)?.completion.callback_url;
    const secretKey = merchants.get(record.merchantId)?.secretKey;
    if (!url || !secretKey) return;
    void callbacks.deliver(url, JSON.stringify(body(record)), secretKey, app.log);
  });
};

function body(record: AuthenticationRecord) {
  const face = checkoutFace(record);
  // Authentications other faces made are not Checkout.com sessions.
  if (!face) throw new ThreeDSError('not_found');
  return authenticationSessionBody(record, face);
}

/** `Authorization: Bearer sk_…`, or the bare key as older Checkout.com integrations send it. */
function bearerMerchant(merchants: GatewayContext['merchants'], request: FastifyRequest): Merchant {
  const match = /^(?:Bearer\s+)?(\S{8,200})$/i.exec(request.headers.authorization?.trim() ?? '');
  if (!match) throw new AuthenticationError();
  return merchants.authenticateSecretKey(match[1]!);
}
