import {
  FIELD_ROLES,
  STYLE_STATES,
  type FieldOptions,
  type FormatCard,
  type InvalidFieldCharacters,
  type StyleState,
} from '@hosted-session/protocol';
import { isBag, isOneOf, isText, type Bag } from '../shared/guards.ts';

const MAX_TEXT = 200;
/** A hub id: 128 random bits in hex, as the hub makes it. */
const HUB_ID = /^[0-9a-f]{32}$/;
const MAX_SELECT_OPTIONS = 100;
const FORMATS: readonly FormatCard[] = ['EMBOSSED', 'PLAIN'];
const CHARACTER_POLICIES: readonly InvalidFieldCharacters[] = ['REJECT', 'ALLOW'];

/** Only these `aria-*` attributes mean something inside the frame; the rest name ids in the page. */
const CARRIED_ARIA = ['aria-label', 'aria-description', 'aria-required', 'aria-placeholder'];

/** FieldOptions as checked: any locale string (unknown ones fall back), style values still to be vetted. */
export type ParsedFieldOptions = Omit<FieldOptions, 'locale' | 'styles'> & {
  locale: string;
  styles: Partial<Record<StyleState, Bag>>;
};

const isOptionalText = (value: unknown): value is string | undefined =>
  value === undefined || isText(value, MAX_TEXT);

function isSelectOptions(value: unknown): value is Array<{ value: string; label: string }> {
  return (
    Array.isArray(value) &&
    value.length <= MAX_SELECT_OPTIONS &&
    value.every((option) => isBag(option) && isText(option.value, MAX_TEXT) && isText(option.label, MAX_TEXT))
  );
}

/** The options the page sent, checked: the page is outside the trust boundary. Throws on anything malformed. */
export function parseFieldOptions(input: unknown): ParsedFieldOptions {
  if (
    !isBag(input) ||
    !isOneOf(FIELD_ROLES, input.role) ||
    typeof input.hub !== 'string' ||
    !HUB_ID.test(input.hub) ||
    !isText(input.locale, 16) ||
    !isOneOf(FORMATS, input.formatCard) ||
    !isOneOf(CHARACTER_POLICIES, input.invalidFieldCharacters) ||
    !isOptionalText(input.placeholder) ||
    !isOptionalText(input.title) ||
    !isBag(input.aria) ||
    !(input.options === undefined || isSelectOptions(input.options)) ||
    !isBag(input.styles)
  ) {
    throw new TypeError('Invalid field options');
  }
  const aria: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.aria)) {
    if (CARRIED_ARIA.includes(name) && isText(value, MAX_TEXT)) aria[name] = value;
  }
  const styles: ParsedFieldOptions['styles'] = {};
  for (const state of STYLE_STATES) {
    const declarations = input.styles[state];
    if (isBag(declarations)) styles[state] = declarations;
  }
  return {
    role: input.role,
    hub: input.hub,
    locale: input.locale,
    formatCard: input.formatCard,
    invalidFieldCharacters: input.invalidFieldCharacters,
    placeholder: input.placeholder,
    title: input.title,
    aria,
    options: input.options,
    styles,
  };
}
