/**
 * The penpal contracts between the merchant page (SDK) and the gateway frames. Everything here crosses the
 * trust boundary, so it carries commands and state only: no card value and no value length ever appears in
 * a type below.
 */
import type { CardTypeState, Validity } from './field-state.ts';
import type { FormSessionUpdateResponse, ValidateResult } from './form-session-update.ts';
import type { Locale } from './locale.ts';
import type { FrameSize } from './frame-size.ts';
import type { FieldRole, PaymentType } from './roles.ts';
import type { StyleDeclarations, StyleState } from './styles.ts';

export type FormatCard = 'EMBOSSED' | 'PLAIN';
export type InvalidFieldCharacters = 'REJECT' | 'ALLOW';

/** Options the page sends to a field frame once connected. A field takes one set for its life. */
export interface FieldOptions {
  role: FieldRole;
  /**
   * The id its scope's hub answered `configure` with: the only hub the field will send its value to. Hub ids
   * are made inside the hub, so a hub the page adds later has another id, whatever fragment it was given.
   */
  hub: string;
  locale: Locale;
  formatCard: FormatCard;
  invalidFieldCharacters: InvalidFieldCharacters;
  /** The placeholder element's `placeholder` attribute. */
  placeholder?: string;
  /** The placeholder element's `title`: the field's accessible name if given. */
  title?: string;
  /** `aria-*` attributes of the placeholder element, carried into the frame's input. */
  aria: Record<string, string>;
  /** When the placeholder is a `<select>` (expiry month or year): its options, carried into the frame. */
  options?: Array<{ value: string; label: string }>;
  /** The placeholder's computed look (font, colour, padding…) plus any style set before connection. */
  styles: Partial<Record<StyleState, StyleDeclarations>>;
  /**
   * The placeholder asks no height of its own: the frame lays its field out at its natural height and tells
   * the page that height (`FieldHostMethods.resize`) whenever it changes. Absent from an older SDK: false.
   */
  fitHeight?: boolean;
}

/** What a field frame tells the page. */
export type FieldEvent =
  | { type: 'focus' | 'blur' | 'change' | 'mouseover' | 'mouseout' }
  /** Enter pressed in the field: the page may submit its form. */
  | { type: 'submit' }
  /** The browser filled the field from its saved data (autofill), where it says so. */
  | { type: 'autofill' }
  | { type: 'validity'; validity: Validity }
  | { type: 'emptiness'; isEmpty: boolean }
  /** Card number frame only. */
  | { type: 'cardType'; cardType: CardTypeState }
  /** Card number frame only: first six digits, sent once the number is complete and passes Luhn. */
  | { type: 'bin'; bin: string };

export type FieldEventType = FieldEvent['type'];

/** Methods a field frame exposes to the page. */
export interface FieldFrameMethods {
  configure(options: FieldOptions): void;
  /** Returns the property names the frame's allowlist refused (so the SDK can warn the developer). */
  setStyle(state: StyleState, styles: StyleDeclarations): string[];
  /** Replaces the hidden error message read by assistive technology. */
  setMessage(message: string): void;
  setLocale(locale: Locale): void;
  focus(): void;
  blur(): void;
  clear(): void;
  /** Replaces the placeholder text shown while the field is empty. */
  setPlaceholder(text: string): void;
  /** Makes the input non-editable (true) or editable again (false), as a disabled form field; booleans only. */
  setDisabled(disabled: boolean): void;
}

/** Methods the page exposes to each field frame. */
export interface FieldHostMethods {
  emit(event: FieldEvent): void;
  /** A field configured with `fitHeight`: its content's height changed. Checked with `frameHeightOf`. */
  resize(size: FrameSize): void;
}

/** Options the page sends to the hub frame of a scope. */
export interface HubOptions {
  /** The session id, or the session token (a token names the gateway session made for this page load). */
  sessionId?: string;
  /**
   * Set when `sessionId` came as a session token: the hub checks at `configure` that the token is live, was
   * made for the page's library version and is held by no other page load (`pageLoad`, made once per page load
   * by the SDK, binds the token to this page), and refuses with SESSION_EXPIRED, LIB_VERSION_MISMATCH or
   * SESSION_TOKEN_USED otherwise.
   */
  sessionToken?: { libVersion: string; pageLoad: string };
  /** The fields present in this scope: a field that is absent is never reported missing. */
  roles: FieldRole[];
  locale: Locale;
}

/** Methods the hub frame exposes to the page. */
export interface HubFrameMethods {
  /**
   * Once for the hub's life (a second call throws, whoever makes it). Returns the hub's id, which the scope's
   * fields must be configured with.
   */
  configure(options: HubOptions): string | Promise<string>;
  updateSessionFromForm(paymentType: PaymentType, localBrand?: string): Promise<FormSessionUpdateResponse>;
  validate(paymentType: PaymentType): Promise<ValidateResult>;
  /**
   * Points the form at another session of the same merchant (a new one after a decline). The fields keep what
   * the payer typed, except the authentication data (`AUTHENTICATION_ROLES`: the security code and the gift
   * card PIN), which the hub forgets and their fields empty: a CSC or PIN typed for one session never reaches
   * another.
   */
  setSession(sessionId: string): void;
}

/** What the hub tells the page beside method results. */
export type HubEvent =
  /** A field frame of the scope reloaded or went away: the scope is no longer trustworthy. */
  { type: 'fieldLost'; role: FieldRole };

export interface HubHostMethods {
  emit(event: HubEvent): void;
}
