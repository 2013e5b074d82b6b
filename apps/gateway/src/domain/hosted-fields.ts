import type { HostedFieldsScenario } from '@hosted-session/protocol';
import { MAX_API_VERSION } from '@hosted-session/rest';
import type { SessionRecord, TokenRecord } from '../store/store.ts';
import { FieldError } from './errors.ts';
import type { Merchant } from './merchants.ts';
import type { SessionScope, SessionService } from './sessions.ts';
import type { TokenService } from './tokens.ts';

/** A session token is good for ten minutes (Payroc's hosted-fields tokens). */
export const HOSTED_FIELDS_TOKEN_TTL_MS = 10 * 60_000;

/**
 * Sessions made from a hosted-fields session token live under this API version: a page configures the fields
 * with it, and the merchant's server pays the token with PAY under it.
 */
export const HOSTED_FIELDS_API_VERSION = String(MAX_API_VERSION);

export interface HostedFieldsSessionRequest {
  libVersion: string;
  scenario: HostedFieldsScenario;
  secureTokenId?: string;
}

export interface HostedFieldsSession {
  processingTerminalId: string;
  /** The id of the gateway session behind the token: the frames' credential, and what PAY names. */
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface HostedFieldsOptions {
  sessions: SessionService;
  tokens: TokenService;
}

/**
 * Hosted fields started from a session token. A token is a new gateway session for one page load, with the
 * scenario the merchant's server chose: `payment` leaves the card in the session for PAY; `tokenization` saves
 * it in the token vault (never the CSC) as a new stored card, or over the one `secureTokenId` names.
 */
export class HostedFieldsSessions {
  private readonly sessions: SessionService;
  private readonly tokens: TokenService;

  constructor(options: HostedFieldsOptions) {
    this.sessions = options.sessions;
    this.tokens = options.tokens;
  }

  async create(
    merchant: Merchant,
    processingTerminalId: string,
    request: HostedFieldsSessionRequest,
  ): Promise<HostedFieldsSession> {
    const scope = scopeOf(merchant);
    if (request.secureTokenId !== undefined) {
      if (request.scenario !== 'tokenization') {
        throw new FieldError(
          'secureTokenId',
          'INVALID',
          'secureTokenId goes with the tokenization scenario only.',
        );
      }
      if (!(await this.tokens.find(scope, request.secureTokenId))) {
        throw new FieldError(
          'secureTokenId',
          'INVALID',
          "secureTokenId is not one of this merchant's saved cards.",
        );
      }
    }
    const record = await this.sessions.createForHostedFields(
      scope,
      {
        processingTerminalId,
        scenario: request.scenario,
        libVersion: request.libVersion,
        ...(request.secureTokenId === undefined ? {} : { secureTokenId: request.secureTokenId }),
      },
      HOSTED_FIELDS_TOKEN_TTL_MS,
    );
    return { processingTerminalId, token: record.id, expiresAt: record.expiresAt };
  }

  /**
   * After the page put a card into a tokenization session: saves it as a stored card (the CSC is deleted from
   * the session, never stored) or updates the saved card the session names; the session then names the card,
   * so a second update from the same page updates it too. Undefined for every other session.
   */
  async saveCard(scope: SessionScope, record: SessionRecord): Promise<TokenRecord | undefined> {
    const context = record.hostedFields;
    if (context?.scenario !== 'tokenization') return undefined;
    const body = { session: { id: record.id } };
    if (context.secureTokenId !== undefined) return this.tokens.update(scope, context.secureTokenId, body);
    const saved = await this.tokens.create(scope, body);
    await this.sessions.rememberSavedCard(record, saved.token);
    return saved;
  }
}

function scopeOf(merchant: Merchant): SessionScope {
  return { merchant, apiVersion: HOSTED_FIELDS_API_VERSION };
}
