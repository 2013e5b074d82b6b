/**
 * Tiny type guards for what the field page parses (its configuration, the hub's messages, the page's
 * options). The field frame's script must stay small, and zod/mini alone would be about 8 KB gzip of it;
 * the hub, with room to spare, uses zod/mini.
 */

export type Bag = Record<string, unknown>;

export function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isText(value: unknown, max: number, min = 0): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return (list as readonly unknown[]).includes(value);
}

/** Exactly these keys, in any order: a message with anything more is not one we sent. */
export function hasKeys(bag: Bag, ...keys: string[]): boolean {
  const own = Object.keys(bag);
  return own.length === keys.length && keys.every((key) => own.includes(key));
}
