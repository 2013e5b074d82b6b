import type { FastifyPluginAsync } from 'fastify';
import type { SessionScope } from '../../domain/sessions.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { refuseOtherMethods } from '../http.ts';
import { basicPassword, checkPath, checkSessionId, type PathParams } from '../request-context.ts';
import { createSessionResponse, sessionResponse } from '../session-response.ts';

const BASE = '/api/rest/version/:version/merchant/:merchantId';
const SESSIONS = `${BASE}/session`;
const SESSION = `${SESSIONS}/:sessionId`;

/** Mastercard's REST session operations, authenticated with the merchant's API password. */
export const restApi: FastifyPluginAsync<GatewayContext> = async (app, { merchants, sessions }) => {
  async function authenticate(params: PathParams, authorization: string | undefined): Promise<SessionScope> {
    const { version, merchantId } = checkPath(params);
    const merchant = await merchants.authenticate(merchantId, basicPassword(authorization, merchantId));
    return { merchant, apiVersion: version };
  }

  app.post<{ Params: PathParams }>(SESSIONS, async (request, reply) => {
    const scope = await authenticate(request.params, request.headers.authorization);
    const { record, correlationId } = await sessions.create(scope, request.body);
    return reply.status(201).send(createSessionResponse(record, correlationId));
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
};
