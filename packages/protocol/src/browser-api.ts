import type { HostedFieldsScenario } from './hosted-fields.ts';
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

/**
 * `GET` on the same path, same credential, counting nothing: what the hub learns of its session when it starts
 * from a session token. `hostedFields` is absent for a session that was not made from a token.
 */
export interface BrowserSessionDescription {
  session: { id: string };
  expired: boolean;
  /** ISO 8601. */
  expiresAt: string;
  hostedFields?: { scenario: HostedFieldsScenario; libVersion: string };
}

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
