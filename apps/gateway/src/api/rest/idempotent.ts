import type { FastifyRequest } from 'fastify';
import { readIdempotencyKey, type Idempotency } from '../../domain/idempotency.ts';
import type { SessionScope } from '../../domain/sessions.ts';
import type { IdempotentResponse } from '../../store/store.ts';

/**
 * A Mastercard POST that creates something (a session, a token), run under the merchant's optional
 * `Idempotency-Key`: a retry with the same key and body answers the first response and creates nothing more.
 * Without the header it just runs, as Mastercard's API does.
 */
export function runIdempotent(
  idempotency: Idempotency,
  request: FastifyRequest,
  scope: SessionScope,
  resource: string,
  execute: () => Promise<IdempotentResponse>,
): Promise<IdempotentResponse> {
  return idempotency.run(
    {
      merchantId: scope.merchant.id,
      key: readIdempotencyKey(request.headers['idempotency-key'], false),
      // The resource by its parsed parts, so another spelling of the same URL is the same operation.
      operation: `${request.method} /api/rest/version/${scope.apiVersion}/merchant/${scope.merchant.id}/${resource}`,
      body: request.body,
    },
    execute,
  );
}
