import { useEffect, useState } from 'react';
import { createCheckoutSession, createSaveCardSession, ShopRefusal, type CheckoutSession } from './api.ts';

/** Well inside the gateway's 15 minutes, so a session handed out is never about to expire. */
const MAX_AGE_MS = 10 * 60_000;
/** A session token lasts 10 minutes; one older than this is not handed to a new form. */
const TOKEN_MAX_AGE_MS = 5 * 60_000;

interface Unused {
  promise: Promise<CheckoutSession>;
  createdAt: number;
  /** Set once created, so a later mount has its session on the first render. */
  value?: CheckoutSession;
}

interface Kind {
  create(): Promise<CheckoutSession>;
  maxAgeMs: number;
  /**
   * The one unused session, shared by every mount of the form: StrictMode's second mount, or a payer who
   * goes back to the cart and returns, reuses it instead of creating another. Paying (saving) consumes it.
   */
  unused?: Unused;
}

/** The checkout's sessions, and the "save card for later" form's session tokens (one per page load). */
const PAY: Kind = { create: createCheckoutSession, maxAgeMs: MAX_AGE_MS };
const SAVE: Kind = { create: createSaveCardSession, maxAgeMs: TOKEN_MAX_AGE_MS };

function current(kind: Kind): Unused | undefined {
  const { unused } = kind;
  return unused && Date.now() - unused.createdAt < kind.maxAgeMs ? unused : undefined;
}

function nextSession(kind: Kind): Promise<CheckoutSession> {
  const live = current(kind);
  if (live) return live.promise;
  const entry: Unused = { promise: kind.create(), createdAt: Date.now() };
  entry.promise.then(
    (session) => (entry.value = session),
    () => {
      if (kind.unused === entry) kind.unused = undefined;
    },
  );
  kind.unused = entry;
  return entry.promise;
}

/** The session is about to pay: a session pays once, so the next checkout needs a new one. */
export function consumeSession(): void {
  PAY.unused = undefined;
}

/** The form saved its card: its session token is spent, and the next form needs a new one. */
export function consumeSaveSession(): void {
  SAVE.unused = undefined;
}

interface SessionState {
  session?: CheckoutSession;
  failed: boolean;
  /** The shop's own explanation of a refusal, for the payer. */
  refusal?: string;
}

export function useCheckoutSession(purpose: 'pay' | 'save' = 'pay'): SessionState & { renew(): void } {
  const kind = purpose === 'pay' ? PAY : SAVE;
  const [state, setState] = useState<SessionState>(() => ({
    session: current(kind)?.value,
    failed: false,
  }));
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    nextSession(kind).then(
      (session) =>
        live &&
        setState((previous) => (previous.session === session ? previous : { session, failed: false })),
      (error: unknown) =>
        live &&
        setState({ failed: true, ...(error instanceof ShopRefusal ? { refusal: error.message } : {}) }),
    );
    return () => {
      live = false;
    };
  }, [generation, kind]);
  return {
    ...state,
    renew() {
      kind.unused = undefined;
      setState({ failed: false });
      setGeneration((n) => n + 1);
    },
  };
}
