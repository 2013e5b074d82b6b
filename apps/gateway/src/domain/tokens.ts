import { TOKEN_PATTERN, TokenRequest } from '@hosted-session/rest';
import type { ProcessorCard } from '../processor/index.ts';
import type { Store, TokenRecord } from '../store/store.ts';
import { BinTable } from './bins/bin-table.ts';
import { UnknownTokenError } from './errors.ts';
import { newToken } from './ids.ts';
import { maskCard } from './orders/index.ts';
import { completeCard, type SessionScope, type SessionService } from './sessions.ts';
import { parseRequest } from './validation.ts';
import type { CardVault } from './vault.ts';

export interface TokenServiceOptions {
  store: Store;
  vault: CardVault;
  sessions: SessionService;
  /** Funding method and issuer of the saved cards; without it, funding is UNKNOWN. */
  bins?: BinTable;
  now?: () => number;
}

/**
 * Stored cards. A token takes the card from a session, which counts as using the session: its CSC is
 * deleted then, and a token never keeps one (PCI DSS 3.3.1). The PAN is sealed in the vault bound to the
 * token, so an envelope copied to another token does not open.
 */
export class TokenService {
  private readonly store: Store;
  private readonly vault: CardVault;
  private readonly sessions: SessionService;
  private readonly bins: BinTable;
  private readonly now: () => number;

  constructor(options: TokenServiceOptions) {
    this.store = options.store;
    this.vault = options.vault;
    this.sessions = options.sessions;
    this.bins = options.bins ?? new BinTable([]);
    this.now = options.now ?? Date.now;
  }

  async create(scope: SessionScope, body: unknown): Promise<TokenRecord> {
    const request = parseRequest(TokenRequest, body);
    const token = newToken();
    const record: TokenRecord = {
      token,
      merchantId: scope.merchant.id,
      ...(await this.cardFromSession(scope, request, token)),
      createdAt: this.now(),
      updatedAt: this.now(),
    };
    await this.store.createToken(record);
    return record;
  }

  async update(scope: SessionScope, token: string, body: unknown): Promise<TokenRecord> {
    const existing = await this.get(scope, token);
    const request = parseRequest(TokenRequest, body);
    const record: TokenRecord = {
      ...existing,
      ...(await this.cardFromSession(scope, request, token)),
      updatedAt: this.now(),
    };
    if (!(await this.store.replaceToken(record))) throw new UnknownTokenError();
    return record;
  }

  async get(scope: SessionScope, token: string): Promise<TokenRecord> {
    const record = await this.find(scope, token);
    if (!record) throw new UnknownTokenError();
    return record;
  }

  /** Undefined for anything that is not one of this merchant's tokens, without telling which. */
  async find(scope: SessionScope, token: string): Promise<TokenRecord | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    return this.store.getToken(scope.merchant.id, token);
  }

  async delete(scope: SessionScope, token: string): Promise<void> {
    if (!TOKEN_PATTERN.test(token) || !(await this.store.deleteToken(scope.merchant.id, token))) {
      throw new UnknownTokenError();
    }
  }

  /** The clear card for one processor call. */
  clearCard(record: TokenRecord): ProcessorCard {
    const { expiry, nameOnCard } = record.card;
    return {
      number: this.vault.open(record.panEnvelope, record.token),
      expiry,
      ...(nameOnCard === undefined ? {} : { nameOnCard }),
    };
  }

  private async cardFromSession(
    scope: SessionScope,
    request: TokenRequest,
    token: string,
  ): Promise<Pick<TokenRecord, 'panEnvelope' | 'card'>> {
    const { card } = await this.sessions.use(scope, request.session.id, request.session.version);
    const { securityCode: _neverStored, ...kept } = completeCard(card);
    // The session keeps its expiry in the normalised form already.
    return {
      panEnvelope: this.vault.seal(kept.number, token),
      card: { ...maskCard(kept, this.bins.lookup(kept.number)), expiry: kept.expiry },
    };
  }
}
