import type { FastifyInstance, HTTPMethods } from 'fastify';
import { InvalidRequestError } from '../domain/errors.ts';

/** Bodies are JSON or nothing; anything else is refused with Mastercard's error body. */
export function installJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody);
}

/** A body parser for Fastify: empty is absent, and text that is not JSON is refused without quoting it. */
export function parseJsonBody(
  _request: unknown,
  body: string | Buffer,
  done: (error: Error | null, value?: unknown) => void,
): void {
  const text = String(body);
  if (text.trim() === '') return done(null, undefined);
  try {
    done(null, JSON.parse(text));
  } catch {
    // JSON.parse's message quotes the text around the fault, which may be a card number.
    done(new InvalidRequestError('The request body is not valid JSON.'), undefined);
  }
}

const METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Answers the methods a resource does not support with 405 instead of a misleading 404. */
export function refuseOtherMethods(app: FastifyInstance, url: string, allowed: readonly HTTPMethods[]): void {
  const others = METHODS.filter((method) => !allowed.includes(method));
  app.route({
    method: others,
    url,
    handler: async (_request, reply) => {
      reply.header('allow', allowed.join(', '));
      throw new InvalidRequestError('The method is not supported for this resource.', 405);
    },
  });
}
