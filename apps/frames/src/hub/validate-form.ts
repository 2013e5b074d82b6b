import { detectBrand, digitsOf } from '@hosted-session/card';
import {
  FIELD_ERROR_KEY,
  fieldOf,
  paymentTypeOf,
  type FieldRole,
  type FormSessionUpdateFieldsInError,
  type FrameConfig,
  type PaymentType,
  type PaymentTypeValidity,
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
function problem(role: FieldRole, validity: Validity): 'invalid' | 'missing' | undefined {
  if (validity.isValid) return undefined;
  if (validity.errorReason !== 'EMPTY') return 'invalid';
  return role === 'card.nameOnCard' ? undefined : 'missing';
}

const OTHER_EXPIRY_PART: Partial<Record<FieldRole, FieldRole>> = {
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
 * One payment type's fields, judged by the same rules as each field judges itself. Only the scope's fields of
 * that type count: a field the merchant did not place is never missing, one that never reported a value is
 * empty. The account number's confirmation is judged here against the number, which only the hub sees both of.
 */
export function validateForm(
  paymentType: PaymentType,
  roles: readonly FieldRole[],
  { values, withheld }: FormValues,
  config: Pick<FrameConfig, 'supportedBrands' | 'cscRequired'>,
  now?: Date,
): FormValidation {
  const value = (role: FieldRole | undefined) => (role && roles.includes(role) ? values.get(role) : '') ?? '';
  const brand = detectBrand(digitsOf(value('card.number')));
  const sameAccountNumber = value('ach.bankAccountNumber') === value('ach.bankAccountNumberConfirmation');
  const judged: { isValid: boolean } & Record<string, Validity | boolean> = { isValid: true };
  const errors: FormValidation['errors'] = {};
  for (const role of roles.filter((r) => paymentTypeOf(r) === paymentType)) {
    const otherExpiryPart = value(OTHER_EXPIRY_PART[role]);
    const validity = withheld.has(role)
      ? WITHHELD
      : fieldValidity(role, value(role), { config, brand, otherExpiryPart, sameAccountNumber, now });
    judged[fieldOf(role)] = validity;
    const found = problem(role, validity);
    if (found) {
      errors[FIELD_ERROR_KEY[role]] = found;
      judged.isValid = false;
    }
  }
  return { result: { [paymentType]: judged as PaymentTypeValidity<string> }, errors };
}
