import type { FrameConnector } from '@hosted-session/sdk';
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { SessionContext } from './context.ts';
import {
  SessionController,
  type ProviderSessionOptions,
  type SessionCallbacks,
  type SessionStyles,
} from './controller.ts';

export interface HostedSessionProviderProps extends ProviderSessionOptions, SessionCallbacks {
  children?: ReactNode;
  /** Styles for every field, by state (`base`, `focus`, `invalid`…); they may change at any time. */
  styles?: SessionStyles;
  /** Replaces the penpal transport to the frames (tests, other transports). */
  connector?: FrameConnector;
}

/**
 * Owns one payment session: the frames of the field components inside it, mounted once those components
 * are in the document (never on the server), and destroyed when the provider unmounts. A change of gateway,
 * merchant, framing options or the set of fields mounts the frames again; `locale` and `styles` apply to the
 * frames in place, and a new `session` id (after a decline) keeps what the payer typed but the security code and gift card PIN,
 * which are emptied for the payer to type again.
 */
export function HostedSessionProvider(props: HostedSessionProviderProps): ReactNode {
  const { children, styles, connector, onReady, onError, locale, session, ...options } = props;
  const [controller] = useState(() => new SessionController());
  const latest = useRef({ options, session, locale, styles, callbacks: { onReady, onError }, connector });
  useEffect(() => {
    latest.current = { options, session, locale, styles, callbacks: { onReady, onError }, connector };
  });
  const placeholders = useSyncExternalStore(
    controller.placeholders.subscribe,
    controller.placeholders.get,
    controller.placeholders.get,
  );
  // Only what needs new frames: a new object with the same content (an inline literal) changes nothing.
  const identity = JSON.stringify(options);

  const mountedSession = useRef(session);
  useEffect(() => {
    const { options, session, locale, styles, callbacks, connector } = latest.current;
    mountedSession.current = session;
    return controller.mount(
      { ...options, session, locale },
      styles,
      {
        onReady: () => latest.current.callbacks.onReady?.(),
        onError: callbacks.onError && ((error) => latest.current.callbacks.onError?.(error)),
      },
      connector,
    );
  }, [controller, identity, placeholders, connector]);

  // A new session (after a decline) keeps the frames and what the payer typed, but the CSC and gift card PIN.
  useEffect(() => {
    if (session === mountedSession.current || session === undefined) return;
    mountedSession.current = session;
    controller.setSession(session, latest.current.callbacks);
  }, [controller, session]);

  const mountedLocale = useRef(locale);
  useEffect(() => {
    if (locale === mountedLocale.current) return;
    mountedLocale.current = locale;
    controller.setLocale(locale);
  }, [controller, locale]);

  const styleKey = JSON.stringify(styles ?? {});
  const mountedStyles = useRef(styleKey);
  useEffect(() => {
    if (styleKey === mountedStyles.current) return;
    mountedStyles.current = styleKey;
    controller.applyStyles(latest.current.styles);
  }, [controller, styleKey]);

  return <SessionContext.Provider value={controller}>{children}</SessionContext.Provider>;
}
