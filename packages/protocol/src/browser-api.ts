import type { FundingMethod } from './field-state.ts';
import type { FormSessionUpdateOk } from './form-session-update.ts';

/**
 * The gateway endpoint the hub frame calls to put the payer's details into a session. Same origin as the frames, so no
 * CORS. Authenticated with HTTP Basic `merchant.<merchantId>:<sessionId>`; each call counts toward the
 * session's authenticationLimit. Success answers 200 with the `ok` body of formSessionUpdate; failure
 * answers Mastercard's error body (`{ result: 'ERROR', error: { cause, explanation, field, validationType } }`),
 * where `field` names the card field in error (e.g. `sourceOfFunds.provided.card.number`).
 */
export function browserSessionPath(apiVersion: string, merchantId: string, sessionId: string): string {
  return `/api/browser/version/${encodeURIComponent(apiVersion)}/merchant/${encodeURIComponent(merchantId)}/session/${encodeURIComponent(sessionId)}`;
}

export const BROWSER_SESSION_METHOD = 'PUT';

/**
 * What session.js calls, from the merchant's page, when `configure` is given no session: `POST` with no body
 * and no credential, so the browser sends it without a preflight. The gateway creates a session for the
 * merchant in the path only when the request's `Origin` is one the merchant registered, and answers that
 * origin alone (CORS). The session is like one the merchant's server creates, with the default
 * authenticationLimit and lifetime.
 */
export function browserCreateSessionPath(apiVersion: string, merchantId: string): string {
  return `/api/browser/version/${encodeURIComponent(apiVersion)}/merchant/${encodeURIComponent(merchantId)}/session`;
}

export interface BrowserCreateSessionResponse {
  merchant: string;
  result: 'SUCCESS';
  session: { id: string; authenticationLimit: number; updateStatus: 'NO_UPDATE'; version: string };
}

/** Card fields the payer typed, as the gateway takes them. Absent fields are left as the session has them. */
export interface BrowserCardFields {
  number?: string;
  /** Month "1"–"12" (or "01"), year two digits. */
  expiry?: { month: string; year: string };
  securityCode?: string;
  nameOnCard?: string;
}

export interface BrowserGiftCardFields {
  number?: string;
  pin?: string;
  /** The gift card program, from `updateSessionFromForm('giftCard', localBrand)`. */
  localBrand?: string;
}

export interface BrowserAchFields {
  accountType?: 'CONSUMER_CHECKING' | 'CONSUMER_SAVINGS' | 'CORPORATE_CHECKING';
  bankAccountHolder?: string;
  bankAccountNumber?: string;
  routingNumber?: string;
}

/**
 * Request body: one payment type's fields (the account number's confirmation stays in the hub, which checked
 * it). The gateway records an ACH account entered here with NACHA's WEB entry class.
 */
export type BrowserUpdateRequest =
  | {
      sourceOfFunds: { type: 'CARD'; provided: { card: BrowserCardFields } };
      /** A local brand the merchant asked for in `updateSessionFromForm('card', localBrand)`. */
      localBrand?: string;
    }
  | { sourceOfFunds: { type: 'GIFT_CARD'; provided: { giftCard: BrowserGiftCardFields } } }
  | { sourceOfFunds: { type: 'ACH'; provided: { ach: BrowserAchFields } } };

/**
 * Success answers the `ok` body of formSessionUpdate and how many more browser calls the session allows, which
 * the hub keeps to itself (so `validate` can tell the page when the session can no longer be updated).
 */
export type BrowserUpdateResponse = FormSessionUpdateOk & { authenticationsRemaining: number };

/**
 * What the card number frame asks its own gateway once the number is valid (when the BIN may be told): the
 * funding method and issuer of the card, from the gateway's BIN table, for `onCardTypeChange`. It sends the
 * first eight digits only (`BIN_LOOKUP_DIGITS`), in the body of a POST, so no URL or log line carries them.
 * No credential: it tells nothing about any session, only what the BIN table says.
 */
export function binLookupPath(apiVersion: string, merchantId: string): string {
  return `/api/browser/version/${encodeURIComponent(apiVersion)}/merchant/${encodeURIComponent(merchantId)}/binLookup`;
}

export const BIN_LOOKUP_DIGITS = 8;

export interface BinLookupRequest {
  /** The card number's first six to eight digits. */
  bin: string;
}

export interface BinLookupResponse {
  fundingMethod: FundingMethod;
  issuer?: string;
}
