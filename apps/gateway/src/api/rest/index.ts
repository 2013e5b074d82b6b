import type { FastifyPluginAsync } from 'fastify';
import { installAbuseLimits } from '../abuse-limits.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { refuseOtherMethods } from '../http.ts';
import { checkSessionId, type PathParams } from '../request-context.ts';
import { createSessionResponse, sessionResponse } from '../session-response.ts';
import { merchantScope } from './authenticate.ts';
import { REST_BASE } from './base.ts';
import { runIdempotent } from './idempotent.ts';
import { paymentOptionsApi } from './payment-options.ts';
import { threeDSecureIdApi } from './three-d-secure-id.ts';
import { tokensApi } from './tokens.ts';
import { transactionsApi } from './transactions.ts';

const SESSIONS = `${REST_BASE}/session`;
const SESSION = `${SESSIONS}/:sessionId`;

/** Mastercard's REST API: sessions here, payments, tokens and options in their own plugins. */
export const restApi: FastifyPluginAsync<GatewayContext> = async (app, context) => {
  const { merchants, sessions } = context;
  installAbuseLimits(app, context.limiter, 'api');
  const authenticate = (params: PathParams, authorization: string | undefined) =>
    merchantScope(merchants, params, authorization);

  app.post<{ Params: PathParams }>(SESSIONS, async (request, reply) => {
    const scope = await authenticate(request.params, request.headers.authorization);
    const { status, body } = await runIdempotent(context.idempotency, request, scope, 'session', async () => {
      const { record, correlationId } = await sessions.create(scope, request.body);
      return { status: 201, body: { ...createSessionResponse(record, correlationId) } };
    });
    return reply.status(status).send(body);
  });

  app.put<{ Params: PathParams & { sessionId: string } }>(SESSION, async (request) => {
    const scope = await authenticate(request.params, request.headers.authorization);
    const sessionId = checkSessionId(request.params.sessionId);
    const { record, correlationId } = await sessions.update(scope, sessionId, request.body);
    return sessionResponse(record, correlationId);
  });

  app.get<{ Params: PathParams & { sessionId: string } }>(SESSION, async (request) => {
    const scope = await authenticate(request.params, request.headers.authorization);
    return sessionResponse(await sessions.retrieve(scope, checkSessionId(request.params.sessionId)));
  });

  refuseOtherMethods(app, SESSIONS, ['POST']);
  refuseOtherMethods(app, SESSION, ['PUT', 'GET']);

  await app.register(transactionsApi, context);
  await app.register(tokensApi, context);
  await app.register(paymentOptionsApi, context);
  await app.register(threeDSecureIdApi, context);
};
