import { bin, detectBrand, digitsOf, mayHoldCardData, type Edit } from '@hosted-session/card';
import {
  DEFAULT_LOCALE,
  STYLE_STATES,
  fieldOf,
  type CardRole,
  type CardTypeState,
  type FieldEvent,
  type FieldFrameMethods,
  type FrameConfig,
  type Validity,
} from '@hosted-session/protocol';
import type { FieldMessage, HubMessage } from '../shared/channel-messages.ts';
import { brandInfoOf, fieldValidity, supportedBrands, type FieldContext } from '../shared/field-validity.ts';
import { fieldTexts } from '../shared/locales.ts';
import { renderControl, type Control } from './control.ts';
import { afterInput, deletion, type EditSettings } from './edit.ts';
import { parseFieldOptions, type ParsedFieldOptions } from './field-options.ts';
import { INVALID_CLASS, VALID_CLASS, createStylesheet } from './stylesheet.ts';

export interface FieldDeps {
  document: Document;
  role: CardRole;
  config: FrameConfig;
  /** This frame's random id, so the hub can tell a replaced frame from this one. */
  frame: string;
  /** To the page: state only. */
  emit(event: FieldEvent): void;
  /**
   * Opens the gateway-origin channel to the hub with this id, handing its messages to `receive`; returns the
   * way to post to that hub.
   */
  joinHub(hub: string, receive: (message: HubMessage) => void): (message: FieldMessage) => void;
}

/** Onward from 10 digits the prefix names the brand, as Mastercard's onCardTypeChange reports. */
const CARD_TYPE_MIN_DIGITS = 10;
const MAX_MESSAGE_LENGTH = 500;
/** Longest security code of any brand: the limit while the number's brand is unknown. */
const MAX_CSC_DIGITS = 4;
/** A year may be typed with four digits; the card's rules read "2039" and "39" alike. */
const MAX_YEAR_DIGITS = 4;
const MAX_MONTH_DIGITS = 2;

/** `:autofill`, or its older prefixed name where a browser knows only that; false where it knows neither. */
function isAutofilled(element: Element): boolean {
  for (const selector of [':autofill', ':-webkit-autofill']) {
    try {
      return element.matches(selector);
    } catch {
      // An unknown pseudo-class: try the next name.
    }
  }
  return false;
}

/** What the page was last told, so state events go out only when the state changes. */
interface Told {
  validity: string;
  isEmpty: boolean;
  cardType: string;
  bin: string | undefined;
}

/**
 * One hosted field: the input, its formatting and validation, what it tells the page (state only) and what
 * it tells the hub (its value).
 */
export function createField(deps: FieldDeps) {
  const { document: doc, role, config } = deps;
  const setStyle = createStylesheet(doc);
  const context: FieldContext = { config, brand: undefined, otherExpiryPart: '' };
  let options: ParsedFieldOptions | undefined;
  let control: Control | undefined;
  let post: ((message: FieldMessage) => void) | undefined;
  let texts = fieldTexts(DEFAULT_LOCALE);
  let customMessage = '';
  let told: Told | undefined;

  const value = () => control?.element.value ?? '';
  const label = () => options?.title || texts.labels[fieldOf(role)];

  /** How many digits REJECT lets into an expiry part or the security code (there, the brand decides). */
  function maxDigits(): number {
    if (role === 'card.expiryMonth') return MAX_MONTH_DIGITS;
    if (role === 'card.expiryYear') return MAX_YEAR_DIGITS;
    if (!context.brand) return MAX_CSC_DIGITS;
    return Math.max(0, ...(context.brand.csc?.sizes ?? []));
  }

  /** A payment needs number and expiry; the security code when the merchant says so; the name never. */
  const isRequired = () => (role === 'card.securityCode' ? config.cscRequired : role !== 'card.nameOnCard');

  const editSettings = (settings: ParsedFieldOptions): EditSettings => ({
    ...settings,
    maxDigits: maxDigits(),
  });

  function useLocale(locale: string): void {
    texts = fieldTexts(locale);
    doc.documentElement.lang = texts.lang;
  }

  function cardType(digits: string): CardTypeState {
    if (digits.length < CARD_TYPE_MIN_DIGITS) return { status: 'INSUFFICIENT_LENGTH' };
    const brand = detectBrand(digits);
    if (!brand) return { status: 'NOT_SUPPORTED' };
    const status = supportedBrands(config).includes(brand.brand) ? 'SUPPORTED' : 'NOT_SUPPORTED';
    return { status, brand: brand.brand, scheme: brand.scheme };
  }

  function message(validity: Validity): string {
    if (customMessage) return customMessage;
    if (!validity.hasError) return '';
    return validity.errorReason === 'EXPIRED' ? texts.expired : texts.invalid.replace('{label}', label());
  }

  /** Brings the element, its accessibility attributes and the page up to date with the value. */
  function refresh(tell: boolean): void {
    if (!control) return;
    const current = value();
    const validity = fieldValidity(role, current, context);
    const { element } = control;
    element.setAttribute('aria-invalid', String(validity.hasError));
    element.classList.toggle(VALID_CLASS, validity.isValid);
    element.classList.toggle(INVALID_CLASS, validity.hasError);
    control.label.textContent = label();
    control.message.textContent = message(validity);

    const type = role === 'card.number' ? cardType(digitsOf(current)) : undefined;
    const now: Told = {
      validity: JSON.stringify(validity),
      isEmpty: current.length === 0,
      cardType: JSON.stringify(type),
      bin: role === 'card.number' ? bin(current, { supportedBrands: supportedBrands(config) }) : undefined,
    };
    if (tell && told) {
      if (now.validity !== told.validity) deps.emit({ type: 'validity', validity });
      if (now.isEmpty !== told.isEmpty) deps.emit({ type: 'emptiness', isEmpty: now.isEmpty });
      if (type && now.cardType !== told.cardType) deps.emit({ type: 'cardType', cardType: type });
      if (now.bin && now.bin !== told.bin) deps.emit({ type: 'bin', bin: now.bin });
    }
    told = now;
  }

  /**
   * The value goes to the hub after every edit, except a name that could be a card number or CSC: the page
   * may have labelled this field "Card number", and the name comes back to the page after the update. Such a
   * value stays in this frame; the hub learns only that the field holds one, and refuses the form.
   */
  function sendValue(): void {
    if (!post) return;
    const { frame } = deps;
    const current = value();
    post(
      role === 'card.nameOnCard' && mayHoldCardData(current)
        ? { type: 'withheld', role, frame }
        : { type: 'value', role, frame, value: current },
    );
  }

  let autofilled = false;

  /** The browser's own word that it filled the field (`:autofill`), told to the page once per fill. */
  function noticeAutofill(): void {
    if (!control) return;
    const now = isAutofilled(control.element);
    if (now && !autofilled) deps.emit({ type: 'autofill' });
    autofilled = now;
  }

  function edited(): void {
    sendValue();
    refresh(true);
    noticeAutofill();
  }

  function clearValue(): void {
    if (!control) return;
    if (control.element instanceof HTMLSelectElement) control.element.selectedIndex = 0;
    else control.element.value = '';
    edited();
  }

  function apply(input: HTMLInputElement, edit: Edit): void {
    if (input.value !== edit.value) input.value = edit.value;
    // Moving the caret of a field without focus would pull the focus into it on some browsers.
    if (doc.activeElement === input) input.setSelectionRange(edit.caret, edit.caret);
  }

  function listen(element: HTMLInputElement | HTMLSelectElement, settings: ParsedFieldOptions): void {
    const target: HTMLElement = element;
    const emitOn = (type: 'focus' | 'blur' | 'mouseover' | 'mouseout') =>
      element.addEventListener(type, () => deps.emit({ type }));
    emitOn('focus');
    emitOn('blur');
    emitOn('mouseover');
    emitOn('mouseout');
    element.addEventListener('change', () => {
      if (element instanceof HTMLSelectElement) edited();
      deps.emit({ type: 'change' });
    });
    target.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') deps.emit({ type: 'submit' });
    });
    if (!(element instanceof HTMLInputElement)) {
      element.addEventListener('input', edited);
      return;
    }
    element.addEventListener('beforeinput', (event) => {
      const { selectionStart: start, selectionEnd: end } = element;
      if (start === null || start !== end || !event.cancelable) return;
      const next = deletion({ value: element.value, caret: start }, event.inputType, editSettings(settings));
      if (!next) return;
      event.preventDefault();
      apply(element, next);
      edited();
    });
    element.addEventListener('input', () => {
      const caret = element.selectionStart ?? element.value.length;
      apply(element, afterInput({ value: element.value, caret }, editSettings(settings)));
      edited();
    });
  }

  const methods = {
    configure(input: unknown): void {
      if (options) throw new Error('This field is already configured');
      const parsed = parseFieldOptions(input);
      if (parsed.role !== role) throw new TypeError('These options are for another field');
      options = parsed;
      useLocale(parsed.locale);
      for (const state of STYLE_STATES) {
        const styles = parsed.styles[state];
        if (styles) setStyle(state, styles);
      }
      control = renderControl(doc, parsed, isRequired());
      listen(control.element, parsed);
      refresh(false);
      post = deps.joinHub(parsed.hub, receive);
      post({ type: 'hello', role, frame: deps.frame });
      sendValue();
    },
    setStyle: (state: unknown, styles: unknown): string[] => setStyle(state, styles),
    setMessage(text: unknown): void {
      customMessage = typeof text === 'string' ? text.slice(0, MAX_MESSAGE_LENGTH) : '';
      refresh(true);
    },
    setLocale(locale: unknown): void {
      useLocale(String(locale));
      refresh(true);
    },
    focus(): void {
      control?.element.focus();
    },
    blur(): void {
      control?.element.blur();
    },
    clear: clearValue,
    setPlaceholder(text: unknown): void {
      if (control?.element instanceof HTMLInputElement)
        control.element.placeholder = typeof text === 'string' ? text.slice(0, MAX_MESSAGE_LENGTH) : '';
    },
  } satisfies FieldFrameMethods;

  function receive(message: HubMessage): void {
    switch (message.type) {
      case 'reset':
        clearValue();
        break;
      case 'clear':
        if (message.role === role) clearValue();
        break;
      case 'brand':
        if (role !== 'card.securityCode') return;
        context.brand = brandInfoOf(message.brand);
        refresh(true);
        break;
      case 'expiry':
        if (role === 'card.expiryMonth') context.otherExpiryPart = message.year;
        else if (role === 'card.expiryYear') context.otherExpiryPart = message.month;
        else return;
        refresh(true);
        break;
    }
  }

  return { methods, receive };
}
