import { SUCCESSFUL_STATUSES, type AuthenticationRecord } from '../../domain/threeds/index.ts';
import { completionMessage, type BrowserCompletion } from '../threeds/completion.ts';
import { checkoutFace } from './session-response.ts';

/** The query parameter that tells the merchant's page which session came back, as Checkout.com names it. */
export const SESSION_ID_PARAMETER = 'cko-session-id';

/**
 * Hosted: approved and attempted go to `success_url`, everything else to `failure_url`, with the session id
 * in the query. Non-hosted: the page that frames the steps is told; the result itself goes to `callback_url`.
 */
export function checkoutCompletion(record: AuthenticationRecord): BrowserCompletion {
  const completion = checkoutFace(record)?.completion;
  if (completion?.type === 'hosted') {
    const target = SUCCESSFUL_STATUSES.includes(record.status)
      ? completion.success_url
      : completion.failure_url;
    const url = new URL(target);
    url.searchParams.set(SESSION_ID_PARAMETER, record.id);
    return { kind: 'redirect', url: url.toString() };
  }
  return record.parentOrigin
    ? { kind: 'message', targetOrigin: record.parentOrigin, message: completionMessage(record) }
    : { kind: 'page' };
}
