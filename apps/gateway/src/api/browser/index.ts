import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type {
  BinLookupResponse,
  BrowserCreateSessionResponse,
  BrowserUpdateResponse,
  MaskedSourceOfFunds,
} from '@hosted-session/protocol';
import { BinLookupRequest, BrowserCreateSessionRequest } from '@hosted-session/rest';
import {
  AuthenticationError,
  InvalidRequestError,
  UnknownSessionCredentialError,
  UnknownSessionError,
} from '../../domain/errors.ts';
import { storedProvided, type UpdateResult } from '../../domain/sessions.ts';
import { parseRequest } from '../../domain/validation.ts';
import { installAbuseLimits } from '../abuse-limits.ts';
import { CrossOriginAccess } from '../cross-origin.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { refuseOtherMethods } from '../http.ts';
import { basicPassword, checkPath, checkSessionId, type PathParams } from '../request-context.ts';
import { createSessionResponse } from '../session-response.ts';

const BASE = '/api/browser/version/:version/merchant/:merchantId';
const SESSIONS = `${BASE}/session`;
const SESSION = `${SESSIONS}/:sessionId`;
const BIN_LOOKUP = `${BASE}/binLookup`;

/**
 * What the browser calls (contract: packages/protocol/src/browser-api.ts): session.js creates a session from
 * the merchant's page; the hub frame puts the payer's details into it, with the session id as the password,
 * so every such call counts against the session's authenticationLimit; the card number frame looks up its BIN.
 */
export const browserApi: FastifyPluginAsync<GatewayContext> = async (
  app,
  { merchants, sessions, bins, limiter },
) => {
  const crossOrigin = new CrossOriginAccess(merchants, () => ['POST']);
  // Before the limits, so the merchant's page can read a refusal (429) of the session it asked for.
  app.addHook('onRequest', async (request: FastifyRequest<{ Params: PathParams }>, reply) => {
    if (request.routeOptions.url === SESSIONS) crossOrigin.allow(request, reply);
  });
  installAbuseLimits(app, limiter, 'browser');

  /**
   * A session for the page's merchant, from a page on one of its registered origins only. A script outside a
   * browser can send any Origin, so what bounds the sessions a third party can make is the per-address limit
   * of browser calls (installAbuseLimits, counted in the store), as for every other browser call.
   */
  app.post<{ Params: PathParams }>(SESSIONS, async (request, reply) => {
    const { version, merchantId } = checkPath(request.params);
    crossOrigin.require(request, reply);
    parseRequest(BrowserCreateSessionRequest, request.body);
    const merchant = merchants.get(merchantId)!;
    const { record } = await sessions.create({ merchant, apiVersion: version }, {});
    const { aes256Key: _serverOnly, ...session } = createSessionResponse(record).session;
    const body: BrowserCreateSessionResponse = {
      merchant: record.merchantId,
      result: 'SUCCESS',
      session: { ...session, updateStatus: 'NO_UPDATE' },
    };
    return reply.status(201).send(body);
  });
  app.options<{ Params: PathParams }>(SESSIONS, (request, reply) => {
    checkPath(request.params);
    return crossOrigin.preflight(request, reply);
  });

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

  // The card number frame's question (contract: `binLookupPath`); the merchant decides only that it exists.
  app.post<{ Params: PathParams }>(BIN_LOOKUP, async (request): Promise<BinLookupResponse> => {
    const { merchantId } = checkPath(request.params);
    if (!merchants.get(merchantId)) throw new InvalidRequestError('No such merchant.', 404);
    const { bin } = parseRequest(BinLookupRequest, request.body);
    const { fundingMethod, issuer } = bins.lookup(bin);
    return { fundingMethod, ...(issuer === undefined ? {} : { issuer }) };
  });

  refuseOtherMethods(app, SESSIONS, ['POST']);
  refuseOtherMethods(app, SESSION, ['PUT']);
  refuseOtherMethods(app, BIN_LOOKUP, ['POST']);
};

/** The session id in the URL is the password: one that cannot be a session id is a failed authentication. */
function sessionCredential(sessionId: string): string {
  try {
    return checkSessionId(sessionId);
  } catch (error) {
    throw error instanceof UnknownSessionError ? new UnknownSessionCredentialError() : error;
  }
}

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
