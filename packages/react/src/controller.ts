import {
  createPaymentSession,
  HostedSessionError,
  type AuthenticateRequest,
  type AuthenticationOutcome,
  type CardField,
  type CardRole,
  type FieldRole,
  type CreatePaymentSessionOptions,
  type FormSessionUpdateResponse,
  type FrameConnector,
  type PaymentSession,
  type StyleDeclarations,
  type StyleState,
  type ValidateResult,
} from '@hosted-session/sdk';
import { EMPTY_FIELD, IDLE, Store, type FieldState, type HostedSessionState } from './state.ts';

/** The session options a provider takes: the SDK's, less the fields, which the field components name. */
export type ProviderSessionOptions = Omit<CreatePaymentSessionOptions, 'fields'>;

export type SessionStyles = Partial<Record<StyleState, StyleDeclarations>>;

export interface SessionCallbacks {
  onReady?(): void;
  onError?(error: HostedSessionError): void;
}

const fieldOf = (role: CardRole): CardField => role.slice('card.'.length) as CardField;

function notMounted(): HostedSessionError {
  return new HostedSessionError('NOT_CONFIGURED', 'No hosted field is mounted yet.');
}

function unmounted(): HostedSessionError {
  return new HostedSessionError(
    'DESTROYED',
    'The hosted fields were unmounted; their session was destroyed.',
  );
}

/**
 * What one provider owns: the placeholders its field components registered, the SDK session mounted on
 * them, and the state the hooks read. One per provider instance; the provider's effects drive it.
 */
export class SessionController {
  /** role → placeholder element, replaced as a whole on every change. */
  readonly placeholders = new Store<Partial<Record<FieldRole, HTMLElement>>>({});
  readonly state = new Store<HostedSessionState>(IDLE);
  #session: PaymentSession | undefined;
  /** A session was mounted and is gone, with none after it. */
  #ended = false;
  /** Fields whose component is disabled: applied to each session mounted. */
  readonly #disabled = new Set<CardRole>();

  register(role: CardRole, element: HTMLElement): () => void {
    const current = this.placeholders.get();
    if (current[role]) {
      console.error(`hosted-session: two ${role} fields in one provider; the second is ignored`);
      return () => {};
    }
    this.placeholders.set({ ...current, [role]: element });
    return () => {
      const { [role]: removed, ...rest } = this.placeholders.get();
      if (removed === element) this.placeholders.set(rest);
    };
  }

  /** Mounts a session on the registered placeholders; the returned function destroys it. */
  mount(
    options: ProviderSessionOptions,
    styles: SessionStyles | undefined,
    callbacks: SessionCallbacks,
    connector: FrameConnector | undefined,
  ): () => void {
    const placeholders = this.placeholders.get();
    const roles = Object.keys(placeholders) as CardRole[];
    if (!roles.length) return () => {};
    let session: PaymentSession;
    try {
      session = createPaymentSession(
        {
          ...options,
          fields: { card: Object.fromEntries(roles.map((role) => [fieldOf(role), placeholders[role]])) },
        },
        connector,
      );
    } catch (error) {
      this.#fail(error as HostedSessionError, callbacks);
      return () => {};
    }
    this.#session = session;
    this.#ended = false;
    const disabled = roles.filter((role) => this.#disabled.has(role));
    if (disabled.length) session.setDisabled(true, disabled);
    this.state.set({
      status: 'loading',
      fields: Object.fromEntries(roles.map((role) => [role, EMPTY_FIELD])),
    });
    this.applyStyles(styles);

    // The SDK's events name any payment type's role; a provider mounts card fields.
    const patch = (role: FieldRole, change: Partial<FieldState>) => {
      const { fields, ...rest } = this.state.get();
      this.state.set({ ...rest, fields: { ...fields, [role]: { ...fields[role]!, ...change } } });
    };
    session.on('focus', ({ role }) => patch(role, { focused: true }));
    session.on('blur', ({ role }) => patch(role, { focused: false, touched: true }));
    session.on('emptiness', ({ role, isEmpty }) => patch(role, { empty: isEmpty }));
    session.on('validity', ({ role, validity }) =>
      patch(role, {
        valid: validity.isValid,
        incomplete: validity.isIncomplete,
        hasError: validity.hasError,
        errorReason: validity.errorReason,
      }),
    );
    session.on('cardType', ({ role, cardType }) => patch(role, { cardType }));
    // Enter in a hosted field submits the form around it, as Enter in a native input does.
    session.on('submit', ({ role }) => placeholders[role]?.closest('form')?.requestSubmit());
    session.on('error', (error) => this.#fail(error, callbacks));
    session.ready.then(
      () => {
        if (this.#session !== session) return;
        this.state.set({ ...this.state.get(), status: 'ready' });
        callbacks.onReady?.();
      },
      (error: HostedSessionError) => {
        if (this.#session === session && error.code !== 'DESTROYED') this.#fail(error, callbacks);
      },
    );
    return () => {
      if (this.#session === session) {
        this.#session = undefined;
        this.#ended = true;
        this.state.set(IDLE);
      }
      session.destroy();
    };
  }

  #fail(error: HostedSessionError, callbacks: SessionCallbacks): void {
    this.state.set({ ...this.state.get(), status: 'failed', error });
    if (callbacks.onError) callbacks.onError(error);
    else console.error(`hosted-session: ${error.message}`);
  }

  #live(): PaymentSession {
    if (!this.#session) throw this.#absent();
    return this.#session;
  }

  #absent(): HostedSessionError {
    return this.#ended ? unmounted() : notMounted();
  }

  applyStyles(styles: SessionStyles | undefined): void {
    if (!this.#session || !styles) return;
    for (const [state, declarations] of Object.entries(styles))
      if (declarations) this.#session.setStyle(state as StyleState, declarations);
  }

  readonly updateFromForm = (localBrand?: string): Promise<FormSessionUpdateResponse> =>
    this.#session ? this.#session.updateFromForm('card', localBrand) : Promise.reject(this.#absent());

  readonly authenticate = (request: AuthenticateRequest): Promise<AuthenticationOutcome> =>
    this.#session ? this.#session.authenticate(request) : Promise.reject(notMounted());

  readonly validate = (): Promise<ValidateResult> =>
    this.#session ? this.#session.validate('card') : Promise.reject(this.#absent());

  readonly focus = (role: CardRole): void => this.#live().focus(role);

  readonly blur = (role: CardRole): void => this.#live().blur(role);

  readonly clear = (role?: CardRole): void => this.#live().clear(role);

  setSession(sessionId: string, callbacks: SessionCallbacks): void {
    const session = this.#session;
    session?.setSession(sessionId).catch((error: HostedSessionError) => {
      if (this.#session === session && error.code !== 'DESTROYED') this.#fail(error, callbacks);
    });
  }

  /** A disabled field component makes its frame's input non-editable (a form disabled while it pays). */
  setDisabled(role: CardRole, disabled: boolean): void {
    if (disabled === this.#disabled.has(role)) return;
    if (disabled) this.#disabled.add(role);
    else this.#disabled.delete(role);
    try {
      this.#session?.setDisabled(disabled, [role]);
    } catch {
      // A failed session has no frames left to disable; the next one mounted takes the set above.
    }
  }

  setLocale(locale: ProviderSessionOptions['locale']): void {
    if (this.#session && locale) this.#session.setLocale(locale);
  }
}
