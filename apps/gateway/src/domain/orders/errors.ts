import type { ErrorCause, ValidationType } from '@hosted-session/protocol/rest';

/**
 * Why the gateway refused a payment operation before asking the processor. Shaped like Mastercard's error
 * body (cause, explanation, field, validationType) so the edge maps it one to one. Explanations are fixed
 * texts: they never repeat a submitted value, so no card data can reach a response or a log through them.
 */
export class PaymentError extends Error {
  constructor(
    readonly errorCause: ErrorCause,
    readonly explanation: string,
    readonly field?: string,
    readonly validationType?: ValidationType,
  ) {
    super(explanation);
    this.name = 'PaymentError';
  }
}

export function missingField(field: string): PaymentError {
  return new PaymentError('INVALID_REQUEST', `Field '${field}' is required.`, field, 'MISSING');
}

export function invalidField(field: string, explanation: string): PaymentError {
  return new PaymentError('INVALID_REQUEST', explanation, field, 'INVALID');
}

export function unsupportedField(field: string, explanation: string): PaymentError {
  return new PaymentError('INVALID_REQUEST', explanation, field, 'UNSUPPORTED');
}

/** A well-formed request the order's state does not allow. */
export function notAllowed(explanation: string): PaymentError {
  return new PaymentError('INVALID_REQUEST', explanation);
}

/** The transaction id was used before with a different request (idempotency). */
export function transactionIdConflict(): PaymentError {
  return new PaymentError(
    'INVALID_REQUEST',
    'This transaction ID was already used with a different request.',
  );
}

/** The first request with these ids is still being processed. */
export function transactionInProgress(): PaymentError {
  return new PaymentError(
    'SERVER_BUSY',
    'A request with this transaction ID is still being processed; retry.',
  );
}
