import { useEffect, useState } from 'react';
import { createCheckoutSession, ShopRefusal, type CheckoutSession } from './api.ts';

/** Well inside the gateway's 15 minutes, so a session handed out is never about to expire. */
const MAX_AGE_MS = 10 * 60_000;

interface Unused {
  promise: Promise<CheckoutSession>;
  createdAt: number;
  /** Set once created, so a later mount has its session on the first render. */
  value?: CheckoutSession;
}

/**
 * The one unused session, shared by every mount of the checkout: StrictMode's second mount, or a payer
 * who goes back to the cart and returns, reuses it instead of creating another. Paying consumes it.
 */
let unused: Unused | undefined;

function current(): Unused | undefined {
  return unused && Date.now() - unused.createdAt < MAX_AGE_MS ? unused : undefined;
}

function checkoutSession(): Promise<CheckoutSession> {
  const live = current();
  if (live) return live.promise;
  const entry: Unused = { promise: createCheckoutSession(), createdAt: Date.now() };
  entry.promise.then(
    (session) => (entry.value = session),
    () => {
      if (unused === entry) unused = undefined;
    },
  );
  unused = entry;
  return entry.promise;
}

/** The session is about to pay: a session pays once, so the next checkout needs a new one. */
export function consumeSession(): void {
  unused = undefined;
}

interface SessionState {
  session?: CheckoutSession;
  failed: boolean;
  /** The shop's own explanation of a refusal, for the payer. */
  refusal?: string;
}

export function useCheckoutSession(): SessionState & { renew(): void } {
  const [state, setState] = useState<SessionState>(() => ({
    session: current()?.value,
    failed: false,
  }));
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    checkoutSession().then(
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
  }, [generation]);
  return {
    ...state,
    renew() {
      consumeSession();
      setState({ failed: false });
      setGeneration((n) => n + 1);
    },
  };
}
