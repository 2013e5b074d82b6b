/** Payment types a form can hold, each with its hosted fields. */
export const PAYMENT_TYPES = ['card', 'giftCard', 'ach'] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];

/** The fields of each payment type, by their bare name (what Mastercard's handlers receive as `role`). */
export const CARD_FIELDS = ['number', 'securityCode', 'expiryMonth', 'expiryYear', 'nameOnCard'] as const;
export const GIFT_CARD_FIELDS = ['number', 'pin'] as const;
export const ACH_FIELDS = [
  'accountType',
  'bankAccountHolder',
  'bankAccountNumber',
  'bankAccountNumberConfirmation',
  'routingNumber',
] as const;
export type CardField = (typeof CARD_FIELDS)[number];
export type GiftCardField = (typeof GIFT_CARD_FIELDS)[number];
export type AchField = (typeof ACH_FIELDS)[number];

/** A field's full role, as the merchant names it: `card.number`, `giftCard.pin`, `ach.routingNumber`… */
export type CardRole = `card.${CardField}`;
export type GiftCardRole = `giftCard.${GiftCardField}`;
export type AchRole = `ach.${AchField}`;
export type FieldRole = CardRole | GiftCardRole | AchRole;

const rolesOf = <T extends string, F extends string>(type: T, fields: readonly F[]) =>
  fields.map((field) => `${type}.${field}` as const);

export const CARD_ROLES: readonly CardRole[] = rolesOf('card', CARD_FIELDS);
export const GIFT_CARD_ROLES: readonly GiftCardRole[] = rolesOf('giftCard', GIFT_CARD_FIELDS);
export const ACH_ROLES: readonly AchRole[] = rolesOf('ach', ACH_FIELDS);
export const FIELD_ROLES: readonly FieldRole[] = [...CARD_ROLES, ...GIFT_CARD_ROLES, ...ACH_ROLES];

/**
 * Sensitive authentication data: what proves the payer holds the card, never to be kept past its one use.
 * Pointing the form at another session forgets each of these, so the payer types them again for that session.
 */
export const AUTHENTICATION_ROLES: readonly FieldRole[] = ['card.securityCode', 'giftCard.pin'];

/** The fields of each payment type. */
export const FIELDS_OF: { readonly [T in PaymentType]: readonly string[] } = {
  card: CARD_FIELDS,
  giftCard: GIFT_CARD_FIELDS,
  ach: ACH_FIELDS,
};

export function isCardRole(value: unknown): value is CardRole {
  return typeof value === 'string' && (CARD_ROLES as readonly string[]).includes(value);
}

export function isFieldRole(value: unknown): value is FieldRole {
  return typeof value === 'string' && (FIELD_ROLES as readonly string[]).includes(value);
}

export function isPaymentType(value: unknown): value is PaymentType {
  return typeof value === 'string' && (PAYMENT_TYPES as readonly string[]).includes(value);
}

/** The bare field name: `card.number` → `number`, `ach.routingNumber` → `routingNumber`. */
export function fieldOf<R extends FieldRole>(role: R): R extends `${string}.${infer F}` ? F : never {
  return role.slice(role.indexOf('.') + 1) as R extends `${string}.${infer F}` ? F : never;
}

export function paymentTypeOf(role: FieldRole): PaymentType {
  return role.slice(0, role.indexOf('.')) as PaymentType;
}
