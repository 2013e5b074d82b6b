import { bin, detectBrand, digitsOf, mayHoldCardData, type Edit } from '@hosted-session/card';
import {
  BIN_LOOKUP_DIGITS,
  DEFAULT_LOCALE,
  STYLE_STATES,
  type BinLookupResponse,
  type CardTypeState,
  type FieldEvent,
  type FieldFrameMethods,
  type FieldRole,
  type FrameConfig,
  type FrameSize,
  type Validity,
} from '@hosted-session/protocol';
import type { FieldMessage, HubMessage } from '../shared/channel-messages.ts';
import { brandInfoOf, fieldValidity, supportedBrands, type FieldContext } from '../shared/field-validity.ts';
import { fieldTexts } from '../shared/locales.ts';
import { watchContentHeight } from './content-height.ts';
import { accountTypeOptions, renderControl, type Control } from './control.ts';
import { afterInput, deletion, type EditSettings } from './edit.ts';
import { parseFieldOptions, type ParsedFieldOptions } from './field-options.ts';
import { INVALID_CLASS, VALID_CLASS, createStylesheet } from './stylesheet.ts';

export interface FieldDeps {
  document: Document;
  role: FieldRole;
  config: FrameConfig;
  /** This frame's random id, so the hub can tell a replaced frame from this one. */
  frame: string;
  /** To the page: state only. */
  emit(event: FieldEvent): void;
  /** To the page, for a field sized to its content: the content's height. */
  resize(size: FrameSize): void;
  /**
   * Opens the gateway-origin channel to the hub with this id, handing its messages to `receive`; returns the
   * way to post to that hub.
   */
  joinHub(hub: string, receive: (message: HubMessage) => void): (message: FieldMessage) => void;
  /**
   * Asks the gateway what the card's leading digits tell (funding, issuer). Called by the card number field
   * only, with the first eight digits only, and only once the number is valid, when the page may have the BIN.
   */
  lookupBin(bin: string): Promise<BinLookupResponse | undefined>;
}

/** Onward from 10 digits the prefix names the brand, as Mastercard's onCardTypeChange reports. */
const CARD_TYPE_MIN_DIGITS = 10;
const MAX_MESSAGE_LENGTH = 500;
/** Longest security code of any brand: the limit while the number's brand is unknown. */
const MAX_CSC_DIGITS = 4;
/** Names the page may relabel and gets back after the update: they must not carry card data. */
const NAME_ROLES: readonly FieldRole[] = ['card.nameOnCard', 'ach.bankAccountHolder'];
/** Optional: Mastercard treats the name on the card as optional. */
const OPTIONAL_ROLES: readonly FieldRole[] = ['card.nameOnCard'];

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
  /** What the gateway said of the number's first eight digits, once it was valid. */
  let binFacts: { digits: string; facts: BinLookupResponse } | undefined;

  const value = () => control?.element.value ?? '';
  const label = () => options?.title || texts.labels[role];

  /** How many digits the security code takes now: its brand decides. */
  function securityCodeDigits(): number {
    if (!context.brand) return MAX_CSC_DIGITS;
    return Math.max(0, ...(context.brand.csc?.sizes ?? []));
  }

  /** A payment needs every field but the name on the card; the security code when the merchant says so. */
  const isRequired = () =>
    role === 'card.securityCode' ? config.cscRequired : !OPTIONAL_ROLES.includes(role);

  const editSettings = (settings: ParsedFieldOptions): EditSettings => ({
    ...settings,
    securityCodeDigits: securityCodeDigits(),
  });

  function useLocale(locale: string): void {
    texts = fieldTexts(locale);
    doc.documentElement.lang = texts.lang;
    // Our own account type options follow the language; a merchant's options are the merchant's.
    const select = control?.element;
    if (select instanceof HTMLSelectElement && role === 'ach.accountType' && !options?.options) {
      accountTypeOptions(texts).forEach(({ label }, index) => {
        select.options[index]!.text = label;
      });
    }
  }

  /**
   * INSUFFICIENT_LENGTH below 10 digits, then the brand; funding and issuer only for a valid number, whose BIN
   * the page may have, and only while the number still starts with the digits the gateway was asked about.
   */
  function cardType(digits: string, valid: boolean): CardTypeState {
    if (digits.length < CARD_TYPE_MIN_DIGITS) return { status: 'INSUFFICIENT_LENGTH' };
    const brand = detectBrand(digits);
    if (!brand) return { status: 'NOT_SUPPORTED' };
    const status = supportedBrands(config).includes(brand.brand) ? 'SUPPORTED' : 'NOT_SUPPORTED';
    const known = valid && binFacts?.digits === digits.slice(0, BIN_LOOKUP_DIGITS) ? binFacts.facts : {};
    return { status, brand: brand.brand, scheme: brand.scheme, ...known };
  }

  function message(validity: Validity): string {
    if (customMessage) return customMessage;
    if (!validity.hasError) return '';
    if (validity.errorReason === 'EXPIRED') return texts.expired;
    if (role === 'ach.bankAccountNumberConfirmation' && validity.errorReason === 'INVALID_VALUE') {
      return texts.mismatch;
    }
    return texts.invalid.replace('{label}', label());
  }

  /** Asks the gateway about a valid number's BIN once; the answer is told if the number still has it. */
  function lookUp(digits: string): void {
    const first = digits.slice(0, BIN_LOOKUP_DIGITS);
    if (binFacts?.digits === first) return;
    void deps.lookupBin(first).then((facts) => {
      if (!facts) return;
      binFacts = { digits: first, facts };
      refresh(true);
    });
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

    const type = role === 'card.number' ? cardType(digitsOf(current), validity.isValid) : undefined;
    const now: Told = {
      validity: JSON.stringify(validity),
      isEmpty: current.length === 0,
      cardType: JSON.stringify(type),
      bin: role === 'card.number' ? bin(current, { supportedBrands: supportedBrands(config) }) : undefined,
    };
    if (now.bin) lookUp(digitsOf(current));
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
      NAME_ROLES.includes(role) && mayHoldCardData(current)
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
    trackFocus(element);
    emitOn('mouseover');
    emitOn('mouseout');
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

  /**
   * Focus, blur and change as the payer sees them, whichever way the browser reports them. When the focus
   * moves to another frame, WebKit fires `blur` at this window only: the control stays the document's active
   * element and gets neither `blur` nor `change`; coming back, only the window gets `focus`. Chromium and
   * Firefox fire at the control too: the page hears each once either way.
   */
  function trackFocus(element: HTMLInputElement | HTMLSelectElement): void {
    const view = doc.defaultView;
    let focused = false;
    let valueAtFocus = element.value;
    // A change reported at the window's blur, which WebKit may report again when the control itself blurs.
    let changeReported: string | undefined;
    const set = (now: boolean) => {
      if (now === focused) return;
      focused = now;
      if (now) valueAtFocus = element.value;
      deps.emit({ type: now ? 'focus' : 'blur' });
    };
    element.addEventListener('focus', () => set(true));
    element.addEventListener('blur', () => set(false));
    element.addEventListener('change', () => {
      if (element instanceof HTMLSelectElement) edited();
      else if (changeReported === element.value) return void (changeReported = undefined);
      changeReported = undefined;
      deps.emit({ type: 'change' });
    });
    view?.addEventListener('blur', () => {
      // Change before blur, in the order browsers fire them at a control.
      if (focused && doc.activeElement === element && element.value !== valueAtFocus) {
        changeReported = element.value;
        deps.emit({ type: 'change' });
      }
      set(false);
    });
    view?.addEventListener('focus', () => {
      if (doc.activeElement === element) set(true);
      // The page focused this frame (a click on its label, setFocus) or the payer clicked beside the
      // control: the frame's one control takes the focus. Done while the frame is being focused, so WebKit,
      // which lets a frame of another site move the focus only then or after the payer used it, allows it.
      else if (doc.activeElement === null || doc.activeElement === doc.body) element.focus();
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
      control = renderControl(doc, parsed, isRequired(), texts);
      listen(control.element, parsed);
      if (parsed.fitHeight) watchContentHeight(doc, (height) => deps.resize({ height }));
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
    setDisabled(input: unknown): void {
      if (typeof input !== 'boolean') throw new TypeError('disabled must be true or false');
      if (control) control.element.disabled = input;
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
      case 'accountNumbers':
        if (role !== 'ach.bankAccountNumberConfirmation') return;
        context.sameAccountNumber = message.same ?? undefined;
        refresh(true);
        break;
    }
  }

  return { methods, receive };
}
