import type { FastifyPluginAsync } from 'fastify';
import type { GatewayContext } from '../gateway-context.ts';
import { refuseOtherMethods } from '../http.ts';
import type { PathParams } from '../request-context.ts';
import { tokenResponse } from '../token-response.ts';
import { merchantScope } from './authenticate.ts';
import { REST_BASE } from './base.ts';
import { runIdempotent } from './idempotent.ts';

const TOKENS = `${REST_BASE}/token`;
const TOKEN = `${TOKENS}/:tokenId`;

type TokenParams = PathParams & { tokenId: string };

/** Create a token from a session, update it from another, read and delete it. */
export const tokensApi: FastifyPluginAsync<GatewayContext> = async (
  app,
  { merchants, tokens, idempotency },
) => {
  app.post<{ Params: PathParams }>(TOKENS, async (request, reply) => {
    const scope = await merchantScope(merchants, request.params, request.headers.authorization);
    const { status, body } = await runIdempotent(idempotency, request, scope, 'token', async () => ({
      status: 201,
      body: { ...tokenResponse(await tokens.create(scope, request.body)) },
    }));
    return reply.status(status).send(body);
  });

  app.put<{ Params: TokenParams }>(TOKEN, async (request) => {
    const scope = await merchantScope(merchants, request.params, request.headers.authorization);
    return tokenResponse(await tokens.update(scope, request.params.tokenId, request.body));
  });

  app.get<{ Params: TokenParams }>(TOKEN, async (request) => {
    const scope = await merchantScope(merchants, request.params, request.headers.authorization);
    return tokenResponse(await tokens.get(scope, request.params.tokenId));
  });

  app.delete<{ Params: TokenParams }>(TOKEN, async (request) => {
    const scope = await merchantScope(merchants, request.params, request.headers.authorization);
    await tokens.delete(scope, request.params.tokenId);
    return { result: 'SUCCESS' };
  });

  refuseOtherMethods(app, TOKENS, ['POST']);
  refuseOtherMethods(app, TOKEN, ['PUT', 'GET', 'DELETE']);
};
