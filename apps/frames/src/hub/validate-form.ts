import { detectBrand, digitsOf } from '@hosted-session/card';
import {
  CARD_FIELD_ERROR_KEY,
  fieldOf,
  type CardRole,
  type FormSessionUpdateFieldsInError,
  type FrameConfig,
  type ValidateResult,
  type Validity,
} from '@hosted-session/protocol';
import { fieldValidity } from '../shared/field-validity.ts';
import type { FormValues } from './form-model.ts';

export interface FormValidation {
  result: ValidateResult;
  /** Empty when the form may go to the gateway. */
  errors: FormSessionUpdateFieldsInError['errors'];
}

/** Mastercard treats the name on the card as optional: an empty name field holds nothing back. */
function problem(role: CardRole, validity: Validity): 'invalid' | 'missing' | undefined {
  if (validity.isValid) return undefined;
  if (validity.errorReason !== 'EMPTY') return 'invalid';
  return role === 'card.nameOnCard' ? undefined : 'missing';
}

const OTHER_EXPIRY_PART: Partial<Record<CardRole, CardRole>> = {
  'card.expiryMonth': 'card.expiryYear',
  'card.expiryYear': 'card.expiryMonth',
};

/** A withheld value is one its field judged card data where none belongs, as its own validity said. */
const WITHHELD: Validity = {
  isValid: false,
  isIncomplete: false,
  hasError: true,
  errorReason: 'INVALID_CHARACTERS',
};

/**
 * The whole form, judged by the same rules as each field judges itself. Only the scope's fields count: a field
 * the merchant did not place is never missing, one that never reported a value is empty.
 */
export function validateForm(
  roles: readonly CardRole[],
  { values, withheld }: FormValues,
  config: Pick<FrameConfig, 'supportedBrands' | 'cscRequired'>,
  now?: Date,
): FormValidation {
  const value = (role: CardRole | undefined) => (role && roles.includes(role) ? values.get(role) : '') ?? '';
  const brand = detectBrand(digitsOf(value('card.number')));
  const result: ValidateResult = { card: { isValid: true } };
  const errors: FormValidation['errors'] = {};
  for (const role of roles) {
    const otherExpiryPart = value(OTHER_EXPIRY_PART[role]);
    const validity = withheld.has(role)
      ? WITHHELD
      : fieldValidity(role, value(role), { config, brand, otherExpiryPart, now });
    result.card[fieldOf(role)] = validity;
    const found = problem(role, validity);
    if (found) {
      errors[CARD_FIELD_ERROR_KEY[fieldOf(role)]] = found;
      result.card.isValid = false;
    }
  }
  return { result, errors };
}
