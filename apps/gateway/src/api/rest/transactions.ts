import type { FastifyPluginAsync } from 'fastify';
import type { GatewayContext } from '../gateway-context.ts';
import { refuseOtherMethods } from '../http.ts';
import { checkResourceId, type PathParams } from '../request-context.ts';
import { merchantScope } from './authenticate.ts';
import { REST_BASE } from './base.ts';

const ORDER = `${REST_BASE}/order/:orderId`;
const TRANSACTION = `${ORDER}/transaction/:transactionId`;

type OrderParams = PathParams & { orderId: string };
type TransactionParams = OrderParams & { transactionId: string };

function orderIds(params: TransactionParams) {
  return {
    orderId: checkResourceId(params.orderId, 'orderId'),
    transactionId: checkResourceId(params.transactionId, 'transactionId'),
  };
}

/** PAY, AUTHORIZE, VERIFY, CAPTURE, REFUND and VOID, and reading orders and transactions back. */
export const transactionsApi: FastifyPluginAsync<GatewayContext> = async (app, { merchants, payments }) => {
  // 201 whatever the processor said: a decline is a recorded transaction, not a failed request.
  app.put<{ Params: TransactionParams }>(TRANSACTION, async (request, reply) => {
    const scope = await merchantScope(merchants, request.params, request.headers.authorization);
    const body = await payments.submit(scope, orderIds(request.params), request.body);
    return reply.status(201).send(body);
  });

  app.get<{ Params: TransactionParams }>(TRANSACTION, async (request) => {
    const scope = await merchantScope(merchants, request.params, request.headers.authorization);
    return payments.retrieveTransaction(scope, orderIds(request.params));
  });

  app.get<{ Params: OrderParams }>(ORDER, async (request) => {
    const scope = await merchantScope(merchants, request.params, request.headers.authorization);
    return payments.retrieveOrder(scope, checkResourceId(request.params.orderId, 'orderId'));
  });

  refuseOtherMethods(app, TRANSACTION, ['PUT', 'GET']);
  refuseOtherMethods(app, ORDER, ['GET']);
};
