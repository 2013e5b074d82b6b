import { SESSION_ID_PATTERN } from '@hosted-session/rest';
import { AuthenticationError } from '../../domain/errors.ts';
import type { MerchantRegistry } from '../../domain/merchants.ts';
import type { SessionScope, SessionService } from '../../domain/sessions.ts';
import { basicPassword, checkPath, type PathParams } from '../request-context.ts';

/** The merchant's server: HTTP Basic with the merchant's API password. */
export async function merchantScope(
  merchants: MerchantRegistry,
  params: PathParams,
  authorization: string | undefined,
): Promise<SessionScope> {
  const { version, merchantId } = checkPath(params);
  const merchant = await merchants.authenticate(merchantId, basicPassword(authorization, merchantId));
  return { merchant, apiVersion: version };
}

/**
 * Operations a browser may call too: the password is either the merchant's or one of its session ids. A
 * session id counts toward that session's authenticationLimit, as every browser call does.
 */
export async function merchantOrSessionScope(
  merchants: MerchantRegistry,
  sessions: SessionService,
  params: PathParams,
  authorization: string | undefined,
): Promise<SessionScope> {
  const { version, merchantId } = checkPath(params);
  const password = basicPassword(authorization, merchantId);
  if (!SESSION_ID_PATTERN.test(password)) return merchantScope(merchants, params, authorization);
  const merchant = merchants.get(merchantId);
  if (!merchant) throw new AuthenticationError();
  const scope = { merchant, apiVersion: version };
  await sessions.authenticateBrowser(scope, password);
  return scope;
}
