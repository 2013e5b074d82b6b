import type { FundingMethod } from './field-state.ts';
import type { FormSessionUpdateOk } from './form-session-update.ts';

/**
 * The gateway endpoint the hub frame calls to put a card into a session. Same origin as the frames, so no
 * CORS. Authenticated with HTTP Basic `merchant.<merchantId>:<sessionId>`; each call counts toward the
 * session's authenticationLimit. Success answers 200 with the `ok` body of formSessionUpdate; failure
 * answers Mastercard's error body (`{ result: 'ERROR', error: { cause, explanation, field, validationType } }`),
 * where `field` names the card field in error (e.g. `sourceOfFunds.provided.card.number`).
 */
export function browserSessionPath(apiVersion: string, merchantId: string, sessionId: string): string {
  return `/api/browser/version/${encodeURIComponent(apiVersion)}/merchant/${encodeURIComponent(merchantId)}/session/${encodeURIComponent(sessionId)}`;
}

export const BROWSER_SESSION_METHOD = 'PUT';

/** Request body: card fields only. Absent fields are left as the session has them. */
export interface BrowserCardUpdateRequest {
  sourceOfFunds: {
    type: 'CARD';
    provided: {
      card: {
        number?: string;
        /** Month "1"–"12" (or "01"), year two digits. */
        expiry?: { month: string; year: string };
        securityCode?: string;
        nameOnCard?: string;
      };
    };
  };
  /** A local brand the merchant asked for in `updateSessionFromForm('card', localBrand)`. */
  localBrand?: string;
}

export type BrowserCardUpdateResponse = FormSessionUpdateOk;

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
