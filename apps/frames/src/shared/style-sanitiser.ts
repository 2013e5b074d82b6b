const SIDES = ['top', 'right', 'bottom', 'left'];
const CORNERS = ['top-left', 'top-right', 'bottom-right', 'bottom-left'];

/**
 * Properties a merchant may set: text, spacing inside the field, colours and borders. Nothing that takes a
 * resource (background, background-image, border-image, list-style, cursor, mask, filter, content), nothing
 * that moves or hides the field (position, display, width, transform, z-index), and no vendor bindings.
 */
const ALLOWED_PROPERTIES = new Set([
  'color',
  'opacity',
  'caret-color',
  'font',
  'font-family',
  'font-size',
  'font-size-adjust',
  'font-stretch',
  'font-style',
  'font-variant',
  'font-variant-numeric',
  'font-weight',
  'font-kerning',
  '-webkit-font-smoothing',
  '-moz-osx-font-smoothing',
  '-webkit-text-fill-color',
  'letter-spacing',
  'word-spacing',
  'line-height',
  'text-align',
  'text-indent',
  'text-decoration',
  'text-decoration-color',
  'text-decoration-line',
  'text-decoration-style',
  'text-decoration-thickness',
  'text-rendering',
  'text-shadow',
  'text-transform',
  'background-color',
  'box-shadow',
  'padding',
  'border',
  'border-color',
  'border-style',
  'border-width',
  'border-radius',
  'outline',
  'outline-color',
  'outline-offset',
  'outline-style',
  'outline-width',
  'transition',
  'transition-delay',
  'transition-duration',
  'transition-property',
  'transition-timing-function',
  ...SIDES.flatMap((side) => [
    `padding-${side}`,
    `border-${side}`,
    `border-${side}-color`,
    `border-${side}-style`,
    `border-${side}-width`,
  ]),
  ...CORNERS.map((corner) => `border-${corner}-radius`),
]);

/**
 * Functions a value may call: colours, arithmetic and easing. This shuts out every function that fetches or
 * reads something (url, image-set, image, cross-fade, element, src, attr, var, env) and IE's expression().
 */
const ALLOWED_FUNCTIONS = new Set([
  'rgb',
  'rgba',
  'hsl',
  'hsla',
  'hwb',
  'lab',
  'lch',
  'oklab',
  'oklch',
  'calc',
  'cubic-bezier',
  'steps',
]);

/**
 * Printable ASCII a value needs, and no more. Leaving out `\` (escapes such as `\75 rl(`), `;` `{` `}` (a
 * second declaration or rule), `<` `>` (`</style>`), `@` (at-rules), `:` (`javascript:`), `*` (comments),
 * `!` and every non-ASCII character (look-alike and invisible code points) closes whole families of tricks
 * at once, instead of listing them one by one.
 */
const SAFE_VALUE = /^[A-Za-z0-9 #%.,()'"+\-/_]*$/;
const MAX_VALUE_LENGTH = 200;

export interface SanitisedStyles {
  /** kebab-case property and value, ready for `CSSStyleDeclaration.setProperty`. */
  declarations: Array<[property: string, value: string]>;
  /** The names, as given, of the properties that were refused. */
  refused: string[];
}

/** `fontSize` → `font-size`, `WebkitFontSmoothing` → `-webkit-font-smoothing`; kebab-case passes as is. */
function cssPropertyName(name: string): string | undefined {
  if (/^-?[a-z]+(-[a-z]+)*$/.test(name)) return name;
  if (!/^[A-Za-z][a-zA-Z]*$/.test(name)) return undefined;
  const kebab = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return /^(-webkit-|-moz-|[a-z])/.test(kebab) ? kebab : undefined;
}

function isSafeValue(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH || !SAFE_VALUE.test(value)) return false;
  for (const call of value.matchAll(/([a-zA-Z-]*)\(/g)) {
    if (!ALLOWED_FUNCTIONS.has((call[1] ?? '').toLowerCase())) return false;
  }
  return true;
}

/** Keeps the declarations that pass both allowlists; everything else is refused, never repaired. */
export function sanitiseStyles(styles: Readonly<Record<string, unknown>>): SanitisedStyles {
  const result: SanitisedStyles = { declarations: [], refused: [] };
  for (const [name, value] of Object.entries(styles)) {
    const property = cssPropertyName(name);
    if (property && ALLOWED_PROPERTIES.has(property) && isSafeValue(value)) {
      result.declarations.push([property, value]);
    } else {
      result.refused.push(name);
    }
  }
  return result;
}
