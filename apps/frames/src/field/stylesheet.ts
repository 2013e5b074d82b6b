import { STYLE_STATES, type StyleState } from '@hosted-session/protocol';
import { sanitiseStyles } from '../shared/style-sanitiser.ts';

export const CONTROL_ID = 'hs-field';
export const VALID_CLASS = 'hs-valid';
export const INVALID_CLASS = 'hs-invalid';

/**
 * Our selectors, never the merchant's. Equal specificity, so insertion order decides: a field in error keeps
 * its invalid look while focused or hovered.
 */
const SELECTORS: Record<StyleState, string> = {
  base: `#${CONTROL_ID}`,
  hover: `#${CONTROL_ID}:hover`,
  focus: `#${CONTROL_ID}:focus`,
  placeholderShown: `#${CONTROL_ID}:placeholder-shown`,
  valid: `#${CONTROL_ID}.${VALID_CLASS}`,
  invalid: `#${CONTROL_ID}.${INVALID_CLASS}`,
  placeholder: `#${CONTROL_ID}::placeholder`,
};
const ORDER: StyleState[] = ['base', 'hover', 'focus', 'placeholderShown', 'valid', 'invalid', 'placeholder'];

export type SetStyle = (state: unknown, styles: unknown) => string[];

/**
 * The merchant's styles, in a constructed stylesheet adopted by the document: CSSOM is not inline style as
 * far as CSP goes, so the page needs no 'unsafe-inline'. Declarations go in one by one through
 * `setProperty`, never as rule text, so a value cannot end a rule or start another.
 */
export function createStylesheet(doc: Document): SetStyle {
  const sheet = new CSSStyleSheet();
  ORDER.forEach((state, index) => sheet.insertRule(`${SELECTORS[state]} {}`, index));
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];

  return (state, styles) => {
    if (!STYLE_STATES.includes(state as StyleState)) throw new TypeError('Unknown style state');
    if (typeof styles !== 'object' || styles === null) throw new TypeError('Styles must be an object');
    const rule = sheet.cssRules[ORDER.indexOf(state as StyleState)] as CSSStyleRule;
    const { declarations, refused } = sanitiseStyles(styles as Record<string, unknown>);
    for (const [property, value] of declarations) rule.style.setProperty(property, value);
    return refused;
  };
}
