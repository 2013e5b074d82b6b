import type { FieldEvent } from '@hosted-session/protocol';

const TYPES = [
  'focus',
  'blur',
  'change',
  'mouseover',
  'mouseout',
  'submit',
  'autofill',
  'validity',
  'emptiness',
  'cardType',
  'bin',
];

/** Every property name a FieldEvent may carry, at any depth (JSON.stringify drops all others). */
const KEYS = [
  ...['type', 'validity', 'isValid', 'isIncomplete', 'hasError', 'errorReason', 'isEmpty', 'cardType'],
  ...['status', 'brand', 'scheme', 'fundingMethod', 'issuer', 'bin'],
];

/**
 * Rebuilds a frame's event from the properties the contract allows, so nothing else a frame might send (a
 * value by mistake) can reach the merchant's handlers. Undefined for anything that is not a known event.
 */
export function cleanFieldEvent(input: unknown): FieldEvent | undefined {
  const event = JSON.parse(JSON.stringify(input ?? {}, KEYS)) as FieldEvent;
  if (!TYPES.includes(event.type)) return undefined;
  return event.type !== 'bin' || /^\d{6}$/.test(event.bin) ? event : undefined;
}
