import type { ErrorCause, ValidationType } from '@hosted-session/rest';

/**
 * The one catalogue of failures the gateway reports. The domain throws these; the HTTP edge turns each into
 * Mastercard's error body and status. Messages never carry a submitted value, so no card data can leak
 * through an error.
 */
export abstract class GatewayError extends Error {
  abstract readonly errorCause: ErrorCause;
  abstract readonly status: number;
}

/** A request that breaks the API's rules as a whole (no single field to blame). */
export class InvalidRequestError extends GatewayError {
  readonly errorCause = 'INVALID_REQUEST';
  constructor(
    readonly explanation: string,
    readonly status = 400,
  ) {
    super(explanation);
  }
}

export class FieldError extends GatewayError {
  readonly errorCause = 'INVALID_REQUEST';
  readonly status = 400;
  constructor(
    readonly field: string,
    readonly validationType: ValidationType,
    explanation = fieldExplanation(field, validationType),
  ) {
    super(explanation);
  }

  get explanation(): string {
    return this.message;
  }
}

/** Wrong or missing credentials. Mastercard answers 401 with INVALID_REQUEST and "Invalid credentials.". */
export class AuthenticationError extends InvalidRequestError {
  constructor() {
    super('Invalid credentials.', 401);
  }
}

export class UnknownSessionError extends InvalidRequestError {
  constructor() {
    super('Session not found.');
  }
}

/**
 * A session id offered as a password (the browser endpoint, browser-callable REST) that names no live
 * session of the merchant: as far as the gateway can tell, a guess, and counted as a failed authentication.
 */
export class UnknownSessionCredentialError extends UnknownSessionError {}

export class UnknownTokenError extends InvalidRequestError {
  constructor() {
    super('Token not found.', 404);
  }
}

export class UnknownOrderError extends InvalidRequestError {
  constructor() {
    super('No order with this ID exists.', 404);
  }
}

export class UnknownTransactionError extends InvalidRequestError {
  constructor() {
    super('No transaction with this ID exists on the order.', 404);
  }
}

export class ExpiredSessionError extends InvalidRequestError {
  constructor() {
    super('Session has expired.');
  }
}

export class SessionVersionMismatchError extends InvalidRequestError {
  constructor() {
    super('Session was created with a different API version.');
  }
}

/** Refused for security reasons: the body carries only a support code, as Mastercard does. */
export class RequestRejectedError extends GatewayError {
  readonly errorCause = 'REQUEST_REJECTED';
  constructor(
    readonly reason: string,
    readonly status = 403,
  ) {
    super(reason);
  }
}

export class AuthenticationLimitExceededError extends RequestRejectedError {
  constructor() {
    super('session authentication limit exceeded', 403);
  }
}

/**
 * Over a card-testing or abuse limit (429). The body carries an explanation besides the support code, so a
 * client knows to slow down rather than retry at once; `Retry-After` says when.
 */
export class RateLimitedError extends RequestRejectedError {
  constructor(
    readonly explanation: string,
    readonly retryAfterSeconds: number,
    reason: string,
  ) {
    super(reason, 429);
  }
}

/** Too much contention to finish the operation now; the caller may retry. */
export class ServerBusyError extends GatewayError {
  readonly errorCause = 'SERVER_BUSY';
  readonly status = 503;
  constructor(readonly explanation = 'The session is being updated by other requests; retry.') {
    super(explanation);
  }
}

/** The database is unreachable or refusing connections; nothing was written, and the caller may retry. */
export class StoreUnavailableError extends ServerBusyError {
  constructor() {
    super('The gateway cannot reach its storage right now; retry.');
  }
}

function fieldExplanation(field: string, validationType: ValidationType): string {
  switch (validationType) {
    case 'MISSING':
      return `Field '${field}' is required.`;
    case 'UNSUPPORTED':
      return `Field '${field}' is not supported.`;
    case 'INVALID':
      return `Value for field '${field}' is invalid.`;
  }
}
