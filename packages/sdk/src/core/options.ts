import {
  CARD_FIELDS,
  LOCALES,
  DEFAULT_LOCALE,
  isLocale,
  type CardField,
  type CardRole,
  type FormatCard,
  type InvalidFieldCharacters,
  type Locale,
} from '@hosted-session/protocol';
import { invalidConfig } from '../errors.ts';
import { isMounted } from './mount.ts';

export type FrameEmbeddingMitigation = 'javascript' | 'x-frame-options' | 'csp';

/**
 * The merchant's placeholder elements (`<input>`, or `<select>` for month and year), each by CSS selector or as
 * the element itself. A selector `#id` whose id is no valid CSS (React's `:r0:`) is looked up as an id.
 */
export type CardFieldSelectors = Partial<Record<CardField, string | HTMLElement>>;

/** The options both APIs share, as the merchant writes them (Mastercard's configuration minus callbacks). */
export interface SessionOptions {
  /** The session id the merchant's server created, e.g. "SESSION0002816562472I0271878F98". */
  session?: string;
  fields: { card: CardFieldSelectors };
  /** How the merchant page defends itself against being framed; required. */
  frameEmbeddingMitigation: FrameEmbeddingMitigation[];
  interaction?: {
    displayControl?: { formatCard?: FormatCard; invalidFieldCharacters?: InvalidFieldCharacters };
  };
  locale?: Locale;
}

export interface FieldSpec {
  role: CardRole;
  /** The selector the merchant gave; for an element, `#id` when it has one, else empty. */
  selector: string;
  placeholder: HTMLElement;
}

/** Options after validation, with every placeholder found. */
export interface ScopeSettings {
  sessionId?: string;
  fields: FieldSpec[];
  frameEmbeddingMitigation: FrameEmbeddingMitigation[];
  formatCard: FormatCard;
  invalidFieldCharacters: InvalidFieldCharacters;
  locale: Locale;
}

const MITIGATIONS: readonly FrameEmbeddingMitigation[] = ['javascript', 'x-frame-options', 'csp'];
const TOP_KEYS = ['session', 'fields', 'frameEmbeddingMitigation', 'interaction', 'locale'];

type Bag = Record<string, unknown>;

/** Checks that `value` is a plain object with no key outside `allowed`. */
export function bag(value: unknown, path: string, allowed: readonly string[]): Bag {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidConfig(`${path} must be an object`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw invalidConfig(`unknown option "${path === 'configuration' ? '' : `${path}.`}${key}"`);
  }
  return value as Bag;
}

function pick<T extends string>(value: unknown, allowed: readonly T[], path: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (allowed.includes(value as T)) return value as T;
  throw invalidConfig(`${path} must be one of ${allowed.join(', ')}`);
}

function find(selector: string, path: string): Element | null {
  try {
    return document.querySelector(selector);
  } catch {
    // An id that is no CSS identifier (`#:r0:`, `#1st`) still names one element.
    if (/^#[^\s#.[\]>+~,]+$/.test(selector)) return document.getElementById(selector.slice(1));
    throw invalidConfig(`${path}: "${selector}" is not a valid CSS selector`);
  }
}

function placeholderFor(target: unknown, path: string): { placeholder: HTMLElement; selector: string } {
  let placeholder: HTMLElement;
  let selector: string;
  if (target instanceof HTMLElement) {
    if (!target.isConnected) throw invalidConfig(`${path}: the element is not in the document`);
    placeholder = target;
    selector = target.id ? `#${CSS.escape(target.id)}` : '';
  } else if (typeof target === 'string' && target) {
    const found = find(target, path);
    if (!(found instanceof HTMLElement)) throw invalidConfig(`${path}: no element matches "${target}"`);
    placeholder = found;
    selector = target;
  } else throw invalidConfig(`${path} must be a CSS selector or an element`);
  if (isMounted(placeholder)) {
    throw invalidConfig(
      `${path}: ${selector ? `"${selector}"` : 'the element'} already holds a hosted field; destroy that session first`,
    );
  }
  return { placeholder, selector };
}

/**
 * Validates the merchant's options and finds the placeholders. Throws an INVALID_CONFIG error naming the
 * first problem. `extraKeys` are top-level keys the calling API reads itself (Mastercard's `callbacks`).
 */
export function readOptions(input: unknown, extraKeys: readonly string[]): ScopeSettings {
  const config = bag(input, 'configuration', [...TOP_KEYS, ...extraKeys]);

  const mitigation = config.frameEmbeddingMitigation;
  if (
    !Array.isArray(mitigation) ||
    !mitigation.length ||
    !mitigation.every((item) => MITIGATIONS.includes(item as FrameEmbeddingMitigation))
  ) {
    throw invalidConfig(
      `frameEmbeddingMitigation is required: an array of ${MITIGATIONS.map((m) => `'${m}'`).join(', ')}`,
    );
  }

  const fields = bag(config.fields, 'fields', ['card', 'giftCard', 'ach']);
  for (const type of ['giftCard', 'ach']) {
    if (fields[type] !== undefined)
      throw invalidConfig(`fields.${type} is not supported; only card fields are hosted`);
  }
  const card = bag(fields.card, 'fields.card', CARD_FIELDS);
  if ((card.expiryMonth === undefined) !== (card.expiryYear === undefined)) {
    throw invalidConfig(
      'fields.card.expiryMonth and fields.card.expiryYear go together: give both or neither',
    );
  }
  const specs: FieldSpec[] = [];
  for (const field of CARD_FIELDS) {
    if (card[field] === undefined) continue;
    const path = `fields.card.${field}`;
    const { placeholder, selector } = placeholderFor(card[field], path);
    const twin = specs.find((spec) => spec.placeholder === placeholder);
    if (twin)
      throw invalidConfig(`fields.${twin.role} and ${path} name the same element; give each field its own`);
    specs.push({ role: `card.${field}`, selector, placeholder });
  }
  if (!specs.length) throw invalidConfig('fields.card must name at least one field');

  // null too: pages pass `params.get('session')` straight through.
  const session = config.session ?? undefined;
  if (session !== undefined && (typeof session !== 'string' || !session)) {
    throw invalidConfig('session must be the session id string');
  }

  const display = bag(
    bag(config.interaction ?? {}, 'interaction', ['displayControl']).displayControl ?? {},
    'interaction.displayControl',
    ['formatCard', 'invalidFieldCharacters'],
  );

  const locale = config.locale ?? DEFAULT_LOCALE;
  if (!isLocale(locale)) throw invalidConfig(`locale must be one of ${LOCALES.join(', ')}`);

  return {
    sessionId: session as string | undefined,
    fields: specs,
    frameEmbeddingMitigation: mitigation as FrameEmbeddingMitigation[],
    formatCard: pick(
      display.formatCard,
      ['EMBOSSED', 'PLAIN'],
      'interaction.displayControl.formatCard',
      'EMBOSSED',
    ),
    invalidFieldCharacters: pick(
      display.invalidFieldCharacters,
      ['REJECT', 'ALLOW'],
      'interaction.displayControl.invalidFieldCharacters',
      'REJECT',
    ),
    locale,
  };
}
