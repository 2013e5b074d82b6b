import type { CardBrand, FundingMethod, Validity } from './field-state.ts';
import type { AchField, CardField, FieldRole, GiftCardField } from './roles.ts';

/** The card as the page may see it: first 6 and last 4 digits, CSC as "xxx" only when one was entered. */
export interface MaskedCard {
  brand: CardBrand;
  scheme: CardBrand;
  fundingMethod: FundingMethod;
  /** The issuing bank, where the gateway's BIN table knows it. */
  issuer?: string;
  /** The local brand chosen with `updateSessionFromForm('card', localBrand)`, on a card that carries it. */
  localBrand?: string;
  /** Month not zero-padded, two-digit year: `{ month: '1', year: '39' }`. */
  expiry?: { month: string; year: string };
  nameOnCard?: string;
  number: string;
  securityCode?: 'xxx';
}

/** A gift card as the page may see it: its program (local brand), the number's last four digits, "xxxx" for a PIN. */
export interface MaskedGiftCard {
  brand: 'LOCAL_BRAND_ONLY';
  scheme: 'LOCAL_BRAND_ONLY';
  localBrand: string;
  number: string;
  pin?: 'xxxx';
}

/** An ACH bank account as the page may see it: the account number's last four digits, the rest as given. */
export interface MaskedAch {
  accountType: 'CONSUMER_CHECKING' | 'CONSUMER_SAVINGS' | 'CORPORATE_CHECKING';
  bankAccountHolder?: string;
  bankAccountNumber: string;
  routingNumber: string;
  /** NACHA's entry class: WEB (the payer authorized it online) or TEL (by telephone). */
  secCode?: 'WEB' | 'TEL';
}

/** Mastercard's `sourceOfFunds`, masked: one payment type's details. */
export type MaskedSourceOfFunds =
  | { provided: { card: MaskedCard }; type: 'CARD' }
  | { provided: { giftCard: MaskedGiftCard }; type: 'GIFT_CARD' }
  | { provided: { ach: MaskedAch }; type: 'ACH' };

export interface FormSessionUpdateOk {
  status: 'ok';
  merchant: string;
  session: { id: string; updateStatus: 'SUCCESS'; version: string };
  sourceOfFunds: MaskedSourceOfFunds;
  version: string;
}

/**
 * Keys of `errors` in a `fields_in_error` response, as integrations read them: the card's are Mastercard's
 * (`cardNumber`, not `number`); a gift card's and an account's are the bare field names.
 */
export const FIELD_ERROR_KEY = {
  'card.number': 'cardNumber',
  'card.securityCode': 'securityCode',
  'card.expiryMonth': 'expiryMonth',
  'card.expiryYear': 'expiryYear',
  'card.nameOnCard': 'nameOnCard',
  'giftCard.number': 'number',
  'giftCard.pin': 'pin',
  'ach.accountType': 'accountType',
  'ach.bankAccountHolder': 'bankAccountHolder',
  'ach.bankAccountNumber': 'bankAccountNumber',
  'ach.bankAccountNumberConfirmation': 'bankAccountNumberConfirmation',
  'ach.routingNumber': 'routingNumber',
} as const satisfies Record<FieldRole, string>;
export type FieldErrorKey = (typeof FIELD_ERROR_KEY)[FieldRole];

export interface FormSessionUpdateFieldsInError {
  status: 'fields_in_error';
  session: { id: string };
  errors: Partial<Record<FieldErrorKey, 'invalid' | 'missing'>>;
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

/** One payment type's fields, judged: `{isValid}` for the whole, and each field's validity by bare name. */
export type PaymentTypeValidity<F extends string> = { isValid: boolean } & Partial<Record<F, Validity>>;

/**
 * What `PaymentSession.validate(paymentType, callback)` receives: the payment type asked about, as
 * `{card: {isValid, number: {…}, …}}`.
 */
export interface ValidateResult {
  card?: PaymentTypeValidity<CardField>;
  giftCard?: PaymentTypeValidity<GiftCardField>;
  ach?: PaymentTypeValidity<AchField>;
}
