import {
  HOSTED_FIELDS_LIB_VERSION,
  frameFragment,
  framePagePath,
  isFieldRole,
  isLocale,
  paymentTypeOf,
  type FieldRole,
  type FieldEvent,
  type FormSessionUpdateResponse,
  type FramePage,
  type HubEvent,
  type Locale,
  type PaymentType,
  type StyleDeclarations,
  type StyleState,
  type ValidateResult,
} from '@hosted-session/protocol';
import { destroyedError, HostedSessionError, type ErrorCode } from '../errors.ts';
import type { FieldRemote, FrameConnector, HubRemote } from './connector.ts';
import { cleanFieldEvent } from './field-event.ts';
import { followFrameHeight } from './frame-height.ts';
import { instanceId, pageLoadId } from './instance-id.ts';
import { mountField, mountHub, type MountedField } from './mount.ts';
import type { FieldSpec, ScopeSettings } from './options.ts';
import { checkRole, checkRoles } from './roles.ts';

/** Where the frames come from: the gateway that served session.js, or what an npm user passed. */
export interface Gateway {
  origin: string;
  apiVersion: string;
  merchantId: string;
}

export interface ScopeHooks {
  /** A field's state changed (never its value). */
  onEvent(event: FieldEvent, field: FieldSpec): void;
  /** The scope failed after it was ready (a frame reloaded or went away) and has been torn down. */
  onError(error: HostedSessionError): void;
  /** Makes the session the scope fills when none was configured (session.js creates one from the page). */
  createSession?(): Promise<string>;
}

/**
 * One `configure` scope: its field frames and hidden hub frame, their connections, and everything it added
 * to the page. It fails as a whole (timeout, a frame lost, destroy): teardown removes every frame, listener
 * and timer and restores the placeholders; afterwards questions reject with the reason and commands do nothing.
 */
export interface Scope {
  /** Resolves once every frame is connected and configured; rejects with why the scope failed. */
  readonly ready: Promise<void>;
  readonly roles: FieldRole[];
  /** The session the scope fills: the configured one, the one made for it once made, or the one set since. */
  readonly sessionId: string | undefined;
  /** Not failed nor destroyed. */
  readonly live: boolean;
  /** Why the scope failed (DESTROYED once destroyed); undefined while live. */
  readonly failure: HostedSessionError | undefined;
  updateFromForm(paymentType: PaymentType, localBrand?: string): Promise<FormSessionUpdateResponse>;
  validate(paymentType: PaymentType): Promise<ValidateResult>;
  /** Moves focus into the hosted field: the iframe first (so the page's focus leaves), then its input. */
  focus(role: FieldRole): void;
  /** Runs a command on each of the given fields once it is connected; commands given earlier go first. */
  command(roles: FieldRole[], run: (remote: FieldRemote, role: FieldRole) => Promise<unknown>): void;
  /** Moves the focus out of the hosted field. */
  blur(role: FieldRole): void;
  /**
   * Points the form at another session (a new one after a decline): the fields keep what the payer typed,
   * except the security code and gift card PIN, which are emptied. Resolves once the hub took it.
   */
  setSession(sessionId: string): Promise<void>;
  setStyle(roles: FieldRole[], state: StyleState, styles: StyleDeclarations): void;
  setMessage(role: FieldRole, message: string): void;
  setLocale(locale: Locale): void;
  /** Tears everything down; idempotent. Afterwards every method throws a DESTROYED error. */
  destroy(): void;
}

interface Field {
  spec: FieldSpec;
  frame: MountedField;
  /** Resolves once the frame is connected and configured; commands queue on it. */
  remote: Promise<FieldRemote>;
}

const noop = (): void => {};

/** Refusals the hub names (penpal keeps an error's name): the page is told them as they are. */
const HUB_REFUSALS: readonly ErrorCode[] = [
  'SESSION_EXPIRED',
  'SESSION_TOKEN_USED',
  'LIB_VERSION_MISMATCH',
  'INVALID_CONFIG',
];

/**
 * How long the hub may take to answer a call: longer than its own wait on the gateway (20 s), so a slow
 * gateway is answered as request_timeout through the hub, and only a hub that stopped answering gets here.
 */
const HUB_ANSWER_MS = 30_000;

function asError(error: unknown): HostedSessionError {
  if (error instanceof HostedSessionError) return error;
  if (error instanceof Error && (HUB_REFUSALS as readonly string[]).includes(error.name)) {
    return new HostedSessionError(error.name as ErrorCode, error.message);
  }
  return new HostedSessionError('CONNECTION_FAILED', `A payment form frame failed: ${String(error)}`);
}

function lost(name: string): HostedSessionError {
  return new HostedSessionError(
    'FRAME_LOST',
    `The ${name} frame reloaded or went away; the payment form was torn down.`,
  );
}

export function createScope(
  gateway: Gateway,
  settings: ScopeSettings,
  connector: FrameConnector,
  hooks: ScopeHooks,
  timeout: number,
): Scope {
  const fields = new Map<FieldRole, Field>();
  const cleanups: Array<() => void> = [];
  let hub: Promise<HubRemote> | undefined;
  let hubIframe: HTMLIFrameElement | undefined;
  const answerTimers = new Set<ReturnType<typeof setTimeout>>();
  cleanups.push(() => answerTimers.forEach(clearTimeout));
  let failure: HostedSessionError | undefined;
  let destroyed = false;
  let isReady = false;
  let sessionId = settings.sessionId;
  /** The session the hub fills once it has read every call sent so far (a page's calls reach it in order). */
  let hubSession: string | undefined;
  let stop: (error: HostedSessionError) => void = noop;
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  stopped.catch(noop);

  function fail(error: HostedSessionError): void {
    if (failure) return;
    failure = error;
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
    stop(error);
    if (isReady && error.code !== 'DESTROYED') hooks.onError(error);
  }

  function listen<K extends keyof HTMLElementEventMap>(
    target: EventTarget,
    type: K,
    listener: (event: HTMLElementEventMap[K]) => void,
  ): void {
    target.addEventListener(type, listener as EventListener);
    cleanups.push(() => target.removeEventListener(type, listener as EventListener));
  }

  /** A frame's document loads once; a second `load` means it reloaded or navigated, so it can't be trusted. */
  function watchLoads(iframe: HTMLIFrameElement, name: string): void {
    let loads = 0;
    listen(iframe, 'load', () => {
      if (++loads > 1) fail(lost(name));
    });
  }

  const roles = (): FieldRole[] => [...fields.keys()];

  function alive(): void {
    if (destroyed) throw destroyedError();
  }

  function field(role: FieldRole): Field {
    alive();
    const found = fields.get(checkRole(role));
    if (!found)
      throw new HostedSessionError('INVALID_ARGUMENT', `${role} is not a field of this payment form`);
    return found;
  }

  /** Runs a command on each field once it is connected; commands given earlier wait in order. */
  function command(
    targets: FieldRole[],
    run: (remote: FieldRemote, role: FieldRole) => Promise<unknown>,
  ): void {
    for (const role of checkRoles(targets)) {
      field(role)
        .remote.then((remote) => (failure ? undefined : run(remote, role)))
        .catch(noop);
    }
  }

  /**
   * Calls the hub once it is ready; for a payment type (null: the whole form) this form must have fields of.
   * A hub that does not answer in time fails the scope: what it did with the call can no longer be known.
   */
  function ask<T>(paymentType: PaymentType | null, call: (hub: HubRemote) => Promise<T>): Promise<T> {
    alive();
    if (paymentType && !settings.fields.some((spec) => paymentTypeOf(spec.role) === paymentType)) {
      throw new HostedSessionError(
        'INVALID_ARGUMENT',
        `This payment form has no ${String(paymentType)} fields`,
      );
    }
    const answer = ready
      .then(() => hub!)
      .then((remote) => {
        checkConnected();
        if (failure) throw failure;
        const timer = setTimeout(
          () =>
            fail(
              new HostedSessionError(
                'TIMEOUT',
                `The payment session frame did not answer within ${HUB_ANSWER_MS / 1000} s; the payment form was torn down.`,
              ),
            ),
          HUB_ANSWER_MS,
        );
        answerTimers.add(timer);
        return call(remote).finally(() => {
          clearTimeout(timer);
          answerTimers.delete(timer);
        });
      });
    return Promise.race([answer, stopped]).catch((error: unknown) => {
      throw asError(error);
    });
  }

  /** A frame or placeholder left the document (the page removed it): nothing is left to talk to. */
  function checkConnected(): void {
    if (hubIframe && !hubIframe.isConnected) fail(lost('payment session'));
    for (const { spec, frame } of fields.values())
      if (!spec.placeholder.isConnected || !frame.iframe.isConnected) fail(lost(spec.role));
  }

  /** Each root a placeholder sits in (the document, and every shadow root around it) is watched. */
  function watchRemovals(): void {
    const observer = new MutationObserver(checkConnected);
    const roots = new Set<Node>([document]);
    for (const { spec } of fields.values()) {
      for (
        let root = spec.placeholder.getRootNode();
        root instanceof ShadowRoot;
        root = root.host.getRootNode()
      )
        roots.add(root);
    }
    for (const root of roots) observer.observe(root, { childList: true, subtree: true });
    cleanups.push(() => observer.disconnect());
  }

  /** The placeholder is hidden, so its `<label for>` would focus nothing: route the click to the frame. */
  function onClick(event: MouseEvent): void {
    const label = (event.target as Element | null)?.closest?.('label');
    if (!label) return;
    for (const { spec } of fields.values()) {
      const { placeholder } = spec;
      if (label.htmlFor ? label.htmlFor === placeholder.id : label.contains(placeholder)) {
        event.preventDefault();
        scope.focus(spec.role);
      }
    }
  }

  function start(): Promise<unknown> {
    if (settings.frameEmbeddingMitigation.includes('javascript') && window.top !== window.self) {
      const error = new HostedSessionError(
        'FRAMED',
        "frameEmbeddingMitigation includes 'javascript' and this page is framed: refusing to run.",
      );
      fail(error);
      return Promise.reject(error);
    }

    const instance = instanceId();
    const parent = location.origin;
    const page = (name: FramePage): string =>
      gateway.origin + framePagePath(gateway.apiVersion, gateway.merchantId, name);

    // The hub first: its configure answers the id every field of the scope must be configured with.
    const hubFrame = mountHub(page('hub') + frameFragment({ instance, parent }));
    cleanups.push(hubFrame.unmount);
    hubIframe = hubFrame.iframe;
    watchLoads(hubFrame.iframe, 'payment session');
    const hubLink = connector.connectHub(
      hubFrame.iframe,
      {
        emit(event: HubEvent) {
          if (event?.type === 'fieldLost') fail(lost(isFieldRole(event.role) ? event.role : 'hosted field'));
        },
      },
      gateway.origin,
    );
    cleanups.push(hubLink.destroy);
    const session = settings.sessionId ?? hooks.createSession?.();
    const hubId = Promise.all([hubLink.remote, session]).then(([hubMethods, id]) => {
      sessionId = hubSession = id;
      return hubMethods.configure({
        sessionId: id,
        ...(settings.fromToken
          ? { sessionToken: { libVersion: HOSTED_FIELDS_LIB_VERSION, pageLoad: pageLoadId() } }
          : {}),
        roles: roles(),
        locale: settings.locale,
      });
    });
    hubId.catch(noop);
    hub = hubId.then(() => hubLink.remote);

    for (const spec of settings.fields) {
      const { role } = spec;
      const frame = mountField(
        spec.placeholder,
        role,
        page('field') + frameFragment({ instance, role, parent }),
      );
      cleanups.push(frame.unmount);
      watchLoads(frame.iframe, role);
      // Only over this frame's own link, and only for a field whose placeholder left it the height.
      const height = frame.look.fitHeight ? followFrameHeight(frame.iframe) : undefined;
      if (height) cleanups.push(height.stop);
      const link = connector.connectField(
        frame.iframe,
        {
          emit(raw) {
            const event = cleanFieldEvent(raw);
            if (event && !failure) hooks.onEvent(event, spec);
          },
          resize(size) {
            if (!failure) height?.report(size);
          },
        },
        gateway.origin,
      );
      cleanups.push(link.destroy);
      const remote = Promise.all([link.remote, hubId]).then(async ([frameMethods, hub]) => {
        await frameMethods.configure({
          role,
          hub,
          locale: settings.locale,
          formatCard: settings.formatCard,
          invalidFieldCharacters: settings.invalidFieldCharacters,
          ...frame.look,
        });
        return frameMethods;
      });
      remote.catch(noop);
      fields.set(role, { spec, frame, remote });
    }

    listen(document, 'click', onClick);
    watchRemovals();
    connector.checkGateway?.(gateway).then((error) => error && fail(error), noop);

    const timer = setTimeout(
      () =>
        fail(
          new HostedSessionError('TIMEOUT', `The payment form frames did not connect within ${timeout} ms.`),
        ),
      timeout,
    );
    cleanups.push(() => clearTimeout(timer));

    return Promise.race([Promise.all([hub, ...[...fields.values()].map((f) => f.remote)]), stopped]).then(
      () => {
        clearTimeout(timer);
        isReady = true;
      },
    );
  }

  const ready = start().then(noop, (error: unknown) => {
    fail(asError(error));
    throw failure;
  });
  ready.catch(noop);

  const scope: Scope = {
    ready,
    get roles() {
      return roles();
    },
    get sessionId() {
      return sessionId;
    },
    get live() {
      return !failure;
    },
    get failure() {
      return failure;
    },
    updateFromForm: (paymentType, localBrand) =>
      ask(paymentType, async (remote) => {
        // A setSession sent after this update does not change where this update goes: the hub reads in order.
        const sentFor = hubSession;
        const response = await remote.updateSessionFromForm(paymentType, localBrand);
        // The hub answers for the session it held when it read the update. Another id means someone else
        // configured it: whatever it says, the card did not go where this page asked, so the scope cannot be
        // trusted.
        if (response?.session?.id !== (sentFor ?? '')) {
          const error = new HostedSessionError(
            'SESSION_MISMATCH',
            'The payment session frame answered for another session; the payment form was torn down.',
          );
          fail(error);
          throw error;
        }
        return response;
      }),
    validate: (paymentType) => ask(paymentType, (remote) => remote.validate(paymentType)),
    focus(role) {
      const found = field(role);
      if (failure) return;
      found.frame.iframe.focus();
      command([role], (remote) => remote.focus());
    },
    command,
    blur(role) {
      const found = field(role);
      command([role], (remote) => remote.blur());
      found.frame.iframe.blur();
    },
    setSession(id) {
      if (typeof id !== 'string' || !id)
        throw new HostedSessionError('INVALID_ARGUMENT', 'setSession needs the session id string');
      return ask(null, async (remote) => {
        const before = hubSession;
        hubSession = id;
        try {
          await remote.setSession(id);
        } catch (error) {
          // Refused: the hub still fills the session it had, unless another was sent since.
          if (hubSession === id) hubSession = before;
          throw error;
        }
        sessionId = id;
      });
    },
    setStyle(targets, state, styles) {
      command(targets, async (remote, role) => {
        const refused = await remote.setStyle(state, styles);
        if (refused.length)
          console.warn(`hosted-session: ${role} refused the style properties ${refused.join(', ')}`);
      });
    },
    setMessage: (role, message) => command([role], (remote) => remote.setMessage(message)),
    setLocale(locale) {
      alive();
      if (!isLocale(locale))
        throw new HostedSessionError('INVALID_ARGUMENT', `Unsupported locale "${String(locale)}"`);
      command(roles(), (remote) => remote.setLocale(locale));
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      fail(destroyedError());
    },
  };
  return scope;
}
