import type { FastifyPluginAsync } from 'fastify';
import type { BrowserCardUpdateResponse, MaskedCard } from '@hosted-session/protocol';
import {
  AuthenticationError,
  UnknownSessionCredentialError,
  UnknownSessionError,
} from '../../domain/errors.ts';
import type { UpdateResult } from '../../domain/sessions.ts';
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
  { merchants, sessions, limiter },
) => {
  installAbuseLimits(app, limiter, 'browser');

  app.put<{ Params: PathParams & { sessionId: string } }>(SESSION, async (request) => {
    const { version, merchantId } = checkPath(request.params);
    const sessionId = sessionCredential(request.params.sessionId);
    const merchant = merchants.get(merchantId);
    if (!merchant || basicPassword(request.headers.authorization, merchantId) !== sessionId) {
      throw new AuthenticationError();
    }
    const result = await sessions.updateFromBrowser(
      { merchant, apiVersion: version },
      sessionId,
      request.body,
    );
    return formSessionUpdateOk(result, version);
  });

  refuseOtherMethods(app, SESSION, ['PUT']);
};

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
