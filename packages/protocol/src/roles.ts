/** Payment types a form can hold. Only `card` has hosted fields today. */
export const PAYMENT_TYPES = ['card', 'giftCard', 'ach'] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];

/** The card fields, by their bare name (what Mastercard's handlers receive as `role`). */
export const CARD_FIELDS = ['number', 'securityCode', 'expiryMonth', 'expiryYear', 'nameOnCard'] as const;
export type CardField = (typeof CARD_FIELDS)[number];

/** A field's full role, as the merchant names it: `card.number`, `card.expiryMonth`… */
export type CardRole = `card.${CardField}`;
export const CARD_ROLES: readonly CardRole[] = CARD_FIELDS.map((field) => `card.${field}` as const);

export function isCardRole(value: unknown): value is CardRole {
  return typeof value === 'string' && (CARD_ROLES as readonly string[]).includes(value);
}

export function fieldOf(role: CardRole): CardField {
  return role.slice('card.'.length) as CardField;
}
