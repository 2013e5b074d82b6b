import type { FastifyInstance, FastifyReply, HTTPMethods } from 'fastify';
import { InvalidRequestError } from '../domain/errors.ts';

const METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Answers the methods a resource does not support with 405 instead of a misleading 404. */
export function refuseOtherMethods(app: FastifyInstance, url: string, allowed: readonly HTTPMethods[]): void {
  const others = METHODS.filter((method) => !allowed.includes(method));
  app.route({
    method: others,
    url,
    handler: async (_request, reply) => methodNotAllowed(reply, allowed),
  });
}

/** The 405 answer: Mastercard's error body, and the methods the resource does take in `Allow`. */
export function methodNotAllowed(reply: FastifyReply, allowed: readonly string[]): never {
  reply.header('allow', allowed.join(', '));
  throw new InvalidRequestError('The method is not supported for this resource.', 405);
}
