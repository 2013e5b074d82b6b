/** Mastercard's error model: every failed REST or browser call answers this body. */
export const ERROR_CAUSES = ['INVALID_REQUEST', 'REQUEST_REJECTED', 'SERVER_BUSY', 'SERVER_FAILED'] as const;
export type ErrorCause = (typeof ERROR_CAUSES)[number];

export const VALIDATION_TYPES = ['INVALID', 'MISSING', 'UNSUPPORTED'] as const;
export type ValidationType = (typeof VALIDATION_TYPES)[number];

export interface ErrorResponse {
  result: 'ERROR';
  error: {
    cause: ErrorCause;
    /** Only for INVALID_REQUEST and SERVER_BUSY. */
    explanation?: string;
    /** Only for field-level INVALID_REQUEST errors, e.g. `session.authenticationLimit`. */
    field?: string;
    validationType?: ValidationType;
    /** Only for SERVER_FAILED and REQUEST_REJECTED. */
    supportCode?: string;
  };
}
