import type { FastifyInstance } from 'fastify';
import { AuthenticationError, UnknownSessionCredentialError } from '../domain/errors.ts';
import type { RateLimiter } from '../domain/rate-limits.ts';

/**
 * The card-testing limits at the edge of an API family: each request is admitted (or refused with 429)
 * before anything authenticates it, and each failed authentication is counted against the client address.
 * `request.ip` is the socket's address unless TRUST_PROXY names the proxies whose X-Forwarded-For to believe.
 */
export function installAbuseLimits(
  app: FastifyInstance,
  limiter: RateLimiter,
  kind: 'api' | 'browser',
): void {
  app.addHook('onRequest', async (request) => {
    await (kind === 'browser' ? limiter.admitBrowser(request.ip) : limiter.admitAddress(request.ip));
  });
  app.addHook('onError', async (request, _reply, error) => {
    if (error instanceof AuthenticationError || error instanceof UnknownSessionCredentialError) {
      await limiter.authenticationFailed(request.ip);
    }
  });
}
