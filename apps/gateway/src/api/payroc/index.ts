import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { PROCESSING_TERMINAL_ID_PATTERN, type AccessTokenResponse } from '@hosted-session/rest/payroc';
import type { HostedFieldsSessionResponse } from '@hosted-session/rest/payroc';
import type { AccessTokens } from '../../domain/access-tokens.ts';
import { AuthenticationError } from '../../domain/errors.ts';
import { readIdempotencyKey } from '../../domain/idempotency.ts';
import type { Merchant, MerchantRegistry } from '../../domain/merchants.ts';
import { installAbuseLimits } from '../abuse-limits.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { refuseOtherMethods } from '../http.ts';
import { ProblemError, installProblemErrors, parameterProblem } from './problems.ts';
import { readSessionRequest } from './session-request.ts';

const AUTHORIZE = '/identity/authorize';
const SESSIONS = '/v1/processing-terminals/:processingTerminalId/hosted-fields-sessions';

/**
 * Payroc's hosted-fields session tokens over the one domain: `POST /identity/authorize` exchanges the
 * merchant's secret key (`x-api-key`) for a Bearer token, and `POST /v1/processing-terminals/{id}/
 * hosted-fields-sessions` (Idempotency-Key required) makes a session token for one page load of the fields.
 * Errors are RFC 7807 problem details.
 */
export const payrocApi: FastifyPluginAsync<GatewayContext> = async (
  app,
  { merchants, limiter, accessTokens, hostedFields, idempotency },
) => {
  installProblemErrors(app);
  // The REST API's per-address limits: an API key cannot be guessed at any faster than an API password.
  installAbuseLimits(app, limiter, 'api');
  app.addHook('onRequest', async (request) => {
    if (!acceptsJson(request.headers.accept)) {
      throw new ProblemError(406, 'The answer is JSON: the Accept header must allow application/json.', [
        parameterProblem(
          'Accept',
          'not acceptable',
          'Accept must allow application/json or application/problem+json.',
        ),
      ]);
    }
  });

  app.post(AUTHORIZE, async (request): Promise<AccessTokenResponse> => {
    const key = request.headers['x-api-key'];
    if (typeof key !== 'string' || !key.trim()) throw new AuthenticationError();
    const { token, expiresInSeconds } = accessTokens.issue(key.trim());
    return { access_token: token, token_type: 'Bearer', expires_in: expiresInSeconds };
  });

  app.post<{ Params: { processingTerminalId: string } }>(SESSIONS, async (request, reply) => {
    const merchant = bearerMerchant(accessTokens, request);
    const processingTerminalId = terminalOf(merchants, merchant, request.params.processingTerminalId);
    const key = readIdempotencyKey(request.headers['idempotency-key'], true);
    const input = readSessionRequest(request.body);
    const { status, body } = await idempotency.run(
      {
        merchantId: merchant.id,
        key,
        operation: `POST /v1/processing-terminals/${processingTerminalId}/hosted-fields-sessions`,
        body: input,
      },
      async () => {
        const session = await hostedFields.create(merchant, processingTerminalId, input);
        const response: HostedFieldsSessionResponse = {
          processingTerminalId: session.processingTerminalId,
          token: session.token,
          expiresAt: new Date(session.expiresAt).toISOString(),
        };
        return { status: 201, body: { ...response } };
      },
    );
    return reply.status(status).send(body);
  });

  refuseOtherMethods(app, AUTHORIZE, ['POST']);
  refuseOtherMethods(app, SESSIONS, ['POST']);
};

/** `Authorization: Bearer <access_token>` from `/identity/authorize`. */
function bearerMerchant(accessTokens: AccessTokens, request: FastifyRequest): Merchant {
  const match = /^Bearer\s+(\S{1,1000})$/i.exec(request.headers.authorization?.trim() ?? '');
  if (!match) throw new AuthenticationError();
  return accessTokens.authenticate(match[1]!);
}

/** The terminal from the path: 400 when it cannot be one, 404 when nobody has it, 403 when another merchant does. */
function terminalOf(merchants: MerchantRegistry, merchant: Merchant, processingTerminalId: string): string {
  if (!PROCESSING_TERMINAL_ID_PATTERN.test(processingTerminalId)) {
    throw new ProblemError(400, 'One or more validation errors occurred, see errors for more information.', [
      parameterProblem(
        'processingTerminalId',
        'invalid',
        'processingTerminalId must be 4 to 50 letters, digits, dots, underscores or hyphens.',
      ),
    ]);
  }
  const owner = merchants.terminalOwner(processingTerminalId);
  if (!owner) throw new ProblemError(404, 'No processing terminal with this id exists.');
  if (owner.id !== merchant.id) throw new ProblemError(403, 'The processing terminal is not one of yours.');
  return processingTerminalId;
}

/** Whether an Accept header allows JSON (absent, `*\/*`, `application/*`, `application/json`, `…+json`), q=0 excluded. */
function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || !accept.trim()) return true;
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const refused = params.some((param) => /^q=0(?:\.0{0,3})?$/.test(param));
    return !refused && /^(?:\*\/\*|application\/\*|application\/(?:[\w.-]+\+)?json)$/.test(type);
  });
}
