/**
 * Every error the SDK throws or rejects with is a HostedSessionError; `code` is stable, `message` is for people.
 * Messages never contain card data: the page never has any.
 */
export type ErrorCode =
  /** The configuration or options object is wrong; the message names the option. */
  | 'INVALID_CONFIG'
  /** A method was called with a wrong argument (unknown role, unsupported payment type…). */
  | 'INVALID_ARGUMENT'
  /** A Mastercard function was called before `configure`. */
  | 'NOT_CONFIGURED'
  /** `configure` was called with a scope, so this function needs one. */
  | 'SCOPE_REQUIRED'
  /** No `configure` was called for this scope. */
  | 'UNKNOWN_SCOPE'
  /** The session was destroyed; create a new one. */
  | 'DESTROYED'
  /** `frameEmbeddingMitigation` includes 'javascript' and the page is framed. */
  | 'FRAMED'
  /** A frame did not connect within the time allowed, or the hub stopped answering (the scope was torn down). */
  | 'TIMEOUT'
  /** A frame reloaded, navigated away or was removed with its placeholder; its scope was torn down. */
  | 'FRAME_LOST'
  /** A frame refused the connection or a call failed. */
  | 'CONNECTION_FAILED'
  /** The gateway does not know the merchant id (checked before the frames load). */
  | 'UNKNOWN_MERCHANT'
  /** The merchant has not registered the page's origin with the gateway (checked before the frames load). */
  | 'ORIGIN_NOT_ALLOWED'
  /** The gateway did not answer at all: a wrong gateway URL, or the gateway or the network is down. */
  | 'GATEWAY_UNREACHABLE'

  /** The hub answered an update for another session than the one configured; the scope was torn down. */
  | 'SESSION_MISMATCH'
  /** `session.js` was not loaded from a gateway URL, so it does not know its gateway. */
  | 'SCRIPT_URL'
  /** The gateway refused a 3-D Secure call (the message says why) or could not be reached. */
  | 'AUTHENTICATION_ERROR'
  /** No session was configured, and the gateway did not create one for this page. */
  | 'SESSION_NOT_CREATED'
  /** The session token expired (ten minutes after it was made): the merchant's server makes a new one per page load. */
  | 'SESSION_EXPIRED'
  /** Another page load already uses the session token: the merchant's server makes a new one per page load. */
  | 'SESSION_TOKEN_USED'
  /** The session token was made for another library version than the page loads; the message names both. */
  | 'LIB_VERSION_MISMATCH';

export class HostedSessionError extends Error {
  override readonly name = 'HostedSessionError';

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const destroyedError = (): HostedSessionError =>
  new HostedSessionError('DESTROYED', 'This payment session was destroyed; create a new one.');

export const invalidConfig = (message: string): HostedSessionError =>
  new HostedSessionError('INVALID_CONFIG', `Invalid configuration: ${message}`);
