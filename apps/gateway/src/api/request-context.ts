import {
  MAX_API_VERSION,
  MERCHANT_ID_PATTERN,
  MIN_API_VERSION,
  RESOURCE_ID_PATTERN,
  SESSION_ID_PATTERN,
} from '@hosted-session/rest';
import {
  AuthenticationError,
  FieldError,
  InvalidRequestError,
  UnknownSessionError,
} from '../domain/errors.ts';

export interface PathParams {
  version: string;
  merchantId: string;
}

/** Checks the URL's API version and merchant id before anything else reads them. */
export function checkPath(params: PathParams): PathParams {
  const version = Number(params.version);
  if (!/^[1-9]\d*$/.test(params.version) || version < MIN_API_VERSION || version > MAX_API_VERSION) {
    throw new InvalidRequestError(`API version must be from ${MIN_API_VERSION} to ${MAX_API_VERSION}.`);
  }
  if (!MERCHANT_ID_PATTERN.test(params.merchantId)) throw new FieldError('merchantId', 'INVALID');
  return params;
}

/** A session id that cannot be one of ours is unknown; no lookup is needed to say so. */
export function checkSessionId(sessionId: string): string {
  if (!SESSION_ID_PATTERN.test(sessionId)) throw new UnknownSessionError();
  return sessionId;
}

/** An order or transaction id from the URL: the merchant's own, 1–40 characters. */
export function checkResourceId(value: string, field: 'orderId' | 'transactionId'): string {
  if (!RESOURCE_ID_PATTERN.test(value)) throw new FieldError(field, 'INVALID');
  return value;
}

/**
 * Reads HTTP Basic credentials and requires the user to be `merchant.<merchantId>` for the merchant in the
 * URL; returns the password.
 */
export function basicPassword(authorization: string | undefined, merchantId: string): string {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization?.trim() ?? '');
  if (!match) throw new AuthenticationError();
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.slice(0, colon) !== `merchant.${merchantId}`) throw new AuthenticationError();
  return decoded.slice(colon + 1);
}
