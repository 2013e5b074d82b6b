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
  /** A frame did not connect within the time allowed. */
  | 'TIMEOUT'
  /** A frame reloaded or navigated away; its scope was torn down. */
  | 'FRAME_LOST'
  /** A frame refused the connection or a call failed. */
  | 'CONNECTION_FAILED'
  /** The hub answered an update for another session than the one configured; the scope was torn down. */
  | 'SESSION_MISMATCH'
  /** `session.js` was not loaded from a gateway URL, so it does not know its gateway. */
  | 'SCRIPT_URL'
  /** The gateway refused a 3-D Secure call (the message says why) or could not be reached. */
  | 'AUTHENTICATION_ERROR';

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
