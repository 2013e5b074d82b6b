import type { FastifyPluginAsync } from 'fastify';
import type {
  BrowserCardUpdateResponse,
  BrowserSessionDescription,
  MaskedCard,
} from '@hosted-session/protocol';
import {
  AuthenticationError,
  UnknownSessionCredentialError,
  UnknownSessionError,
} from '../../domain/errors.ts';
import type { SessionScope, UpdateResult } from '../../domain/sessions.ts';
import { installAbuseLimits } from '../abuse-limits.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { refuseOtherMethods } from '../http.ts';
import { basicPassword, checkPath, checkSessionId, type PathParams } from '../request-context.ts';

const SESSION = '/api/browser/version/:version/merchant/:merchantId/session/:sessionId';

/**
 * The endpoint the hub frame calls (contract: packages/protocol/src/browser-api.ts). The session id is the
 * password, so every call is counted against the session's authenticationLimit.
 */
export const browserApi: FastifyPluginAsync<GatewayContext> = async (
  app,
  { merchants, sessions, hostedFields, limiter },
) => {
  installAbuseLimits(app, limiter, 'browser');

  app.put<{ Params: SessionParams }>(SESSION, async (request) => {
    const { scope, sessionId } = credentials(merchants, request.params, request.headers.authorization);
    const result = await sessions.updateFromBrowser(scope, sessionId, request.body);
    // A session token of the tokenization scenario saves the card as it comes in.
    const saved = await hostedFields.saveCard(scope, result.record);
    const answer = formSessionUpdateOk(result, scope.apiVersion);
    return saved ? { ...answer, secureTokenId: saved.token } : answer;
  });

  app.get<{ Params: SessionParams }>(SESSION, async (request): Promise<BrowserSessionDescription> => {
    const { scope, sessionId } = credentials(merchants, request.params, request.headers.authorization);
    const { record, expired } = await sessions.describeForBrowser(scope, sessionId);
    const context = record.hostedFields;
    return {
      session: { id: record.id },
      expired,
      expiresAt: new Date(record.expiresAt).toISOString(),
      ...(context ? { hostedFields: { scenario: context.scenario, libVersion: context.libVersion } } : {}),
    };
  });

  refuseOtherMethods(app, SESSION, ['PUT', 'GET']);
};

type SessionParams = PathParams & { sessionId: string };

/** The merchant from the URL and the session id that is the password: both must agree with the credential. */
function credentials(
  merchants: GatewayContext['merchants'],
  params: SessionParams,
  authorization: string | undefined,
): { scope: SessionScope; sessionId: string } {
  const { version, merchantId } = checkPath(params);
  const sessionId = sessionCredential(params.sessionId);
  const merchant = merchants.get(merchantId);
  if (!merchant || basicPassword(authorization, merchantId) !== sessionId) throw new AuthenticationError();
  return { scope: { merchant, apiVersion: version }, sessionId };
}

/** The session id in the URL is the password: one that cannot be a session id is a failed authentication. */
function sessionCredential(sessionId: string): string {
  try {
    return checkSessionId(sessionId);
  } catch (error) {
    throw error instanceof UnknownSessionError ? new UnknownSessionCredentialError() : error;
  }
}

function formSessionUpdateOk(
  { record, securityCodeGiven }: UpdateResult,
  apiVersion: string,
): BrowserCardUpdateResponse {
  const stored = (record.content.sourceOfFunds as unknown as { provided: { card: MaskedCard } }).provided
    .card;
  const { securityCode: _stored, ...card } = stored;
  return {
    status: 'ok',
    merchant: record.merchantId,
    session: { id: record.id, updateStatus: 'SUCCESS', version: record.version },
    sourceOfFunds: {
      provided: { card: securityCodeGiven ? { ...card, securityCode: 'xxx' } : card },
      type: 'CARD',
    },
    version: apiVersion,
  };
}
