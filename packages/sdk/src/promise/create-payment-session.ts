import type {
  FieldRole,
  FieldEvent,
  FormSessionUpdateResponse,
  Locale,
  PaymentType,
  StyleDeclarations,
  StyleState,
  ValidateResult,
} from '@hosted-session/protocol';
import type { FrameConnector } from '../core/connector.ts';
import { readOptions, type SessionOptions } from '../core/options.ts';
import { penpalConnector } from '../core/penpal-connector.ts';
import { createScope } from '../core/scope.ts';
import { HostedSessionError, destroyedError, invalidConfig } from '../errors.ts';
import type { AuthenticateRequest, AuthenticationOutcome } from '../threeds/authenticate.ts';

export interface CreatePaymentSessionOptions extends SessionOptions {
  /** The gateway's base URL, e.g. "https://gateway.example"; its origin serves the frames. */
  gatewayUrl: string;
  merchantId: string;
  /** The REST API version the session was created with, e.g. "100". */
  apiVersion: string;
  /** Milliseconds to wait for every frame to connect before `ready` rejects with TIMEOUT (default 30000). */
  timeout?: number;
}

/** What `update` may change after the fields are mounted. */
export interface SessionUpdate {
  /** Styles by state, for every field. */
  styles?: Partial<Record<StyleState, StyleDeclarations>>;
  /** The text each field shows while empty. */
  placeholders?: Partial<Record<FieldRole, string>>;
  locale?: Locale;
}

/** What `on(type, handler)` hands a handler: the field's event, plus which field it came from. */
export type SessionEventMap = {
  [T in FieldEvent['type']]: Extract<FieldEvent, { type: T }> & { role: FieldRole; selector: string };
} & {
  /** The session failed after `ready` (a frame reloaded or went away) and was torn down. */
  error: HostedSessionError;
};

export type SessionEventType = keyof SessionEventMap;

/**
 * Once destroyed, every method throws DESTROYED. Once failed (a frame lost, the hub silent), the questions
 * (`updateFromForm`, `validate`, `setSession`) reject with the failure and the commands (`focus`, `blur`,
 * `clear`, `update`, `setStyle`, `setMessage`, `setLocale`) throw it: nothing is left to run them.
 */
export interface PaymentSession {
  /**
   * Resolves once every frame is connected. Rejects with GATEWAY_UNREACHABLE, UNKNOWN_MERCHANT or
   * ORIGIN_NOT_ALLOWED (the gateway check, in seconds), FRAMED, TIMEOUT, CONNECTION_FAILED (a frame refused),
   * FRAME_LOST (a frame or placeholder went away while connecting) or DESTROYED.
   */
  readonly ready: Promise<void>;
  /**
   * Puts the form into the gateway session; resolves with Mastercard's formSessionUpdate body. Rejects with
   * SESSION_MISMATCH (the hub answered for another session), TIMEOUT (the hub stopped answering) or the
   * session's failure; those tear the form down.
   */
  updateFromForm(paymentType: PaymentType, localBrand?: string): Promise<FormSessionUpdateResponse>;
  validate(paymentType: PaymentType): Promise<ValidateResult>;
  /**
   * 3-D Secure for the card in the session (after `updateFromForm('card')`): Mastercard's INITIATE_AUTHENTICATION
   * and AUTHENTICATE_PAYER from the page, the issuer's challenge in an accessible modal dialog (Escape or Cancel
   * abandons). Resolves with what the merchant's server needs to pay (`authentication.transactionId`). Gift
   * cards and bank accounts take no 3-D Secure.
   */
  authenticate(request: AuthenticateRequest): Promise<AuthenticationOutcome>;
  focus(role: FieldRole): void;
  /** Moves the focus out of a field. */
  blur(role: FieldRole): void;
  /** Empties a field, or every field when `role` is left out. */
  clear(role?: FieldRole): void;
  /** Changes styles, placeholder texts or the locale of the mounted fields. */
  update(options: SessionUpdate): void;
  /**
   * Points the fields at another session, e.g. one created after a decline: what the payer typed stays,
   * except the authentication data (security code, gift card PIN), which is emptied for them to type again.
   * Resolves once the frames took it.
   */
  setSession(sessionId: string): Promise<void>;
  /** Styles a state of the given fields (all fields when `roles` is left out). */
  setStyle(state: StyleState, styles: StyleDeclarations, roles?: FieldRole[]): void;
  setMessage(role: FieldRole, message: string): void;
  setLocale(locale: Locale): void;
  /**
   * Makes the fields non-editable (a form disabled while it pays) or editable again: the inputs in the frames
   * are disabled. All fields when `roles` is left out.
   */
  setDisabled(disabled: boolean, roles?: FieldRole[]): void;
  /** Returns a function that removes the handler. */
  on<T extends SessionEventType>(type: T, handler: (event: SessionEventMap[T]) => void): () => void;
  /** Removes the frames, restores the placeholders, closes connections; idempotent. Every later call throws. */
  destroy(): void;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value) throw invalidConfig(`${name} is required`);
  return value;
}

/**
 * The Promise API over the same core as `window.PaymentSession`, for pages that bundle the SDK.
 * `connector` replaces the penpal transport (tests, other transports).
 */
export function createPaymentSession(
  options: CreatePaymentSessionOptions,
  connector: FrameConnector = penpalConnector,
): PaymentSession {
  // Strict: a page written for this API finds its mistakes at once.
  const settings = readOptions({ strict: true, ignored: [] }, options, [
    'gatewayUrl',
    'merchantId',
    'apiVersion',
    'timeout',
  ]);
  let origin: string;
  try {
    origin = new URL(text(options.gatewayUrl, 'gatewayUrl')).origin;
  } catch (error) {
    throw error instanceof TypeError ? invalidConfig('gatewayUrl must be an absolute http(s) URL') : error;
  }
  if (!/^https?:/.test(origin)) throw invalidConfig('gatewayUrl must be an absolute http(s) URL');
  const timeout = options.timeout ?? 30_000;
  if (!(timeout > 0)) throw invalidConfig('timeout must be a positive number of milliseconds');

  const handlers = new Map<string, Set<(event: never) => void>>();
  const emit = (type: SessionEventType, event: unknown): boolean => {
    const set = handlers.get(type);
    for (const handler of set ?? []) {
      try {
        (handler as (event: unknown) => void)(event);
      } catch (error) {
        console.error(error);
      }
    }
    return !!set?.size;
  };

  const core = createScope(
    {
      origin,
      apiVersion: text(options.apiVersion, 'apiVersion'),
      merchantId: text(options.merchantId, 'merchantId'),
    },
    settings,
    connector,
    {
      onEvent: (event, { role, selector }) => emit(event.type, { ...event, role, selector }),
      onError: (error) => {
        if (!emit('error', error)) console.error(`hosted-session: ${error.message}`);
      },
    },
    timeout,
  );
  let destroyed = false;
  const alive = (): void => {
    if (destroyed) throw destroyedError();
  };
  /** Commands need frames to run on: once the session failed, they throw why. */
  const working = (): void => {
    alive();
    const failure = core.failure;
    if (failure) throw new HostedSessionError(failure.code, failure.message);
  };

  return {
    ready: core.ready,
    updateFromForm: (paymentType, localBrand) => (alive(), core.updateFromForm(paymentType, localBrand)),
    validate: (paymentType) => (alive(), core.validate(paymentType)),
    async authenticate(request) {
      alive();
      // The session the form is on now: setSession may have moved it since the options were read.
      const sessionId = core.sessionId;
      if (!sessionId) {
        throw new HostedSessionError('NOT_CONFIGURED', 'authenticate() needs the session option.');
      }
      // Loaded on first use: pages that never authenticate in the browser do not download it.
      const { runAuthentication } = await import('../threeds/authenticate.ts');
      return runAuthentication(
        window,
        {
          gatewayOrigin: origin,
          apiVersion: options.apiVersion,
          merchantId: options.merchantId,
          sessionId,
        },
        request,
      );
    },
    focus: (role) => (working(), core.focus(role)),
    blur: (role) => (working(), core.blur(role)),
    clear(role) {
      working();
      core.command(role === undefined ? core.roles : [role], (remote) => remote.clear());
    },
    update({ styles = {}, placeholders = {}, locale } = {}) {
      working();
      for (const [state, declarations] of Object.entries(styles))
        core.setStyle(core.roles, state as StyleState, declarations);
      for (const [role, text] of Object.entries(placeholders)) {
        if (typeof text !== 'string') throw invalidConfig(`placeholders.${role} must be a string`);
        core.command([role as FieldRole], (remote) => remote.setPlaceholder(text));
      }
      if (locale !== undefined) core.setLocale(locale);
    },
    setSession: (sessionId) => (alive(), core.setSession(sessionId)),
    setStyle: (state, styles, roles = core.roles) => (working(), core.setStyle(roles, state, styles)),
    setMessage: (role, message) => (working(), core.setMessage(role, message)),
    setLocale: (locale) => (working(), core.setLocale(locale)),
    setDisabled(disabled, roles = core.roles) {
      working();
      if (typeof disabled !== 'boolean')
        throw new HostedSessionError('INVALID_ARGUMENT', 'setDisabled needs true or false');
      core.command(roles, (remote) => remote.setDisabled(disabled));
    },
    on(type, handler) {
      alive();
      if (typeof handler !== 'function') throw invalidConfig('on() needs a handler function');
      const set = handlers.get(type) ?? new Set();
      handlers.set(type, set.add(handler));
      return () => void set.delete(handler);
    },
    destroy() {
      destroyed = true;
      handlers.clear();
      core.destroy();
    },
  };
}
