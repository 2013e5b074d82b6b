import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_ID_PATTERN, isAuthenticationOperation } from '@hosted-session/rest';
import { UnknownOrderError, UnknownTransactionError } from '../../domain/errors.ts';
import type { OrderResponseBody } from '../../domain/orders/index.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { gatewayOrigin } from '../gateway-origin.ts';
import { refuseOtherMethods } from '../http.ts';
import { basicPassword, checkPath, checkResourceId, type PathParams } from '../request-context.ts';
import { merchantOrSessionScope, merchantScope } from './authenticate.ts';
import { REST_BASE } from './base.ts';
import { CrossOriginAccess } from '../cross-origin.ts';
import { PayerAuthentications, type Caller } from './payer-authentication/operations.ts';
import type { AuthenticationTransactionBody } from './payer-authentication/response.ts';

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

/**
 * PAY, AUTHORIZE, VERIFY, CAPTURE, REFUND and VOID, Mastercard's 3-D Secure operations (INITIATE_AUTHENTICATION,
 * AUTHENTICATE_PAYER), and reading orders and transactions back. The 3-D Secure operations may come from the
 * checkout page itself (the ThreeDS script), with the session id as the password: cross-origin from the
 * merchant's registered origins, each call counted against the session's authenticationLimit.
 */
export const transactionsApi: FastifyPluginAsync<GatewayContext> = async (app, context) => {
  const { merchants, sessions, payments } = context;
  const payerAuthentications = new PayerAuthentications(context);
  const crossOrigin = new CrossOriginAccess(merchants, () => ['PUT']);

  async function authenticatePayer(
    request: FastifyRequest<{ Params: TransactionParams }>,
    reply: FastifyReply,
  ) {
    crossOrigin.allow(request, reply);
    const { authorization } = request.headers;
    const scope = await merchantOrSessionScope(merchants, sessions, request.params, authorization);
    const password = basicPassword(authorization, scope.merchant.id);
    const caller: Caller = {
      gatewayOrigin: gatewayOrigin(request, context.publicOrigin),
      ...(request.headers.origin ? { origin: request.headers.origin } : {}),
      ipAddress: request.ip,
      ...(SESSION_ID_PATTERN.test(password) ? { sessionCredential: password } : {}),
    };
    const ids = orderIds(request.params);
    return reply.status(201).send(await payerAuthentications.submit(scope, ids, request.body, caller));
  }

  // 201 whatever the processor said: a decline is a recorded transaction, not a failed request.
  app.put<{ Params: TransactionParams }>(TRANSACTION, async (request, reply) => {
    if (isAuthenticationOperation(request.body)) return authenticatePayer(request, reply);
    const scope = await merchantScope(merchants, request.params, request.headers.authorization);
    const body = await payments.submit(scope, orderIds(request.params), request.body);
    return reply.status(201).send(body);
  });

  app.options<{ Params: TransactionParams }>(TRANSACTION, (request, reply) => {
    checkPath(request.params);
    return crossOrigin.preflight(request, reply);
  });

  app.get<{ Params: TransactionParams }>(TRANSACTION, async (request) => {
    const scope = await merchantScope(merchants, request.params, request.headers.authorization);
    const ids = orderIds(request.params);
    try {
      return await payments.retrieveTransaction(scope, ids);
    } catch (error) {
      if (!(error instanceof UnknownOrderError || error instanceof UnknownTransactionError)) throw error;
      const authentication = (await payerAuthentications.ofOrder(scope, ids.orderId))
        .filter((body) => body.transaction.id === ids.transactionId)
        .at(-1);
      if (!authentication) throw error;
      return authentication;
    }
  });

  app.get<{ Params: OrderParams }>(ORDER, async (request) => {
    const scope = await merchantScope(merchants, request.params, request.headers.authorization);
    const orderId = checkResourceId(request.params.orderId, 'orderId');
    const authentications = await payerAuthentications.ofOrder(scope, orderId);
    try {
      return withAuthentications(await payments.retrieveOrder(scope, orderId), authentications);
    } catch (error) {
      const latest = authentications.at(-1);
      if (!(error instanceof UnknownOrderError) || !latest) throw error;
      // Authenticated, not paid yet: the order as its authentications show it.
      return {
        ...latest.order,
        merchant: latest.merchant,
        result: 'SUCCESS',
        sourceOfFunds: latest.sourceOfFunds,
        transaction: authentications,
      };
    }
  });

  refuseOtherMethods(app, TRANSACTION, ['PUT', 'GET']);
  refuseOtherMethods(app, ORDER, ['GET']);
};

/** The order with its 3-D Secure authentications first, and the latest one's status. */
function withAuthentications(
  order: OrderResponseBody,
  authentications: AuthenticationTransactionBody[],
): OrderResponseBody | (OrderResponseBody & { authenticationStatus: string }) {
  const latest = authentications.at(-1);
  if (!latest) return order;
  return {
    ...order,
    authenticationStatus: latest.order.authenticationStatus,
    transaction: [...authentications, ...order.transaction] as OrderResponseBody['transaction'],
  };
}
