import type {
  FieldFrameMethods,
  FieldHostMethods,
  HubFrameMethods,
  HubHostMethods,
} from '@hosted-session/protocol';
import type { HostedSessionError } from '../errors.ts';
import type { Gateway } from './scope.ts';

/** A frame's methods as the page calls them: every call is asynchronous. */
export type Remote<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export type FieldRemote = Remote<FieldFrameMethods>;
export type HubRemote = Remote<HubFrameMethods>;

/** One page↔frame connection. */
export interface FrameLink<T> {
  /** Resolves once the frame answered the handshake; rejects (with any error) if it refused. */
  remote: Promise<T>;
  /** Closes the link and removes its listeners; safe to call at any time, more than once. */
  destroy(): void;
}

/**
 * The transport between the page and its gateway frames, injected so the core can be tested without
 * frames. The core mounts the iframe, watches it for reloads (`load` firing twice) and bounds the wait;
 * the connector only talks. `origin` is the exact gateway origin: the only one a connector may accept
 * messages from or send them to.
 */
export interface FrameConnector {
  connectField(iframe: HTMLIFrameElement, host: FieldHostMethods, origin: string): FrameLink<FieldRemote>;
  connectHub(iframe: HTMLIFrameElement, host: HubHostMethods, origin: string): FrameLink<HubRemote>;
  /**
   * Asks the gateway whether it knows the merchant and the page's origin (see `checkConfiguration`);
   * resolves with the error to fail with, or undefined. A connector without it skips the check.
   */
  checkGateway?(gateway: Gateway): Promise<HostedSessionError | undefined>;
}
