import { randomUUID, timingSafeEqual } from 'node:crypto';
import { detectBrand, maskPan, normalizeExpiry } from '@hosted-session/card';
import type { Store } from '../../store/store.ts';
import type {
  AuthenticationOutcome,
  BrowserData,
  ChallengePreference,
  Exemption,
  ThreeDSServer,
} from '../../threeds-server/index.ts';
import { ServerBusyError } from '../errors.ts';
import { newAuthenticationId } from '../ids.ts';
import type { Merchant } from '../merchants.ts';
import type { Currency } from '../money/index.ts';
import type { CardVault } from '../vault.ts';
import { ThreeDSError } from './errors.ts';
import { encodeChallengeRequest, encodeMethodData } from './messages.ts';
import {
  SUCCESSFUL_STATUSES,
  isFinal,
  type AuthenticationPurpose,
  type AuthenticationRecord,
  type AuthenticationResult,
  type AuthenticationUse,
} from './model.ts';
import { resultOf, statusOf, type ResultIds } from './outcome.ts';

export interface AuthenticationServiceOptions {
  store: Store;
  vault: CardVault;
  server: ThreeDSServer;
  /** How long an authentication lives, from its creation to the payment that uses it. */
  ttlMs: number;
  /** How long the issuer's 3DS Method has to report back (EMV 3DS: 10 seconds). */
  methodTimeoutMs: number;
  /** Epoch milliseconds. */
  now?: () => number;
}

/** What an API face asks to authenticate: the clear card (used for this call and sealed) and the payment. */
export interface NewAuthentication {
  merchant: Merchant;
  card: { number: string; expiry: { month: string; year: string }; nameOnCard?: string };
  amount: bigint;
  currency: Currency;
  /** Shown on the issuer's screen; the merchant's configured name when absent. */
  merchantName?: string;
  challengePreference: ChallengePreference;
  exemption?: Exemption;
  purpose: AuthenticationPurpose;
  riskData: AuthenticationRecord['riskData'];
  face: AuthenticationRecord['face'];
  orderTransaction?: AuthenticationRecord['orderTransaction'];
  /** 3-D Secure 1 (1.0.2) for the card, named by the merchant's 3DSecureId, instead of the range's version. */
  threeDSecureId?: string;
}

/** The gateway pages' URLs the issuer's pages send the browser back to. */
export interface NotificationUrls {
  method: string;
  challenge: string;
}

/** What the cardholder's browser does next. */
export type BrowserStep =
  | { kind: 'method'; url: string; threeDSMethodData: string; waitMs: number }
  | { kind: 'wait'; waitMs: number }
  | { kind: 'challenge'; acsUrl: string; creq: string }
  | { kind: 'complete'; record: AuthenticationRecord };

export type ChallengeStep =
  | { kind: 'retry'; attemptsLeft: number; record: AuthenticationRecord }
  | { kind: 'complete'; record: AuthenticationRecord };

export interface PaymentUse extends AuthenticationUse {
  cardNumber: string;
  amount: bigint;
  currency: Currency;
}

export type CompletionListener = (record: AuthenticationRecord) => void;

// Far more than concurrent writers to one authentication ever are; past it the caller gets SERVER_BUSY.
const MAX_WRITE_ATTEMPTS = 50;
// While another gateway holds the AReq, the browser asks again this soon.
const AREQ_WAIT_MS = 250;

/**
 * The 3-D Secure engine: one authentication from creation to the payment that uses it. create → (browser)
 * device data and the issuer's 3DS Method → AReq → frictionless result or challenge → result → one payment.
 * API faces (Checkout.com sessions, Mastercard's INITIATE_AUTHENTICATION…) are adapters over it; the issuer
 * side is a `ThreeDSServer`. Every write is compare-and-set on the record's revision, so gateways sharing a
 * database agree on one result.
 */
export class AuthenticationService {
  private readonly store: Store;
  private readonly vault: CardVault;
  private readonly server: ThreeDSServer;
  private readonly ttlMs: number;
  private readonly methodTimeoutMs: number;
  private readonly now: () => number;
  private readonly listeners: CompletionListener[] = [];

  constructor(options: AuthenticationServiceOptions) {
    this.store = options.store;
    this.vault = options.vault;
    this.server = options.server;
    this.ttlMs = options.ttlMs;
    this.methodTimeoutMs = options.methodTimeoutMs;
    this.now = options.now ?? Date.now;
  }

  /** Called once for every authentication that reaches its result, by the gateway that recorded it. */
  onComplete(listener: CompletionListener): void {
    this.listeners.push(listener);
  }

  async create(input: NewAuthentication): Promise<AuthenticationRecord> {
    const now = this.now();
    const id = newAuthenticationId();
    const brand = detectBrand(input.card.number)?.brand ?? 'UNKNOWN';
    const lookup = await this.server.lookup({ number: input.card.number, brand });
    const base: AuthenticationRecord = {
      id,
      transactionId: randomUUID(),
      merchantId: input.merchant.id,
      revision: 1,
      status: 'pending',
      card: {
        brand,
        number: maskPan(input.card.number),
        expiry: normalizeExpiry(input.card.expiry.month, input.card.expiry.year) ?? input.card.expiry,
      },
      panEnvelope: this.vault.seal(input.card.number, id),
      amount: input.amount,
      currency: input.currency,
      merchantName: input.merchantName ?? input.merchant.name ?? input.merchant.id,
      challengePreference: input.challengePreference,
      ...(input.exemption ? { exemption: input.exemption } : {}),
      purpose: input.purpose,
      riskData: input.riskData,
      face: input.face,
      ...(input.orderTransaction ? { orderTransaction: input.orderTransaction } : {}),
      ...(input.threeDSecureId === undefined ? {} : { threeDSecureId: input.threeDSecureId }),
      createdAt: now,
      updatedAt: now,
      expiresAt: now + this.ttlMs,
    };
    // 3-D Secure 1 has no 3DS Method: its issuer sees the browser when the browser posts the PAReq.
    const threeDS1 = input.threeDSecureId !== undefined;
    const record: AuthenticationRecord = lookup.enrolled
      ? {
          ...base,
          protocolVersion: threeDS1 ? '1.0.2' : lookup.protocolVersion,
          directory: {
            dsId: lookup.dsId,
            ...(lookup.methodUrl && !threeDS1 ? { methodUrl: lookup.methodUrl } : {}),
          },
        }
      : { ...base, ...this.unanswered('unavailable', 'card_not_enrolled') };
    await this.store.createAuthentication(record);
    if (isFinal(record.status)) this.notify(record);
    return record;
  }

  /** The merchant's view: another merchant's authentication is as unknown as a missing one. */
  async get(merchantId: string, id: string): Promise<AuthenticationRecord> {
    const record = await this.store.getAuthentication(id);
    if (!record || record.merchantId !== merchantId) throw new ThreeDSError('not_found');
    return this.current(record);
  }

  /** The browser's view: the id is the credential. */
  async forBrowser(id: string): Promise<AuthenticationRecord> {
    const record = await this.store.getAuthentication(id);
    if (!record) throw new ThreeDSError('not_found');
    return this.current(record);
  }

  /** The merchant's authentications on one order (Mastercard's order transactions), oldest first. */
  async ofOrder(merchantId: string, orderId: string): Promise<AuthenticationRecord[]> {
    const records = await this.store.listOrderAuthentications(merchantId, orderId);
    return records.map((record) => this.current(record));
  }

  /** The merchant's 3-D Secure 1 authentication named by its 3DSecureId, if there is one. */
  async byThreeDSecureId(
    merchantId: string,
    threeDSecureId: string,
  ): Promise<AuthenticationRecord | undefined> {
    const record = await this.store.findThreeDSecureIdAuthentication(merchantId, threeDSecureId);
    return record && this.current(record);
  }

  /** The issuer's pages know the authentication by its 3DS Server Transaction ID. */
  async byTransactionId(transactionId: string): Promise<AuthenticationRecord> {
    const record = await this.store.findAuthentication(transactionId);
    if (!record) throw new ThreeDSError('not_found');
    return this.current(record);
  }

  /**
   * The browser arrives with its data: the issuer's 3DS Method starts if it has one, else the AReq goes out.
   * A browser that comes back (a reload, a second tab) is told where the authentication stands. A face whose
   * page runs the 3DS Method before the browser data reaches the gateway (Mastercard's
   * INITIATE_AUTHENTICATION) starts without it and gives it to `continue` later.
   */
  async start(
    id: string,
    browser: BrowserData | undefined,
    urls: NotificationUrls,
    parentOrigin?: string,
  ): Promise<BrowserStep> {
    const record = await this.forBrowser(id);
    if (record.status !== 'pending') return this.next(record, urls);
    const methodUrl = record.directory?.methodUrl;
    let startedHere = false;
    const started = await this.write(record.id, (current) => {
      // Set on every attempt: a lost compare-and-set is retried against what the winner wrote.
      startedHere = current.status === 'pending';
      if (!startedHere) return undefined;
      return {
        ...current,
        status: 'processing',
        ...(browser ? { browser } : {}),
        ...(parentOrigin ? { parentOrigin } : {}),
        ...(methodUrl ? { method: { deadline: this.now() + this.methodTimeoutMs, completed: false } } : {}),
      };
    });
    if (startedHere && methodUrl && started.method) {
      return {
        kind: 'method',
        url: methodUrl,
        threeDSMethodData: encodeMethodData(started.transactionId, urls.method),
        waitMs: started.method.deadline - this.now(),
      };
    }
    return this.next(started, urls);
  }

  /** The 3DS Method's notification: it counts only before the deadline. False when it did not count. */
  async completeMethod(transactionId: string): Promise<boolean> {
    const record = await this.store.findAuthentication(transactionId);
    if (!record) return false;
    let counted = false;
    await this.write(record.id, (current) => {
      const method = current.method;
      counted =
        current.status === 'processing' && !!method && !method.completed && this.now() < method.deadline;
      return counted && method ? { ...current, method: { ...method, completed: true } } : undefined;
    });
    return counted;
  }

  /**
   * What comes next: after the 3DS Method, or for a browser back at the page later. A face that learns the
   * browser data or the amount only now (Mastercard's AUTHENTICATE_PAYER) gives them here, with its own data
   * as it stands then; the AReq carries them, and the authentication is bound to that amount.
   */
  async continue(
    id: string,
    urls: NotificationUrls,
    details: {
      browser?: BrowserData;
      amount?: bigint;
      parentOrigin?: string;
      face?: AuthenticationRecord['face'];
    } = {},
  ): Promise<BrowserStep> {
    let record = await this.forBrowser(id);
    if (details.browser || details.amount !== undefined || details.face) {
      record = await this.write(record.id, (current) => {
        if (current.areqSentAt !== undefined || isFinal(current.status)) {
          if (details.amount !== undefined && details.amount !== current.amount) {
            throw new ThreeDSError('step_not_allowed');
          }
          return undefined;
        }
        return {
          ...current,
          ...(details.browser ? { browser: details.browser } : {}),
          ...(details.amount === undefined ? {} : { amount: details.amount }),
          ...(details.face ? { face: details.face } : {}),
        };
      });
    }
    // A face with no 3DS Method to run first starts the authentication here, with the browser data.
    if (record.status === 'pending' && details.browser) {
      return this.start(record.id, details.browser, urls, details.parentOrigin);
    }
    return this.next(record, urls);
  }

  /** One answer of the cardholder on the issuer's challenge screen. */
  async answerChallenge(
    transactionId: string,
    acsTransactionId: string,
    answer: { kind: 'code'; code: string; trustMerchant: boolean } | { kind: 'cancel' },
  ): Promise<ChallengeStep> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const record = await this.challenged(transactionId, acsTransactionId);
      if (isFinal(record.status)) return { kind: 'complete', record };
      if (record.status !== 'challenged' || !record.challenge) throw new ThreeDSError('step_not_allowed');
      const challenge = record.challenge;
      const response = await this.server.respondToChallenge({
        acsTransactionId,
        protocolVersion: record.protocolVersion!,
        brand: record.card.brand,
        attempt: challenge.attempts + 1,
        answer:
          answer.kind === 'cancel'
            ? answer
            : {
                kind: 'code',
                code: answer.code,
                ...(challenge.trustPrompt ? { trustMerchant: answer.trustMerchant } : {}),
              },
      });
      const next: AuthenticationRecord =
        response.kind === 'retry'
          ? { ...record, challenge: { ...challenge, attempts: challenge.attempts + 1 } }
          : { ...record, ...this.answered(response.outcome, 'challenged', record.ids) };
      // Two browsers on one challenge: the first answer recorded wins, and the other is shown its result.
      const written = await this.replace(record, next);
      if (!written) continue;
      if (response.kind === 'retry') {
        return { kind: 'retry', attemptsLeft: response.attemptsLeft, record: written };
      }
      this.notify(written);
      return { kind: 'complete', record: written };
    }
    throw new ServerBusyError('The authentication is being updated by other requests; retry.');
  }

  /** The authentication as the issuer's challenge screen needs it (both ids must match). */
  async challenged(transactionId: string, acsTransactionId: string): Promise<AuthenticationRecord> {
    const record = await this.byTransactionId(transactionId);
    if (record.challenge?.acsTransactionId !== acsTransactionId) throw new ThreeDSError('not_found');
    return record;
  }

  /**
   * A payment takes the authentication: the merchant's, successful, a payment authentication, not expired, for the payment's card,
   * amount and currency, and not taken by another payment (decided atomically by the store). Returns it,
   * with its result.
   */
  async use(
    merchantId: string,
    transactionId: string,
    payment: PaymentUse,
  ): Promise<AuthenticationRecord & { result: AuthenticationResult }> {
    const record = await this.store.findAuthentication(transactionId);
    if (!record || record.merchantId !== merchantId) throw new ThreeDSError('not_found');
    if (record.expiresAt <= this.now()) throw new ThreeDSError('expired');
    if (!SUCCESSFUL_STATUSES.includes(record.status) || !record.result)
      throw new ThreeDSError('not_successful');
    // A non-payment authentication (EMV's NPA) proves the cardholder, not a payment: no scheme shifts liability
    // for an authorisation that carries it.
    if (record.purpose.category !== 'payment') throw new ThreeDSError('not_for_payment');
    const use = { orderId: payment.orderId, transactionId: payment.transactionId };
    if (
      record.use &&
      (record.use.orderId !== use.orderId || record.use.transactionId !== use.transactionId)
    ) {
      throw new ThreeDSError('used');
    }
    if (!samePan(this.vault.open(record.panEnvelope, record.id), payment.cardNumber)) {
      throw new ThreeDSError('card_mismatch');
    }
    if (record.currency !== payment.currency) throw new ThreeDSError('currency_mismatch');
    if (record.amount !== payment.amount) throw new ThreeDSError('amount_mismatch');
    const outcome = await this.store.useAuthentication(record.id, use);
    if (outcome === 'used') throw new ThreeDSError('used');
    if (outcome === 'not-found') throw new ThreeDSError('not_found');
    return { ...record, result: record.result, use };
  }

  /** Gives the authentication back after its payment was refused before the processor was asked. */
  async release(transactionId: string, use: AuthenticationUse): Promise<void> {
    const record = await this.store.findAuthentication(transactionId);
    if (record) await this.store.releaseAuthentication(record.id, use);
  }

  /** Removes authentications that expired more than one lifetime ago. */
  sweep(): Promise<number> {
    return this.store.deleteExpiredAuthentications(this.now() - this.ttlMs);
  }

  /** Where a started authentication stands for a browser, moving it on when time says so. */
  private async next(record: AuthenticationRecord, urls: NotificationUrls): Promise<BrowserStep> {
    if (isFinal(record.status)) return { kind: 'complete', record };
    if (record.status === 'challenged') return challengeStep(record);
    if (record.status === 'pending') throw new ThreeDSError('step_not_allowed');
    if (record.areqSentAt !== undefined) return { kind: 'wait', waitMs: AREQ_WAIT_MS };
    const method = record.method;
    if (method && !method.completed) {
      const left = method.deadline - this.now();
      return left > 0 ? { kind: 'wait', waitMs: left } : this.expire(record, urls);
    }
    // The issuer needs the browser's data; a face that has not given it yet must (see `continue`).
    if (!record.browser) throw new ThreeDSError('step_not_allowed');
    return this.sendAuthenticationRequest(record, urls);
  }

  private async sendAuthenticationRequest(
    record: AuthenticationRecord,
    urls: NotificationUrls,
  ): Promise<BrowserStep> {
    // Claimed first, so that of two browsers (or gateways) only one sends the AReq.
    const sent = await this.replace(record, { ...record, areqSentAt: this.now() });
    if (!sent) return this.next(await this.forBrowser(record.id), urls);
    const response = await this.server.authenticate({
      threeDSServerTransactionId: sent.transactionId,
      protocolVersion: sent.protocolVersion!,
      card: {
        number: this.vault.open(sent.panEnvelope, sent.id),
        brand: sent.card.brand,
        expiry: sent.card.expiry,
      },
      amount: sent.amount,
      currency: sent.currency,
      merchantName: sent.merchantName,
      challengePreference: sent.challengePreference,
      ...(sent.exemption ? { exemption: sent.exemption } : {}),
      methodCompletion: sent.method ? 'Y' : 'U',
      browser: sent.browser!,
      notificationUrl: urls.challenge,
      purpose: {
        type: sent.purpose.type,
        category: sent.purpose.category,
        ...(sent.purpose.recurring ? { recurring: sent.purpose.recurring } : {}),
      },
      riskData: sent.riskData,
    });
    const { dsTransactionId, acsTransactionId, dsReferenceNumber, acsReferenceNumber } = response;
    const ids = { dsTransactionId, acsTransactionId, dsReferenceNumber, acsReferenceNumber };
    // The issuer has the merchant's data about the cardholder now; the gateway keeps none of it.
    const asked = { ...sent, riskData: {} };
    const answered: AuthenticationRecord =
      response.transStatus === 'C'
        ? {
            ...asked,
            status: 'challenged',
            ids,
            challenge: {
              acsTransactionId,
              acsUrl: response.challenge.acsUrl,
              notificationUrl: urls.challenge,
              trustPrompt: response.challenge.trustPrompt,
              attempts: 0,
            },
          }
        : { ...asked, ids, ...this.answered(response.outcome, 'frictionless', ids) };
    // Only the holder of the AReq writes now, so the revision is still the one it claimed.
    const written = await this.replace(sent, answered);
    if (!written) throw new ServerBusyError('The authentication changed while the issuer answered; retry.');
    if (!isFinal(written.status)) return challengeStep(written);
    this.notify(written);
    return { kind: 'complete', record: written };
  }

  /** The 3DS Method never reported back: no AReq can be made, and the authentication expires. */
  private async expire(record: AuthenticationRecord, urls: NotificationUrls): Promise<BrowserStep> {
    let expiredHere = false;
    const after = await this.write(record.id, (current) => {
      expiredHere =
        current.status === 'processing' && current.areqSentAt === undefined && !current.method?.completed;
      return expiredHere ? { ...current, ...this.unanswered('expired', 'device_data_timeout') } : undefined;
    });
    if (!expiredHere) return this.next(after, urls);
    this.notify(after);
    return { kind: 'complete', record: after };
  }

  private answered(
    outcome: AuthenticationOutcome,
    flow: AuthenticationResult['flow'],
    ids: ResultIds | undefined,
  ): Pick<AuthenticationRecord, 'status' | 'result'> {
    return { status: statusOf(outcome), result: resultOf(outcome, { flow, ids, at: new Date(this.now()) }) };
  }

  private unanswered(
    status: 'unavailable' | 'expired',
    reason: NonNullable<AuthenticationResult['reason']>,
  ): Pick<AuthenticationRecord, 'status' | 'result'> {
    const at = new Date(this.now()).toISOString();
    return { status, result: { authenticatedAt: at, flow: 'frictionless', reason, liabilityShift: false } };
  }

  /** An authentication left unfinished past its lifetime counts as expired. */
  private current(record: AuthenticationRecord): AuthenticationRecord {
    if (isFinal(record.status) || record.expiresAt > this.now()) return record;
    return { ...record, status: 'expired' };
  }

  /** Compare-and-set with the revision moved on: the record as written, or undefined if another writer won. */
  private async replace(
    current: AuthenticationRecord,
    next: AuthenticationRecord,
  ): Promise<AuthenticationRecord | undefined> {
    const written = { ...next, revision: current.revision + 1, updatedAt: this.now() };
    return (await this.store.replaceAuthentication(written, current.revision)) ? written : undefined;
  }

  /** Applies `change` (undefined: nothing to do) with compare-and-set retries; returns the record after. */
  private async write(
    id: string,
    change: (record: AuthenticationRecord) => AuthenticationRecord | undefined,
  ): Promise<AuthenticationRecord> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const record = await this.store.getAuthentication(id);
      if (!record) throw new ThreeDSError('not_found');
      const next = change(record);
      if (!next) return record;
      const written = await this.replace(record, next);
      if (written) return written;
    }
    throw new ServerBusyError('The authentication is being updated by other requests; retry.');
  }

  private notify(record: AuthenticationRecord): void {
    for (const listener of this.listeners) listener(record);
  }
}

function challengeStep(record: AuthenticationRecord): BrowserStep {
  const challenge = record.challenge!;
  return {
    kind: 'challenge',
    acsUrl: challenge.acsUrl,
    creq: encodeChallengeRequest(
      { transactionId: record.transactionId, acsTransactionId: challenge.acsTransactionId },
      record.protocolVersion!,
    ),
  };
}

function samePan(stored: string, given: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
