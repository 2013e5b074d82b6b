import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { PaymentOptionsInquiryRequest } from '@hosted-session/rest';
import { paymentOptions } from '../../domain/payment-options.ts';
import { parseRequest } from '../../domain/validation.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { methodNotAllowed, refuseOtherMethods } from '../http.ts';
import { checkPath, type PathParams } from '../request-context.ts';
import { merchantOrSessionScope } from './authenticate.ts';
import { REST_BASE } from './base.ts';
import { CrossOriginAccess } from '../cross-origin.ts';

const INQUIRY = `${REST_BASE}/paymentOptionsInquiry`;

/**
 * Mastercard's references up to version 65 give Payment Options Inquiry as a GET with its fields in the
 * query; from the rewritten operation (version 70 on) it is a POST with a JSON body. The versions between
 * are served both ways, as an older integration may still use GET there.
 */
const LAST_GET_VERSION = 69;

function methodsOf(version: string): readonly string[] {
  return Number(version) <= LAST_GET_VERSION ? ['POST', 'GET'] : ['POST'];
}

/**
 * Payment Options Inquiry: what the merchant accepts, for the merchant's server or, with a session id as the
 * password, for its checkout page (cross-origin, from the merchant's registered origins).
 */
export const paymentOptionsApi: FastifyPluginAsync<GatewayContext> = async (app, { merchants, sessions }) => {
  const crossOrigin = new CrossOriginAccess(merchants, methodsOf);

  async function inquire(
    request: FastifyRequest<{ Params: PathParams }>,
    reply: FastifyReply,
    fields: unknown,
  ) {
    crossOrigin.allow(request, reply);
    const scope = await merchantOrSessionScope(
      merchants,
      sessions,
      request.params,
      request.headers.authorization,
    );
    const { correlationId, lineOfBusiness } = parseRequest(PaymentOptionsInquiryRequest, fields);
    return {
      ...(correlationId === undefined ? {} : { correlationId }),
      ...(lineOfBusiness === undefined ? {} : { lineOfBusiness }),
      ...paymentOptions(scope.merchant),
    };
  }

  app.post<{ Params: PathParams }>(INQUIRY, (request, reply) => inquire(request, reply, request.body));
  app.get<{ Params: PathParams }>(INQUIRY, (request, reply) => {
    const allowed = methodsOf(checkPath(request.params).version);
    if (!allowed.includes('GET')) methodNotAllowed(reply, allowed);
    return inquire(request, reply, { ...(request.query as object) });
  });
  app.options<{ Params: PathParams }>(INQUIRY, (request, reply) => {
    checkPath(request.params);
    return crossOrigin.preflight(request, reply);
  });
  refuseOtherMethods(app, INQUIRY, ['POST', 'GET']);
};
