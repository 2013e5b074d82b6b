import type { FastifyRequest } from 'fastify';
import { InvalidRequestError } from '../domain/errors.ts';
import { isLoopback } from '../loopback.ts';

/**
 * The gateway's origin as browsers reach it, for the addresses it hands out: the issuer's pages post the
 * cardholder's browser back to them, the merchant follows them. The configured public origin, whenever there
 * is one (it must be, beyond loopback). Without it the gateway listens on loopback only, and a request's own
 * origin is taken when its host is a loopback name. A Host header is chosen by whoever sends the request, so
 * no other host ever lands in an address another person's browser will follow.
 */
export function gatewayOrigin(request: FastifyRequest, publicOrigin: string | undefined): string {
  if (publicOrigin) return publicOrigin;
  if (!isLoopback(request.hostname)) {
    throw new InvalidRequestError('The request is addressed to a host this gateway does not serve.');
  }
  return `${request.protocol}://${request.host}`;
}
