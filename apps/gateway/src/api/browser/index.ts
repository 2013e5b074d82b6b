import type { FastifyPluginAsync } from 'fastify';
import type { BinLookupResponse, BrowserUpdateResponse, MaskedSourceOfFunds } from '@hosted-session/protocol';
import { BinLookupRequest } from '@hosted-session/protocol/rest';
import { AuthenticationError, InvalidRequestError } from '../../domain/errors.ts';
import { storedProvided, type UpdateResult } from '../../domain/sessions.ts';
import { parseRequest } from '../../domain/validation.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { refuseOtherMethods } from '../http.ts';
import { basicPassword, checkPath, checkSessionId, type PathParams } from '../request-context.ts';

const BASE = '/api/browser/version/:version/merchant/:merchantId';
const SESSION = `${BASE}/session/:sessionId`;
const BIN_LOOKUP = `${BASE}/binLookup`;

/**
 * The endpoint the hub frame calls (contract: packages/protocol/src/browser-api.ts). The session id is the
 * password, so every call is counted against the session's authenticationLimit.
 */
export const browserApi: FastifyPluginAsync<GatewayContext> = async (app, { merchants, sessions, bins }) => {
  app.put<{ Params: PathParams & { sessionId: string } }>(SESSION, async (request) => {
    const { version, merchantId } = checkPath(request.params);
    const sessionId = checkSessionId(request.params.sessionId);
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

  // The card number frame's question (contract: `binLookupPath`); the merchant decides only that it exists.
  app.post<{ Params: PathParams }>(BIN_LOOKUP, async (request): Promise<BinLookupResponse> => {
    const { merchantId } = checkPath(request.params);
    if (!merchants.get(merchantId)) throw new InvalidRequestError('No such merchant.', 404);
    const { bin } = parseRequest(BinLookupRequest, request.body);
    const { fundingMethod, issuer } = bins.lookup(bin);
    return { fundingMethod, ...(issuer === undefined ? {} : { issuer }) };
  });

  refuseOtherMethods(app, SESSION, ['PUT']);
  refuseOtherMethods(app, BIN_LOOKUP, ['POST']);
};

const PROVIDED_KEY = { CARD: 'card', GIFT_CARD: 'giftCard', ACH: 'ach' } as const;

/**
 * The formSessionUpdate `ok` body: the session's details of the type just updated, as stored (masked), with
 * a CSC or PIN shown only when this call gave one; and how many browser calls the session has left.
 */
function formSessionUpdateOk({ record, given }: UpdateResult, apiVersion: string): BrowserUpdateResponse {
  const sourceOfFunds = record.content.sourceOfFunds as { type: keyof typeof PROVIDED_KEY };
  const key = PROVIDED_KEY[sourceOfFunds.type];
  const {
    securityCode: _card,
    pin: _giftCard,
    ...stored
  } = storedProvided(record)[key] as Record<string, unknown>;
  const secrets = given?.[key] as { securityCode?: unknown; pin?: unknown } | undefined;
  return {
    status: 'ok',
    merchant: record.merchantId,
    session: { id: record.id, updateStatus: 'SUCCESS', version: record.version },
    sourceOfFunds: {
      provided: {
        [key]: {
          ...stored,
          ...(secrets?.securityCode ? { securityCode: secrets.securityCode } : {}),
          ...(secrets?.pin ? { pin: secrets.pin } : {}),
        },
      },
      type: sourceOfFunds.type,
    } as MaskedSourceOfFunds,
    version: apiVersion,
    authenticationsRemaining: Math.max(0, record.authenticationLimit - record.authenticationCount),
  };
}
