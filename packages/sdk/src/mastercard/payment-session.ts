import {
  fieldOf,
  paymentTypeOf,
  PAYMENT_TYPES,
  type CardTypeState,
  type FieldRole,
  type FieldEvent,
  type FormSessionUpdateResponse,
  type Locale,
  type PaymentType,
  type StyleDeclarations,
  type StyleState,
  type ValidateResult,
  type Validity,
} from '@hosted-session/protocol';
import type { FrameConnector } from '../core/connector.ts';
import { createBrowserSession } from '../core/browser-session.ts';
import { bag, readOptions, type FieldSpec, type OptionReader, type SessionOptions } from '../core/options.ts';
import { checkRole, checkRoles } from '../core/roles.ts';
import { createScope, type Gateway, type Scope } from '../core/scope.ts';
import { HostedSessionError, invalidConfig, type ErrorCode } from '../errors.ts';

export interface InitializedResult {
  status: 'ok' | 'system_error' | 'request_timeout';
  message?: string;
  /** Why it failed, as HostedSessionError codes name it (e.g. SESSION_EXPIRED for an expired session token). */
  code?: ErrorCode;
}

export interface MastercardConfig extends SessionOptions {
  callbacks?: {
    initialized?: (result: InitializedResult) => void;
    formSessionUpdate?: (response: FormSessionUpdateResponse) => void;
  };
}

type RoleHandler<T> = (
  roles: FieldRole[],
  handler: (selector: string, payload: T) => void,
  scope?: string,
) => void;
type StyleSetter = (roles: FieldRole[], styles: StyleDeclarations, scope?: string) => void;

/** `window.PaymentSession`: Mastercard's Hosted Session surface. */
export interface MastercardPaymentSession {
  configure(config: MastercardConfig, scope?: string): void;
  updateSessionFromForm(paymentType: PaymentType, localBrand?: string, scope?: string): void;
  validate(paymentType: PaymentType, callback: (result: ValidateResult) => void, scope?: string): void;
  setFocus(role: FieldRole, scope?: string): void;
  setFocusStyle: StyleSetter;
  setHoverStyle: StyleSetter;
  setPlaceholderStyle: StyleSetter;
  setPlaceholderShownStyle: StyleSetter;
  setMessage(role: FieldRole, message: string, scope?: string): void;
  setLocale(locale: Locale, scope?: string): void;
  onFocus: RoleHandler<string>;
  onBlur: RoleHandler<string>;
  onChange: RoleHandler<string>;
  onMouseOver: RoleHandler<string>;
  onMouseOut: RoleHandler<string>;
  onValidityChange: RoleHandler<Validity>;
  onEmptinessChange: RoleHandler<{ isEmpty: boolean }>;
  onCardTypeChange(handler: (selector: string, cardType: CardTypeState) => void, scope?: string): void;
  onCardBINChange(handler: (selector: string, bin: { BIN: string }) => void, scope?: string): void;
}

interface Entry {
  core: Scope;
  callbacks: NonNullable<MastercardConfig['callbacks']>;
  /** As the merchant gave it, to tell a new session for the same form from a new form. */
  config: MastercardConfig;
}

/** Every placeholder a configuration names, by role. */
function targetsOf(fields: MastercardConfig['fields'] | undefined): Map<string, unknown> {
  return new Map(
    PAYMENT_TYPES.flatMap((type) =>
      Object.entries(fields?.[type] ?? {}).map(([field, target]) => [`${type}.${field}`, target] as const),
    ),
  );
}

/**
 * The two configurations name the same fields and options, and another session. A session token is checked
 * by the hub when it is configured, so a form on a token is configured afresh, never switched.
 */
function sessionOnlyChange(before: MastercardConfig, after: MastercardConfig): boolean {
  const parts = ({ session, sessionToken, callbacks: _callbacks, fields, ...rest }: MastercardConfig) =>
    [session ?? undefined, sessionToken ?? undefined, JSON.stringify(rest), targetsOf(fields)] as const;
  const [oldSession, oldToken, oldRest, oldTargets] = parts(before);
  const [newSession, newToken, newRest, newTargets] = parts(after);
  return (
    oldToken === undefined &&
    newToken === undefined &&
    // No session at all is no session change: a new form, with a session made for it.
    newSession !== undefined &&
    newSession !== oldSession &&
    newRest === oldRest &&
    oldTargets.size === newTargets.size &&
    [...oldTargets].every(([role, target]) => newTargets.get(role) === target)
  );
}

const CALLBACKS = ['initialized', 'formSessionUpdate'];

interface Handler {
  /** Undefined: every scope. */
  scope?: string;
  type: FieldEvent['type'];
  role: FieldRole;
  fn: (selector: string, payload: unknown) => void;
}

/** What Mastercard's handlers receive for each event: the bare role name, or the state. */
function payloadOf(event: FieldEvent, role: FieldRole): unknown {
  switch (event.type) {
    case 'validity':
      return event.validity;
    case 'emptiness':
      return { isEmpty: event.isEmpty };
    case 'cardType':
      return event.cardType;
    case 'bin':
      return { BIN: event.bin };
    default:
      return fieldOf(role);
  }
}

const ROLE_EVENTS = {
  onFocus: 'focus',
  onBlur: 'blur',
  onChange: 'change',
  onMouseOver: 'mouseover',
  onMouseOut: 'mouseout',
  onValidityChange: 'validity',
  onEmptinessChange: 'emptiness',
} as const;

const STYLE_STATES = {
  setFocusStyle: 'focus',
  setHoverStyle: 'hover',
  setPlaceholderStyle: 'placeholder',
  setPlaceholderShownStyle: 'placeholderShown',
} as const;

/**
 * A thin adapter over the core: scopes by name (the default scope has none), handlers by role and scope, and
 * results through the configured callbacks. `gateway` is undefined when session.js was not loaded from a
 * gateway URL; `configure` then fails with SCRIPT_URL.
 */
export function createMastercardPaymentSession(
  gateway: Gateway | undefined,
  connector: FrameConnector,
  timeout = 30_000,
): MastercardPaymentSession {
  const scopes = new Map<string | undefined, Entry>();
  let handlers: Handler[] = [];

  /** The one scope a call is about: named, or the default one; a named configure makes the name mandatory. */
  function one(scope?: string): Entry {
    const entry = scopes.get(scope);
    if (entry) return entry;
    if (scope !== undefined) {
      throw new HostedSessionError('UNKNOWN_SCOPE', `No configure for scope "${scope}"`);
    }
    if (scopes.size) {
      throw new HostedSessionError('SCOPE_REQUIRED', 'configure was called with a scope: pass the scope too');
    }
    throw new HostedSessionError('NOT_CONFIGURED', 'Call configure first');
  }

  /** The scopes a style or message call applies to: the one named, or all of them. */
  function some(scope?: string): Scope[] {
    if (scope !== undefined) return [one(scope).core];
    if (!scopes.size) throw new HostedSessionError('NOT_CONFIGURED', 'Call configure first');
    return [...scopes.values()].map((entry) => entry.core);
  }

  function dispatch(
    scope: string | undefined,
    event: FieldEvent,
    { role, selector, placeholder }: FieldSpec,
  ): void {
    // Mastercard has no handler for Enter; a page written for it expects what its own input would do.
    if (event.type === 'submit') placeholder.closest('form')?.requestSubmit();
    for (const handler of handlers) {
      if (handler.type !== event.type || handler.role !== role) continue;
      if (handler.scope !== undefined && handler.scope !== scope) continue;
      try {
        handler.fn(selector, payloadOf(event, role));
      } catch (error) {
        console.error(error);
      }
    }
  }

  /**
   * A later registration for the same event, role and scope replaces the earlier one, so setup code that
   * runs twice does not call handlers twice.
   */
  function register(type: Handler['type'], roles: unknown, fn: unknown, scope?: string): void {
    if (typeof fn !== 'function')
      throw new HostedSessionError('INVALID_ARGUMENT', 'The handler must be a function');
    for (const role of checkRoles(roles)) {
      handlers = handlers.filter((h) => !(h.type === type && h.role === role && h.scope === scope));
      handlers.push({ scope, type, role, fn: fn as Handler['fn'] });
    }
  }

  const session = {
    /**
     * Mastercard's rule, for the pages written for it: options this library does not know (or that name an
     * element another option already did) are ignored, with one warning naming them; only what makes the
     * form impossible fails, through `initialized` with a system_error, and configure never throws, since
     * pages often call it where a throw is lost (a promise callback).
     */
    configure(config: MastercardConfig, scope?: string): void {
      const given = (config as { callbacks?: { initialized?: unknown } } | null)?.callbacks?.initialized;
      try {
        configureScope(config, scope);
      } catch (error) {
        const { message, code } = error as HostedSessionError;
        if (typeof given !== 'function') return console.error(`hosted-session: ${message}`);
        // Later, as the answer of a configure that went ahead: the page's code after configure runs first.
        queueMicrotask(() => given({ status: 'system_error', message, code }));
      }
    },

    updateSessionFromForm(paymentType: PaymentType, localBrand?: string, scope?: string): void {
      const { core, callbacks } = one(scope);
      core.updateFromForm(paymentType, localBrand).then(
        (response) => callbacks.formSessionUpdate?.(response),
        (error: HostedSessionError) =>
          callbacks.formSessionUpdate?.({
            status: error.code === 'TIMEOUT' ? 'request_timeout' : 'system_error',
            session: { id: core.sessionId ?? '' },
            errors: { message: error.message },
            version: gateway!.apiVersion,
          }),
      );
    },

    /** When the form cannot answer (a frame lost, no answer in time), every field says so: SYSTEM_ERROR or TIMEOUT. */
    validate(paymentType: PaymentType, callback: (result: ValidateResult) => void, scope?: string): void {
      const { core } = one(scope);
      core.validate(paymentType).then(callback, (error: HostedSessionError) => {
        console.error(`hosted-session: ${error.message}`);
        const errorReason = error.code === 'TIMEOUT' ? 'TIMEOUT' : 'SYSTEM_ERROR';
        const validity = { isValid: false, isIncomplete: false, hasError: true, errorReason } as const;
        const fields = core.roles.filter((role) => paymentTypeOf(role) === paymentType);
        callback({
          [paymentType]: { isValid: false, ...Object.fromEntries(fields.map((r) => [fieldOf(r), validity])) },
        });
      });
    },

    setFocus(role: FieldRole, scope?: string): void {
      one(scope).core.focus(role);
    },

    setMessage(role: FieldRole, message: string, scope?: string): void {
      checkRole(role);
      for (const core of some(scope)) if (core.roles.includes(role)) core.setMessage(role, message);
    },

    setLocale(locale: Locale, scope?: string): void {
      for (const core of some(scope)) core.setLocale(locale);
    },

    onCardTypeChange(fn: unknown, scope?: string): void {
      register('cardType', ['card.number'], fn, scope);
    },

    onCardBINChange(fn: unknown, scope?: string): void {
      register('bin', ['card.number'], fn, scope);
    },
  } as MastercardPaymentSession;

  function warnIgnored(reader: OptionReader): void {
    if (reader.ignored.length) console.warn(`hosted-session: configure ignored ${reader.ignored.join('; ')}`);
  }

  function configureScope(config: MastercardConfig, scope?: string): void {
    if (!gateway) {
      throw new HostedSessionError(
        'SCRIPT_URL',
        'Load session.js from <gateway>/form/version/{v}/merchant/{id}/session.js',
      );
    }
    if (scope !== undefined && typeof scope !== 'string') throw invalidConfig('scope must be a string');
    const reader: OptionReader = { strict: false, ignored: [] };
    const callbacks = bag(reader, config?.callbacks ?? {}, 'callbacks', CALLBACKS);
    for (const [name, fn] of Object.entries(callbacks)) {
      if (typeof fn !== 'function') throw invalidConfig(`callbacks.${name} must be a function`);
    }
    const previous = scopes.get(scope);
    // The same form with another session (a new one after a decline): the frames stay, and with them what
    // the payer typed, but for the security code and gift card PIN.
    if (
      previous?.core.live &&
      typeof config === 'object' &&
      config &&
      sessionOnlyChange(previous.config, config)
    ) {
      if (typeof config.session !== 'string' || !config.session)
        throw invalidConfig('session must be the session id string');
      warnIgnored(reader);
      Object.assign(previous, { config, callbacks });
      previous.core.setSession(config.session).then(
        () => previous.callbacks.initialized?.({ status: 'ok' }),
        (error: HostedSessionError) =>
          previous.callbacks.initialized?.({
            status: 'system_error',
            message: error.message,
            code: error.code,
          }),
      );
      return;
    }
    // Replacing a scope frees its placeholders, which the new configuration may name again.
    previous?.core.destroy();
    scopes.delete(scope);
    const settings = readOptions(reader, config, ['callbacks']);
    warnIgnored(reader);
    const core = createScope(
      gateway,
      settings,
      connector,
      {
        onEvent: (event, field) => dispatch(scope, event, field),
        onError: (error) => console.error(`hosted-session: ${error.message}`),
        // Mastercard's session.js makes the session itself when the page gives none.
        createSession: () => createBrowserSession(gateway),
      },
      timeout,
    );
    const entry: Entry = { core, callbacks, config };
    scopes.set(scope, entry);
    core.ready.then(
      () => entry.callbacks.initialized?.({ status: 'ok' }),
      (error: HostedSessionError) => {
        if (error.code === 'DESTROYED') return;
        entry.callbacks.initialized?.({
          status: error.code === 'TIMEOUT' ? 'request_timeout' : 'system_error',
          message: error.message,
          code: error.code,
        });
      },
    );
  }

  for (const [name, type] of Object.entries(ROLE_EVENTS)) {
    session[name as keyof typeof ROLE_EVENTS] = (roles, fn, scope) => register(type, roles, fn, scope);
  }
  for (const [name, state] of Object.entries(STYLE_STATES)) {
    session[name as keyof typeof STYLE_STATES] = (roles, styles, scope) => {
      const wanted = checkRoles(roles);
      for (const core of some(scope)) {
        core.setStyle(
          wanted.filter((role) => core.roles.includes(role)),
          state as StyleState,
          styles,
        );
      }
    };
  }
  return session;
}
