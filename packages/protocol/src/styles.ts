/** The states a merchant can style; each maps to one CSSOM rule inside the field frame. */
export const STYLE_STATES = [
  'base',
  'focus',
  'hover',
  'placeholder',
  'placeholderShown',
  'valid',
  'invalid',
] as const;
export type StyleState = (typeof STYLE_STATES)[number];

/** camelCase CSS property → value, e.g. `{ borderColor: 'red' }`. Sanitised by an allowlist inside the frame. */
export type StyleDeclarations = Record<string, string>;
