import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidRequestError } from '../domain/errors.ts';
import { isAllowedOrigin, type MerchantRegistry } from '../domain/merchants.ts';
import type { PathParams } from './request-context.ts';

/**
 * Cross-origin access for an operation a checkout page calls itself: Payment Options Inquiry and Mastercard's
 * 3-D Secure operations (with a session id as their password) and the creation of a session by session.js. Only the merchant's registered origins get
 * it, the same list that may embed the frames; every other origin, and every other endpoint, gets no CORS
 * headers at all. No cookie is ever involved, so credentialed CORS is not needed.
 */
export class CrossOriginAccess {
  constructor(
    private readonly merchants: MerchantRegistry,
    private readonly methods: (version: string) => readonly string[],
  ) {}

  /** Marks the reply readable by the calling page when its origin is registered; call before anything can fail. */
  allow(request: FastifyRequest<{ Params: PathParams }>, reply: FastifyReply): void {
    reply.header('vary', 'Origin');
    const origin = this.registeredOrigin(request);
    if (origin) reply.header('access-control-allow-origin', origin);
  }

  /** For an operation only the merchant's pages may call: as `allow`, and a refusal for any other caller. */
  require(request: FastifyRequest<{ Params: PathParams }>, reply: FastifyReply): string {
    this.allow(request, reply);
    const origin = this.registeredOrigin(request);
    if (!origin) throw notRegistered();
    return origin;
  }

  /** Answers a preflight: the methods and headers the page may use, or a refusal for any other origin. */
  preflight(request: FastifyRequest<{ Params: PathParams }>, reply: FastifyReply): FastifyReply {
    const origin = this.registeredOrigin(request);
    reply.header('vary', 'Origin');
    if (!origin) throw notRegistered();
    return reply
      .headers({
        'access-control-allow-origin': origin,
        'access-control-allow-methods': this.methods(request.params.version).join(', '),
        'access-control-allow-headers': 'Authorization, Content-Type',
        'access-control-max-age': '600',
      })
      .status(204)
      .send();
  }

  private registeredOrigin(request: FastifyRequest<{ Params: PathParams }>): string | undefined {
    const origin = request.headers.origin;
    const merchant = this.merchants.get(request.params.merchantId);
    return origin && merchant && isAllowedOrigin(merchant, origin) ? origin : undefined;
  }
}

function notRegistered(): InvalidRequestError {
  return new InvalidRequestError(
    "Cross-origin calls are accepted from the merchant's registered origins only.",
    403,
  );
}
