import { browserCreateSessionPath } from '@hosted-session/protocol';
import { HostedSessionError } from '../errors.ts';
import type { Gateway } from './scope.ts';

/**
 * Creates a session from the page, as Mastercard's session.js does when `configure` is given none. A POST with
 * neither body nor credential, so the browser sends it without a preflight; the gateway creates the session
 * only for a page on an origin the merchant registered, and lets only that origin read the answer.
 */
export async function createBrowserSession(gateway: Gateway): Promise<string> {
  const url = gateway.origin + browserCreateSessionPath(gateway.apiVersion, gateway.merchantId);
  const failed = (why: string) =>
    new HostedSessionError('SESSION_NOT_CREATED', `session.js could not create a session: ${why}`);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', credentials: 'omit', cache: 'no-store' });
  } catch {
    throw failed('the gateway could not be reached (is this page on an origin the merchant registered?)');
  }
  const body = await response.json().catch(() => undefined);
  const id: unknown = body?.session?.id;
  if (!response.ok || typeof id !== 'string' || !/^SESSION\w+$/.test(id)) {
    throw failed(body?.error?.explanation ?? `the gateway answered HTTP ${response.status}`);
  }
  return id;
}
