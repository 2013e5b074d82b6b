import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { PaymentOptionsInquiryRequest } from '@hosted-session/protocol/rest';
import { paymentOptions } from '../../domain/payment-options.ts';
import { parseRequest } from '../../domain/validation.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { refuseOtherMethods } from '../http.ts';
import type { PathParams } from '../request-context.ts';
import { merchantOrSessionScope } from './authenticate.ts';
import { REST_BASE } from './base.ts';

const INQUIRY = `${REST_BASE}/paymentOptionsInquiry`;

/** Payment Options Inquiry: POST in current versions, GET in older ones; both served for every version. */
export const paymentOptionsApi: FastifyPluginAsync<GatewayContext> = async (app, { merchants, sessions }) => {
  async function inquire(request: FastifyRequest<{ Params: PathParams }>) {
    const scope = await merchantOrSessionScope(
      merchants,
      sessions,
      request.params,
      request.headers.authorization,
    );
    const { correlationId } = parseRequest(PaymentOptionsInquiryRequest, request.body ?? {});
    return { ...(correlationId === undefined ? {} : { correlationId }), ...paymentOptions(scope.merchant) };
  }

  app.post<{ Params: PathParams }>(INQUIRY, inquire);
  app.get<{ Params: PathParams }>(INQUIRY, inquire);
  refuseOtherMethods(app, INQUIRY, ['POST', 'GET']);
};
