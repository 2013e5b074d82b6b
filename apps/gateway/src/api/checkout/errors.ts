import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { CheckoutErrorBody } from '@hosted-session/rest/checkout';
import { GatewayError, RateLimitedError, ServerBusyError } from '../../domain/errors.ts';
import { ThreeDSError } from '../../domain/threeds/index.ts';
import type { FaceErrors } from '../errors.ts';

/** A request Checkout.com would answer 422: every problem found, by code (`amount_required`, …). */
export class CheckoutValidationError extends Error {
  constructor(readonly codes: readonly string[]) {
    super('The request is not valid.');
  }
}

/** Fastify's own request errors, in Checkout.com's words. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'request_body_too_large' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'request_body_malformed' },
};

/**
 * Every answer of the Checkout.com face carries a `Cko-Request-Id`, and every failure Checkout.com's error body
 * with the same id; a card-testing limit's 429 carries `Retry-After`. Only faults nobody foresaw are 500s;
 * they are logged by request id, without a message that might quote input.
 */
export function installCheckoutErrors(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cko-request-id', randomUUID());
  });
  app.setErrorHandler((error: FastifyError | GatewayError | CheckoutValidationError, request, reply) => {
    const { status, errorType, codes } = classify(error);
    if (status >= 500 && !(error instanceof ServerBusyError)) {
      request.log.error({ requestId: requestId(reply), type: error.name }, 'internal fault');
    }
    // The card-testing limiter logs each block once as it starts; a line per refused request would flood the log.
    if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
    return sendError(reply, status, errorType, codes);
  });
}

export function sendError(
  reply: FastifyReply,
  status: number,
  errorType: string,
  codes?: readonly string[],
): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.status(status).send(errorBody(requestId(reply), errorType, codes));
}

function errorBody(id: string, errorType: string, codes?: readonly string[]): CheckoutErrorBody {
  return { request_id: id, error_type: errorType, ...(codes ? { error_codes: [...codes] } : {}) };
}

/** Refusals before routing (see `FaceErrors`), by status, in Checkout.com's words. */
const LOW_LEVEL: Record<number, { errorType: string; codes?: string[] }> = {
  400: { errorType: 'request_invalid', codes: ['request_malformed'] },
  404: { errorType: 'resource_not_found' },
  408: { errorType: 'request_invalid', codes: ['request_timeout'] },
  413: { errorType: 'request_invalid', codes: ['request_body_too_large'] },
  431: { errorType: 'request_invalid', codes: ['request_headers_too_large'] },
  501: { errorType: 'request_invalid', codes: ['request_method_invalid'] },
};

/** `/sessions` and below: requests refused before the face's routes still get its error body and request id. */
export const checkoutFaceErrors: FaceErrors = {
  owns: (target) => /^\/sessions(?:[/?#]|$)/.test(target),
  refusal(status) {
    const id = randomUUID();
    const { errorType, codes } = LOW_LEVEL[status] ?? { errorType: 'request_invalid' };
    return { headers: { 'cko-request-id': id }, body: errorBody(id, errorType, codes) };
  },
};

function classify(error: Error): { status: number; errorType: string; codes?: readonly string[] } {
  if (error instanceof CheckoutValidationError) {
    return { status: 422, errorType: 'request_invalid', codes: error.codes };
  }
  if (error instanceof ThreeDSError && error.code === 'not_found') {
    return { status: 404, errorType: 'resource_not_found' };
  }
  if (error instanceof ServerBusyError) return { status: 503, errorType: 'service_unavailable' };
  if (error instanceof RateLimitedError) return { status: 429, errorType: 'too_many_requests' };
  if (error instanceof GatewayError) {
    if (error.status === 401) return { status: 401, errorType: 'unauthorized' };
    if (error.status === 404) return { status: 404, errorType: 'resource_not_found' };
    if (error.status === 405) return { status: 405, errorType: 'method_not_allowed' };
    // The body parser's refusal of text that is not JSON.
    return { status: 422, errorType: 'request_invalid', codes: ['request_body_malformed'] };
  }
  const known = FRAMEWORK_ERRORS[(error as FastifyError).code];
  if (known) return { status: known.status, errorType: 'request_invalid', codes: [known.code] };
  const status = (error as FastifyError).statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, errorType: 'request_invalid' };
  return { status: 500, errorType: 'internal_error' };
}

function requestId(reply: FastifyReply): string {
  return String(reply.getHeader('cko-request-id'));
}
