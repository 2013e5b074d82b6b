import {
  FIELDS_OF,
  LOCALES,
  DEFAULT_LOCALE,
  PAYMENT_TYPES,
  type AchField,
  type CardField,
  type FieldRole,
  type FormatCard,
  type GiftCardField,
  type InvalidFieldCharacters,
  type Locale,
} from '@hosted-session/protocol';
import { invalidConfig } from '../errors.ts';
import { isMounted } from './mount.ts';

export type FrameEmbeddingMitigation = 'javascript' | 'x-frame-options' | 'csp';

/**
 * The merchant's placeholder elements (`<input>`, or `<select>` for month, year and account type), each by CSS
 * selector or as the element itself. A selector `#id` whose id is no valid CSS (React's `:r0:`) is looked up
 * as an id.
 */
export type CardFieldSelectors = Partial<Record<CardField, string | HTMLElement>>;
export type GiftCardFieldSelectors = Partial<Record<GiftCardField, string | HTMLElement>>;
export type AchFieldSelectors = Partial<Record<AchField, string | HTMLElement>>;

/** The options both APIs share, as the merchant writes them (Mastercard's configuration minus callbacks). */
export interface SessionOptions {
  /** The session id the merchant's server created, e.g. "SESSION0002816562472I0271878F98". */
  session?: string;
  fields: { card?: CardFieldSelectors; giftCard?: GiftCardFieldSelectors; ach?: AchFieldSelectors };
  /** How the merchant page defends itself against being framed. */
  frameEmbeddingMitigation: FrameEmbeddingMitigation[];
  interaction?: {
    displayControl?: { formatCard?: FormatCard; invalidFieldCharacters?: InvalidFieldCharacters };
  };
  locale?: Locale;
}

export interface FieldSpec {
  role: FieldRole;
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

type Bag = Record<string, unknown>;

/**
 * How options are read. Strict (the Promise API) refuses anything it does not know. Tolerant (Mastercard's
 * `configure`, which pages written for Mastercard call) ignores what it does not know, and what a safe default
 * can stand for, listing each in `ignored` for one warning; what makes the form impossible still throws.
 */
export interface OptionReader {
  strict: boolean;
  ignored: string[];
}

const MITIGATIONS: readonly FrameEmbeddingMitigation[] = ['javascript', 'x-frame-options', 'csp'];
const TOP_KEYS = ['session', 'fields', 'frameEmbeddingMitigation', 'interaction', 'locale'];

/** Outside strict mode a mistake that a default can stand for is noted, not fatal. */
function lenient(reader: OptionReader, note: string, message: string): void {
  if (reader.strict) throw invalidConfig(message);
  reader.ignored.push(note);
}

/** A plain object; keys outside `allowed` are refused (strict) or ignored (tolerant). */
export function bag(reader: OptionReader, value: unknown, path: string, allowed: readonly string[]): Bag {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidConfig(`${path} must be an object`);
  }
  const known: Bag = {};
  for (const [key, option] of Object.entries(value)) {
    const name = path === 'configuration' ? key : `${path}.${key}`;
    if (allowed.includes(key)) known[key] = option;
    else lenient(reader, name, `unknown option "${name}"`);
  }
  return known;
}

function pick<T extends string>(
  reader: OptionReader,
  value: unknown,
  allowed: readonly T[],
  path: string,
  fallback: T,
): T {
  if (value === undefined || allowed.includes(value as T)) return (value as T | undefined) ?? fallback;
  lenient(reader, `${path} (${fallback} used)`, `${path} must be one of ${allowed.join(', ')}`);
  return fallback;
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
 * Mastercard requires the page to name its own defence against framing. Missing, or naming none we know,
 * 'javascript' stands in: the one defence the SDK checks itself (it refuses to run framed), so leaving the
 * option out can never loosen what a page gets.
 */
function mitigations(reader: OptionReader, value: unknown): FrameEmbeddingMitigation[] {
  const message = `frameEmbeddingMitigation is required: an array of ${MITIGATIONS.map((m) => `'${m}'`).join(', ')}`;
  if (value !== undefined && !Array.isArray(value)) throw invalidConfig(message);
  const known = (value ?? []).filter((item) => MITIGATIONS.includes(item as FrameEmbeddingMitigation));
  if (known.length && known.length === value?.length) return known as FrameEmbeddingMitigation[];
  lenient(reader, "frameEmbeddingMitigation ('javascript' applied where none was named)", message);
  return known.length ? (known as FrameEmbeddingMitigation[]) : ['javascript'];
}

/**
 * Finds the placeholders of every payment type. Two fields naming one element is a mistake the form cannot
 * carry (one frame per element): strict refuses it, tolerant keeps the first and ignores the other.
 */
function fieldSpecs(reader: OptionReader, fields: Bag): FieldSpec[] {
  const specs: FieldSpec[] = [];
  for (const type of PAYMENT_TYPES) {
    if (fields[type] === undefined) continue;
    const selectors = bag(reader, fields[type], `fields.${type}`, FIELDS_OF[type]);
    for (const field of FIELDS_OF[type]) {
      if (selectors[field] === undefined) continue;
      const path = `fields.${type}.${field}`;
      const { placeholder, selector } = placeholderFor(selectors[field], path);
      const twin = specs.find((spec) => spec.placeholder === placeholder);
      if (twin) {
        const message = `fields.${twin.role} and ${path} name the same element; give each field its own`;
        lenient(reader, `${path} (the element of fields.${twin.role})`, message);
        continue;
      }
      specs.push({ role: `${type}.${field}` as FieldRole, selector, placeholder });
    }
  }
  const has = (role: FieldRole) => specs.some((spec) => spec.role === role);
  if (has('card.expiryMonth') !== has('card.expiryYear')) {
    throw invalidConfig(
      'fields.card.expiryMonth and fields.card.expiryYear go together: give both or neither',
    );
  }
  if (!specs.length) throw invalidConfig('fields must name at least one field');
  return specs;
}

/**
 * Validates the merchant's options and finds the placeholders. Throws an INVALID_CONFIG error naming the
 * problem; what a tolerant reader let pass is listed in its `ignored`. `extraKeys` are top-level keys the
 * calling API reads itself (Mastercard's `callbacks`).
 */
export function readOptions(
  reader: OptionReader,
  input: unknown,
  extraKeys: readonly string[],
): ScopeSettings {
  const config = bag(reader, input, 'configuration', [...TOP_KEYS, ...extraKeys]);
  const frameEmbeddingMitigation = mitigations(reader, config.frameEmbeddingMitigation);
  const fields = fieldSpecs(reader, bag(reader, config.fields, 'fields', PAYMENT_TYPES));

  // null too: pages pass `params.get('session')` straight through.
  const session = config.session ?? undefined;
  if (session !== undefined && (typeof session !== 'string' || !session)) {
    throw invalidConfig('session must be the session id string');
  }

  const display = bag(
    reader,
    bag(reader, config.interaction ?? {}, 'interaction', ['displayControl']).displayControl ?? {},
    'interaction.displayControl',
    ['formatCard', 'invalidFieldCharacters'],
  );

  return {
    sessionId: session as string | undefined,
    fields,
    frameEmbeddingMitigation,
    formatCard: pick(
      reader,
      display.formatCard,
      ['EMBOSSED', 'PLAIN'],
      'interaction.displayControl.formatCard',
      'EMBOSSED',
    ),
    invalidFieldCharacters: pick(
      reader,
      display.invalidFieldCharacters,
      ['REJECT', 'ALLOW'],
      'interaction.displayControl.invalidFieldCharacters',
      'REJECT',
    ),
    locale: pick(reader, config.locale, LOCALES, 'locale', DEFAULT_LOCALE),
  };
}
