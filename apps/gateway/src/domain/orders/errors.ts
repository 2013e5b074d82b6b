import { FieldError, InvalidRequestError, ServerBusyError } from '../errors.ts';

/**
 * The payment refusals, as entries of the gateway's one error catalogue (../errors.ts). Explanations are
 * fixed texts: they never repeat a submitted value, so no card data can reach a response or a log through them.
 */

export function missingField(field: string): FieldError {
  return new FieldError(field, 'MISSING');
}

export function invalidField(field: string, explanation: string): FieldError {
  return new FieldError(field, 'INVALID', explanation);
}

export function unsupportedField(field: string, explanation: string): FieldError {
  return new FieldError(field, 'UNSUPPORTED', explanation);
}

/** A well-formed request the order's state does not allow. */
export function notAllowed(explanation: string): InvalidRequestError {
  return new InvalidRequestError(explanation);
}

/** The transaction id was used before with a different request (idempotency). */
export function transactionIdConflict(): InvalidRequestError {
  return new InvalidRequestError('This transaction ID was already used with a different request.');
}

/** The first request with these ids is still being processed. */
export function transactionInProgress(): ServerBusyError {
  return new ServerBusyError('A request with this transaction ID is still being processed; retry.');
}
