import { InvalidRequestError } from '../errors.ts';

export type ThreeDSErrorCode =
  | 'not_found'
  | 'step_not_allowed'
  | 'expired'
  | 'not_successful'
  | 'used'
  | 'card_mismatch'
  | 'amount_mismatch'
  | 'currency_mismatch'
  | 'not_for_payment';

const EXPLANATIONS: Record<ThreeDSErrorCode, string> = {
  not_found: 'No such authentication.',
  step_not_allowed: 'The authentication is not at this step.',
  expired: 'The authentication has expired.',
  not_successful: 'The authentication did not succeed.',
  used: 'The authentication was used by another payment.',
  card_mismatch: 'The authentication is for another card.',
  amount_mismatch: 'The authentication is for another amount.',
  currency_mismatch: 'The authentication is for another currency.',
  not_for_payment:
    'The authentication is a non-payment authentication; a payment needs a payment authentication.',
};

/**
 * A request the 3-D Secure engine refuses. Each API face shows it in its own error body; `code` tells it
 * which. Explanations never carry a submitted value.
 */
export class ThreeDSError extends InvalidRequestError {
  constructor(
    readonly code: ThreeDSErrorCode,
    status = code === 'not_found' ? 404 : 400,
  ) {
    super(EXPLANATIONS[code], status);
  }
}
