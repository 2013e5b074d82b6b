import type { CardTypeState, ErrorReason, FieldRole, HostedSessionError } from '@hosted-session/sdk';

/** What a hosted field tells the page about itself: state only, never its value. */
export interface FieldState {
  /** The payer's focus is in the field. */
  focused: boolean;
  empty: boolean;
  valid: boolean;
  /** Not valid yet, but could become valid with more input. */
  incomplete: boolean;
  /** Invalid as it stands (`errorReason` says why). */
  hasError: boolean;
  errorReason?: ErrorReason;
  /** The field has lost the focus at least once: a form usually shows errors from then on. */
  touched: boolean;
  /** The card number field only: the brand detected so far. */
  cardType?: CardTypeState;
}

/**
 * `idle`: no field is mounted (on the server, or before the first commit); `loading`: the frames are
 * connecting; `ready`: every frame answered; `failed`: see `error`.
 */
export type SessionStatus = 'idle' | 'loading' | 'ready' | 'failed';

export interface HostedSessionState {
  status: SessionStatus;
  error?: HostedSessionError;
  /** One entry per mounted field, by role. */
  fields: Partial<Record<FieldRole, FieldState>>;
}

export const EMPTY_FIELD: FieldState = {
  focused: false,
  empty: true,
  valid: false,
  incomplete: false,
  hasError: false,
  touched: false,
};

export const IDLE: HostedSessionState = { status: 'idle', fields: {} };

/**
 * A value that changes outside React, read with `useSyncExternalStore`: every change is a new snapshot, so
 * concurrent renders never see half an update.
 */
export class Store<T> {
  #value: T;
  readonly #listeners = new Set<() => void>();

  constructor(initial: T) {
    this.#value = initial;
  }

  readonly get = (): T => this.#value;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  set(next: T): void {
    if (Object.is(next, this.#value)) return;
    this.#value = next;
    for (const listener of [...this.#listeners]) listener();
  }
}
