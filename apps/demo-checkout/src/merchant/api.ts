import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentCart, decimalAmount, formatMoney, type Cart } from './cart.ts';
import type { MerchantConfig } from './config.ts';
import {
  authenticationOrderOf,
  createSession,
  createSessionToken,
  describeOrder,
  GatewayUnavailable,
  pay,
  payWithSavedCard,
  retrieveSavedCard,
  savedCardOf,
  retrieveTransaction,
  type GatewayReply,
  type TransactionResponse,
} from './gateway.ts';
import { BadRequest, readJson, sendJson } from './http.ts';
import { authenticationMessage, declineMessage } from './outcomes.ts';
import { AddressLimiter, SHOP_LIMITS, waitText, type Admission, type ShopLimits } from './rate-limit.ts';
import { SavedCardWallet, SessionLedger, type PendingPayment, type SavedCard } from './sessions.ts';
import { CSC_OUTCOMES, EXPIRY_OUTCOMES, TEST_CARDS } from './test-cards.ts';

export interface Receipt {
  orderId: string;
  amount: string;
  card: { brand: string; number: string };
  authorizationCode: string;
  receiptNumber: string;
  time: string;
  /** How the payer's bank verified the payment, when 3-D Secure ran. */
  authentication?: { status: string; flow?: string; eci?: string; liabilityShift?: boolean };
}

/** What the checkout page learns of a payment: approved with a receipt, or a message for the payer. */
export type PayResult =
  | { approved: true; gatewayCode: 'APPROVED'; receipt: Receipt }
  | {
      approved: false;
      gatewayCode?: string;
      authentication?: string;
      error?: string;
      message: string;
    };

export interface MerchantApiOptions {
  /**
   * The page authenticates with 3-D Secure itself (Mastercard's operations, e.g. the SDK's `authenticate()`)
   * for the order each session is given; the shop reads the result from the gateway and pays on that order.
   */
  pageAuthentication?: boolean;
  /** Checkouts and payment attempts per payer address (default: `SHOP_LIMITS`). */
  limits?: ShopLimits;
}

/** Mastercard session ids are 31–35 characters; the gateway checks the rest. */
const SESSION_ID = /^SESSION[0-9A-Za-z]{20,40}$/;
const SESSION_VERSION = /^[0-9A-Za-z]{1,20}$/;

const START_AGAIN = 'Nothing was charged. Please start the checkout again.';

function readPayRequest(body: unknown): { sessionId: string; sessionVersion?: string } {
  const { sessionId, sessionVersion } = (body ?? {}) as Record<string, unknown>;
  if (typeof sessionId !== 'string' || !SESSION_ID.test(sessionId))
    throw new BadRequest('sessionId is missing or malformed.');
  if (
    sessionVersion !== undefined &&
    (typeof sessionVersion !== 'string' || !SESSION_VERSION.test(sessionVersion))
  ) {
    throw new BadRequest('sessionVersion is malformed.');
  }
  return { sessionId, sessionVersion };
}

/** How the payer's bank verified them, in the shop's words. */
interface Verification {
  status: 'approved' | 'attempted';
  flow: 'challenged' | 'frictionless';
}

function receiptOf(
  body: TransactionResponse,
  orderId: string,
  cart: Cart,
  authentication: Verification | undefined,
): Receipt {
  const card = body.sourceOfFunds?.provided?.card;
  return {
    orderId: body.order?.id ?? orderId,
    amount: formatMoney(cart.total, cart.currency),
    card: { brand: card?.brand ?? 'UNKNOWN', number: card?.number ?? '' },
    authorizationCode: body.transaction?.authorizationCode ?? '',
    receiptNumber: body.transaction?.receipt ?? '',
    time: body.timeOfRecord ?? new Date().toISOString(),
    ...(authentication && body.authentication
      ? {
          authentication: {
            status: authentication.status,
            flow: authentication.flow,
            ...(body.authentication['3ds']?.acsEci ? { eci: body.authentication['3ds'].acsEci } : {}),
            liabilityShift: body.authentication.liabilityShift === true,
          },
        }
      : {}),
  };
}

/** Mastercard's authentication statuses in the words the shop's messages and receipt use. */
const PAGE_AUTHENTICATION_OUTCOMES: Record<string, string> = {
  AUTHENTICATION_SUCCESSFUL: 'approved',
  AUTHENTICATION_EXEMPT: 'approved',
  AUTHENTICATION_ATTEMPTED: 'attempted',
  AUTHENTICATION_FAILED: 'declined',
  AUTHENTICATION_REJECTED: 'rejected',
  AUTHENTICATION_UNAVAILABLE: 'unavailable',
  AUTHENTICATION_PENDING: 'challenge_abandoned',
  AUTHENTICATION_AVAILABLE: 'challenge_abandoned',
};

/**
 * A challenge the payer cancelled: the bank's answer is a failed authentication after a challenge, with no
 * reason code (EMV 3-D Secure gives a reason for a failed check, none for the cardholder's cancel).
 */
function abandoned(body: TransactionResponse): boolean {
  return (
    body.transaction?.authenticationStatus === 'AUTHENTICATION_FAILED' &&
    body.authentication?.payerInteraction === 'REQUIRED' &&
    body.authentication['3ds2']?.transactionStatus === 'N' &&
    !body.authentication['3ds2'].statusReasonCode
  );
}

/**
 * The merchant's side of a checkout, shared by the script-tag page and the single-page app: it creates
 * sessions with the API password (which stays on this server) and pays with a session its page filled in.
 */
export function createMerchantApi(config: MerchantConfig, options: MerchantApiOptions = {}) {
  const ledger = new SessionLedger();
  /** Session tokens handed to "save card for later" pages; each saves a card once. */
  const savingTokens = new SessionLedger();
  const wallet = new SavedCardWallet();
  const limits = options.limits ?? SHOP_LIMITS;
  const checkouts = new AddressLimiter(limits.checkouts);
  const payments = new AddressLimiter(limits.payments);

  /** Every checkout (a page view with its session, or the app asking for one) counts for the payer's address. */
  function admitCheckout(request: IncomingMessage): Admission {
    return checkouts.take(request.socket.remoteAddress ?? 'unknown');
  }

  /** Every payment attempt counts for the payer's address; past the limit it is refused (and answered) here. */
  function admitPayment(request: IncomingMessage, response: ServerResponse): boolean {
    const admission = payments.take(request.socket.remoteAddress ?? 'unknown');
    if (admission.allowed) return true;
    const wait = waitText(admission.retryAfterSeconds);
    refuse(
      response,
      admission.retryAfterSeconds,
      `Too many payment attempts. Nothing was charged. Please try again in ${wait}.`,
    );
    return false;
  }

  function refuse(response: ServerResponse, retryAfterSeconds: number, message: string): void {
    response.setHeader('retry-after', String(retryAfterSeconds));
    sendJson(response, 429, { approved: false, error: 'RATE_LIMITED', message });
  }

  async function newSession(): Promise<string> {
    const id = await createSession(config);
    if (options.pageAuthentication) {
      const cart = currentCart();
      await describeOrder(config, id, { amount: decimalAmount(cart.total), currency: cart.currency });
    }
    ledger.issue(id);
    return id;
  }

  /**
   * The page has authenticated (or tried to) for its order: the result comes from the gateway, never from the
   * page. Authenticated or attempted: pay with it; a card outside 3-D Secure: pay without; else tell why not.
   */
  async function payAfterPageAuthentication(payment: PendingPayment): Promise<[number, PayResult]> {
    const { orderId, transactionId } = authenticationOrderOf(payment.sessionId);
    const { status, body } = await retrieveTransaction(config, orderId, transactionId);
    const authenticationStatus = body.transaction?.authenticationStatus;
    console.log(`authentication order=${orderId} status=${status} result=${authenticationStatus ?? 'none'}`);
    if (status === 404 || (status < 300 && !authenticationStatus)) {
      return [
        400,
        {
          approved: false,
          error: 'NOT_AUTHENTICATED',
          message: `Your bank did not check this payment. ${START_AGAIN}`,
        },
      ];
    }
    if (status >= 300) return notProcessed();
    if (authenticationStatus === 'AUTHENTICATION_NOT_SUPPORTED')
      return payNow(payment, undefined, { orderId });
    const outcome = abandoned(body)
      ? 'challenge_abandoned'
      : (PAGE_AUTHENTICATION_OUTCOMES[authenticationStatus!] ?? 'declined');
    if (outcome !== 'approved' && outcome !== 'attempted') {
      return [200, { approved: false, authentication: outcome, message: authenticationMessage(outcome) }];
    }
    const authentication: Verification = {
      status: outcome,
      flow: body.authentication?.payerInteraction === 'REQUIRED' ? 'challenged' : 'frictionless',
    };
    return payNow(payment, authentication, { orderId, authenticationId: transactionId });
  }

  async function payWith(
    sessionId: string,
    sessionVersion: string | undefined,
  ): Promise<[number, PayResult]> {
    const claim = ledger.claim(sessionId);
    if (claim === 'used') {
      return [
        409,
        {
          approved: false,
          error: 'SESSION_USED',
          message: `This payment form was already submitted. ${START_AGAIN}`,
        },
      ];
    }
    if (claim === 'unknown') {
      return [
        400,
        {
          approved: false,
          error: 'UNKNOWN_SESSION',
          message: `This payment form has expired. ${START_AGAIN}`,
        },
      ];
    }
    if (options.pageAuthentication) return payAfterPageAuthentication({ sessionId, sessionVersion });
    return payNow({ sessionId, sessionVersion });
  }

  async function payNow(
    { sessionId, sessionVersion }: PendingPayment,
    authentication?: Verification,
    order?: { orderId: string; authenticationId?: string },
  ): Promise<[number, PayResult]> {
    const cart = currentCart();
    const reply = await pay(config, {
      sessionId,
      sessionVersion,
      amount: decimalAmount(cart.total),
      currency: cart.currency,
      ...(order ? { order } : {}),
    });
    return settle(reply, cart, authentication);
  }

  /** Pays the cart with the card the payer saved earlier. */
  async function payWithSaved(): Promise<[number, PayResult]> {
    const saved = wallet.get();
    if (!saved) {
      return [
        400,
        { approved: false, error: 'NO_SAVED_CARD', message: 'There is no saved card to pay with.' },
      ];
    }
    const cart = currentCart();
    const reply = await payWithSavedCard(config, {
      token: saved.secureTokenId,
      amount: decimalAmount(cart.total),
      currency: cart.currency,
    });
    return settle(reply, cart);
  }

  /** The payer's answer to a PAY: a receipt, or a message. */
  function settle(
    { status, body, orderId }: GatewayReply & { orderId: string },
    cart: Cart,
    authentication?: Verification,
  ): [number, PayResult] {
    const gatewayCode = body.response?.gatewayCode;
    console.log(
      `pay order=${orderId} status=${status} gatewayCode=${gatewayCode ?? body.error?.cause ?? 'none'}`,
    );
    if (status === 429) return cardRefused();
    if (status >= 300 || !gatewayCode) return notProcessed();
    if (gatewayCode === 'APPROVED')
      return [200, { approved: true, gatewayCode, receipt: receiptOf(body, orderId, cart, authentication) }];
    return [200, { approved: false, gatewayCode, message: declineMessage(gatewayCode) }];
  }

  /** Answers `/api/*`; false when the request is not for the API. */
  async function handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> {
    if (!path.startsWith('/api/')) return false;
    try {
      if (path === '/api/cart' && request.method === 'GET') {
        sendJson(response, 200, currentCart());
      } else if (path === '/api/test-cards' && request.method === 'GET') {
        sendJson(response, 200, {
          cards: TEST_CARDS,
          expiryOutcomes: EXPIRY_OUTCOMES,
          cscOutcomes: CSC_OUTCOMES,
        });
      } else if (path === '/api/session' && request.method === 'POST') {
        const admission = admitCheckout(request);
        if (!admission.allowed) {
          refuse(response, admission.retryAfterSeconds, checkoutsRefused(admission.retryAfterSeconds));
          return true;
        }
        const gateway = {
          url: config.gatewayUrl,
          merchantId: config.merchantId,
          apiVersion: config.apiVersion,
        };
        const sessionId = await newSession();
        sendJson(response, 200, {
          sessionId,
          gateway,
          ...(options.pageAuthentication ? { authentication: authenticationOrderOf(sessionId) } : {}),
        });
      } else if (path === '/api/saved-card/session' && request.method === 'POST') {
        const admission = admitCheckout(request);
        if (!admission.allowed) {
          refuse(response, admission.retryAfterSeconds, checkoutsRefused(admission.retryAfterSeconds));
          return true;
        }
        // With a card saved already, the page updates it (a new expiry, a new card) instead of adding one.
        const token = await createSessionToken(config, 'tokenization', wallet.get()?.secureTokenId);
        savingTokens.issue(token);
        const gateway = {
          url: config.gatewayUrl,
          merchantId: config.merchantId,
          apiVersion: config.apiVersion,
        };
        sendJson(response, 200, { sessionToken: token, gateway });
      } else if (path === '/api/saved-card' && request.method === 'POST') {
        const [status, result] = await keepSavedCard(readSaveRequest(await readJson(request)));
        sendJson(response, status, result);
      } else if (path === '/api/saved-card' && request.method === 'GET') {
        sendJson(response, 200, { card: publicCard(wallet.get()) });
      } else if (path === '/api/pay-saved' && request.method === 'POST') {
        if (!admitPayment(request, response)) return true;
        const [status, result] = await payWithSaved();
        sendJson(response, status, result);
      } else if (path === '/api/pay' && request.method === 'POST') {
        if (!admitPayment(request, response)) return true;
        const { sessionId, sessionVersion } = readPayRequest(await readJson(request));
        const [status, result] = await payWith(sessionId, sessionVersion);
        sendJson(response, status, result);
      } else {
        sendJson(response, 404, { error: 'NOT_FOUND', message: 'No such API.' });
      }
    } catch (error) {
      if (error instanceof BadRequest)
        sendJson(response, 400, { approved: false, error: 'BAD_REQUEST', message: error.message });
      else if (error instanceof GatewayUnavailable) {
        console.error(error.message);
        sendJson(response, 502, {
          approved: false,
          error: 'GATEWAY_UNAVAILABLE',
          message: `The payment service is not answering. ${START_AGAIN}`,
        });
      } else throw error;
    }
    return true;
  }

  /**
   * The page says its session token saved a card: which card is asked of the gateway, never taken from the
   * page, and a token the shop did not hand out, or that saved a card already, is refused.
   */
  async function keepSavedCard(
    sessionToken: string,
  ): Promise<[number, { card?: object | null; message?: string }]> {
    if (savingTokens.claim(sessionToken) !== 'ok') {
      return [400, { message: 'This form was already used or has expired. Please start again.' }];
    }
    const secureTokenId = await savedCardOf(config, sessionToken);
    const card = secureTokenId && (await retrieveSavedCard(config, secureTokenId));
    if (!secureTokenId || !card)
      return [502, { message: 'The card could not be saved. Please start again.' }];
    const saved = { secureTokenId, ...card };
    wallet.save(saved);
    return [200, { card: publicCard(saved) }];
  }

  return { newSession, admitCheckout, handle };
}

function readSaveRequest(body: unknown): string {
  const { sessionToken } = (body ?? {}) as Record<string, unknown>;
  if (typeof sessionToken !== 'string' || !SESSION_ID.test(sessionToken))
    throw new BadRequest('sessionToken is missing or malformed.');
  return sessionToken;
}

/** What the page is shown of a saved card: brand, masked number, expiry; the token stays on the server. */
function publicCard(card: SavedCard | undefined): Omit<SavedCard, 'secureTokenId'> | null {
  if (!card) return null;
  const { secureTokenId: _kept, ...shown } = card;
  return shown;
}

/** What a payer reads when their address started too many checkouts. */
export function checkoutsRefused(retryAfterSeconds: number): string {
  return `Too many checkouts were started from your network. Please try again in ${waitText(retryAfterSeconds)}.`;
}

// The gateway's card-testing limits: too many declines of this card, or too many cards at this shop.
function cardRefused(): [number, PayResult] {
  return [
    429,
    {
      approved: false,
      error: 'RATE_LIMITED',
      message:
        'This card cannot be tried again right now. Nothing was charged. Please try again later, or use another card.',
    },
  ];
}

function notProcessed(): [number, PayResult] {
  return [
    502,
    {
      approved: false,
      error: 'PAYMENT_FAILED',
      message: `We could not process this payment. ${START_AGAIN}`,
    },
  ];
}
