import type { AuthenticationRecord } from '../../domain/threeds/index.ts';

/** How the browser steps end for the cardholder, as the API face that created the authentication wants. */
export type BrowserCompletion =
  /** Top-level pages: back to the merchant's site. */
  | { kind: 'redirect'; url: string }
  /** Framed by the merchant's page: tell it, at its exact origin. */
  | { kind: 'message'; targetOrigin: string; message: { [field: string]: string | boolean } }
  /** Nothing to go back to: the page says the authentication is over. */
  | { kind: 'page' };

/** One per API face, by the `kind` of the face data it keeps with its authentications. */
export type CompletionRoutes = Record<string, (record: AuthenticationRecord) => BrowserCompletion>;

/** What every face's message to a framing page says: ids and status only, never card data. */
export function completionMessage(record: AuthenticationRecord): { [field: string]: string | boolean } {
  return { type: 'hosted-session:3ds-complete', id: record.id, status: record.status };
}
