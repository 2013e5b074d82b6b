import { CARD_BRANDS, isFieldRole, type CardBrand, type FieldRole } from '@hosted-session/protocol';
import { hasKeys, isBag, isOneOf, isText } from './guards.ts';

/**
 * The messages between the field frames and the hub of one scope. They carry card values, so they travel
 * only on BroadcastChannels, which reach documents of the gateway origin alone: the page never sees them.
 * The channels are named after the hub's own id, so only that hub hears its fields (see `channelName`).
 * Every message is parsed before use (field → hub in hub/field-message-schema.ts with zod/mini, hub → field
 * here); anything that does not match exactly is dropped.
 */

/** Longest value a field may hold (a 256-character name in UTF-16); anything longer is not a card value. */
export const MAX_VALUE_LENGTH = 512;

/** Field → hub. `frame` is the sender's random id: a second id for a role means a frame was replaced. */
export type FieldMessage =
  /** The field was configured and joined its hub. */
  | { type: 'hello'; role: FieldRole; frame: string }
  /** The field's whole current value, sent after every edit. */
  | { type: 'value'; role: FieldRole; frame: string; value: string }
  /** The field holds a value it keeps to itself, because it could be card data (a name with digits). */
  | { type: 'withheld'; role: FieldRole; frame: string };

/** Hub → fields. */
export type HubMessage =
  /** The form was cleared because a field frame was replaced: every field empties its input. */
  | { type: 'reset' }
  /** One field empties its input (the security code, when the form moves to another session). */
  | { type: 'clear'; role: FieldRole }
  /** The brand the number has now (null: not yet known), which decides the security code's length. */
  | { type: 'brand'; brand: CardBrand | null }
  /** Both expiry parts, so month and year can each tell an expired date. */
  | { type: 'expiry'; month: string; year: string }
  /**
   * Whether the account number's confirmation is the account number (null while either is empty): the only
   * thing the confirmation field learns of the other, never its digits.
   */
  | { type: 'accountNumbers'; same: boolean | null };

const isValue = (value: unknown): value is string => isText(value, MAX_VALUE_LENGTH);

export function parseHubMessage(data: unknown): HubMessage | undefined {
  if (!isBag(data)) return undefined;
  switch (data.type) {
    case 'reset':
      return hasKeys(data, 'type') ? { type: data.type } : undefined;
    case 'clear':
      return hasKeys(data, 'type', 'role') && isFieldRole(data.role)
        ? { type: 'clear', role: data.role }
        : undefined;
    case 'brand':
      return hasKeys(data, 'type', 'brand') && (data.brand === null || isOneOf(CARD_BRANDS, data.brand))
        ? { type: 'brand', brand: data.brand }
        : undefined;
    case 'expiry':
      return hasKeys(data, 'type', 'month', 'year') && isValue(data.month) && isValue(data.year)
        ? { type: 'expiry', month: data.month, year: data.year }
        : undefined;
    case 'accountNumbers':
      return hasKeys(data, 'type', 'same') && (data.same === null || typeof data.same === 'boolean')
        ? { type: 'accountNumbers', same: data.same }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * One channel per direction, so a field's value reaches the hub and no other field; and per hub, so it
 * reaches that hub alone. A BroadcastChannel reaches every gateway-origin document that opens the same name,
 * and the page can add gateway frames with any fragment (the scope's instance included); but `hub` is made
 * inside the hub, and no other hub opens a channel under an id it did not make.
 */
export function channelName(merchantId: string, instance: string, hub: string, to: 'hub' | 'fields'): string {
  return `hosted-session:${merchantId}:${instance}:${hub}:${to}`;
}
