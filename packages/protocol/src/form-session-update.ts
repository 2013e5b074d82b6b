import type { CardBrand, FundingMethod, Validity } from './field-state.ts';
import type { CardField } from './roles.ts';

/** The card as the page may see it: first 6 and last 4 digits, CSC as "xxx" only when one was entered. */
export interface MaskedCard {
  brand: CardBrand;
  scheme: CardBrand;
  fundingMethod: FundingMethod;
  /** Month not zero-padded, two-digit year: `{ month: '1', year: '39' }`. */
  expiry?: { month: string; year: string };
  nameOnCard?: string;
  number: string;
  securityCode?: 'xxx';
}

export interface FormSessionUpdateOk {
  status: 'ok';
  merchant: string;
  session: { id: string; updateStatus: 'SUCCESS'; version: string };
  sourceOfFunds: { provided: { card: MaskedCard }; type: 'CARD' };
  version: string;
  /** A session token of the tokenization scenario: the stored card the form's card was saved as (or updated). */
  secureTokenId?: string;
}

/** Keys of `errors` in a `fields_in_error` response. */
export type CardFieldErrorKey = 'cardNumber' | 'securityCode' | 'expiryMonth' | 'expiryYear' | 'nameOnCard';
export const CARD_FIELD_ERROR_KEY: Record<CardField, CardFieldErrorKey> = {
  number: 'cardNumber',
  securityCode: 'securityCode',
  expiryMonth: 'expiryMonth',
  expiryYear: 'expiryYear',
  nameOnCard: 'nameOnCard',
};

export interface FormSessionUpdateFieldsInError {
  status: 'fields_in_error';
  session: { id: string };
  errors: Partial<Record<CardFieldErrorKey, 'invalid' | 'missing'>>;
  version: string;
}

export interface FormSessionUpdateFailure {
  status: 'system_error' | 'request_timeout';
  session: { id: string };
  errors: { message: string };
  version: string;
}

/** What `callbacks.formSessionUpdate` receives (and `updateFromForm` resolves to). */
export type FormSessionUpdateResponse =
  FormSessionUpdateOk | FormSessionUpdateFieldsInError | FormSessionUpdateFailure;

/** What `PaymentSession.validate('card', callback)` receives. */
export interface ValidateResult {
  card: { isValid: boolean } & Partial<Record<CardField, Validity>>;
}
