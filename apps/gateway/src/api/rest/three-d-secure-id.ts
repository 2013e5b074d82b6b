import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { THREE_D_SECURE_ID_PATTERN } from '@hosted-session/rest';
import { FieldError } from '../../domain/errors.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { gatewayOrigin } from '../gateway-origin.ts';
import { refuseOtherMethods } from '../http.ts';
import type { PathParams } from '../request-context.ts';
import { merchantScope } from './authenticate.ts';
import { REST_BASE } from './base.ts';
import type { Caller } from './payer-authentication/operations.ts';
import { ThreeDSecureIds } from './payer-authentication/three-d-secure-ids.ts';

const THREE_D_SECURE_ID = `${REST_BASE}/3DSecureId/:threeDSecureId`;

type Params = PathParams & { threeDSecureId: string };

/**
 * Mastercard's 3-D Secure 1 resource: CHECK_3DS_ENROLLMENT (PUT) and PROCESS_ACS_RESULT (POST), each taken on
 * either method as older clients send them, and the authentication read back by GET. The merchant's server
 * calls it with its API password; the payer's browser only meets the issuer's ACS.
 */
export const threeDSecureIdApi: FastifyPluginAsync<GatewayContext> = async (app, context) => {
  const threeDSecureIds = new ThreeDSecureIds(context);

  const submit = async (request: FastifyRequest<{ Params: Params }>) => {
    const scope = await merchantScope(context.merchants, request.params, request.headers.authorization);
    const id = checkThreeDSecureId(request.params.threeDSecureId);
    return threeDSecureIds.submit(scope, id, request.body, callerOf(request, context.publicOrigin));
  };
  app.put<{ Params: Params }>(THREE_D_SECURE_ID, submit);
  app.post<{ Params: Params }>(THREE_D_SECURE_ID, submit);

  app.get<{ Params: Params }>(THREE_D_SECURE_ID, async (request) => {
    const scope = await merchantScope(context.merchants, request.params, request.headers.authorization);
    const id = checkThreeDSecureId(request.params.threeDSecureId);
    return threeDSecureIds.retrieve(scope, id, callerOf(request, context.publicOrigin));
  });

  refuseOtherMethods(app, THREE_D_SECURE_ID, ['PUT', 'POST', 'GET']);
};

function checkThreeDSecureId(value: string): string {
  if (!THREE_D_SECURE_ID_PATTERN.test(value)) throw new FieldError('3DSecureId', 'INVALID');
  return value;
}

function callerOf(request: FastifyRequest, publicOrigin: string | undefined): Caller {
  return { gatewayOrigin: gatewayOrigin(request, publicOrigin), ipAddress: request.ip };
}
