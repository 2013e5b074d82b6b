import {
  parseFrameFragment,
  type FieldRole,
  type FieldEvent,
  type FieldHostMethods,
  type FormSessionUpdateResponse,
  type HubEvent,
  type ValidateResult,
} from '@hosted-session/protocol';
import type { FieldRemote, FrameConnector, FrameLink, HubRemote } from '../src/core/connector.ts';

export type Call = [method: string, ...args: unknown[]];

/** What the page gives a frame to call: `emit`, and `resize` for a field. */
type Host = { emit(event: unknown): void; resize?(size: unknown): void };

/** The id the fake hub answers `configure` with. */
export const HUB_ID = 'e'.repeat(32);

/** One frame as the fake sees it: what the page called on it, and a way to speak for it. */
export interface FakeFrame {
  kind: 'field' | 'hub';
  role?: FieldRole;
  instance: string;
  iframe: HTMLIFrameElement;
  origin: string;
  calls: Call[];
  destroyed: boolean;
  connect(): void;
  refuse(error: Error): void;
  emit(event: FieldEvent | HubEvent | Record<string, unknown>): void;
  /** A field frame's `resize` message, whatever its shape. */
  resize(size: unknown): void;
}

/**
 * Stands in for penpal: records every call the page makes on a frame, answers with what the test set, and
 * lets the test emit FieldEvents / HubEvents as a frame would. Frames connect on the next microtask unless
 * `manual` is set.
 */
export class FakeConnector implements FrameConnector {
  frames: FakeFrame[] = [];
  refusedStyles: string[] = [];
  update: (paymentType: string, localBrand?: string) => Promise<FormSessionUpdateResponse> = () =>
    Promise.reject(new Error('no update answer set'));
  validation: ValidateResult = { card: { isValid: true } };
  /** The gateway's configuration check; none unless a test sets one. */
  checkGateway?: FrameConnector['checkGateway'];

  constructor(private readonly manual = false) {}

  field(role: FieldRole): FakeFrame {
    const frame = this.frames.find((f) => f.role === role && !f.destroyed);
    if (!frame) throw new Error(`no live frame for ${role}`);
    return frame;
  }

  hub(): FakeFrame {
    const frame = this.frames.find((f) => f.kind === 'hub' && !f.destroyed);
    if (!frame) throw new Error('no live hub');
    return frame;
  }

  connectField(iframe: HTMLIFrameElement, host: FieldHostMethods, origin: string): FrameLink<FieldRemote> {
    const remote = (calls: Call[]): FieldRemote => ({
      configure: async (...args) => void calls.push(['configure', ...args]),
      setStyle: async (...args) => (calls.push(['setStyle', ...args]), this.refusedStyles),
      setMessage: async (...args) => void calls.push(['setMessage', ...args]),
      setLocale: async (...args) => void calls.push(['setLocale', ...args]),
      focus: async () => void calls.push(['focus']),
      blur: async () => void calls.push(['blur']),
      clear: async () => void calls.push(['clear']),
      setPlaceholder: async (...args) => void calls.push(['setPlaceholder', ...args]),
      setDisabled: async (...args) => void calls.push(['setDisabled', ...args]),
    });
    return this.#link('field', iframe, host as Host, origin, remote);
  }

  connectHub(
    iframe: HTMLIFrameElement,
    host: { emit(event: HubEvent): void },
    origin: string,
  ): FrameLink<HubRemote> {
    const remote = (calls: Call[]): HubRemote => ({
      configure: async (...args) => (calls.push(['configure', ...args]), HUB_ID),
      updateSessionFromForm: (...args) => (
        calls.push(['updateSessionFromForm', ...args]),
        this.update(...args)
      ),
      validate: async (...args) => (calls.push(['validate', ...args]), this.validation),
      setSession: async (...args) => void calls.push(['setSession', ...args]),
    });
    return this.#link('hub', iframe, host as Host, origin, remote);
  }

  #link<T>(
    kind: FakeFrame['kind'],
    iframe: HTMLIFrameElement,
    host: Host,
    origin: string,
    makeRemote: (calls: Call[]) => T,
  ): FrameLink<T> {
    const params = parseFrameFragment(new URL(iframe.src).hash);
    if (!params) throw new Error(`bad frame URL ${iframe.src}`);
    let resolve!: (remote: T) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
    const frame: FakeFrame = {
      kind,
      role: params.role,
      instance: params.instance,
      iframe,
      origin,
      calls: [],
      destroyed: false,
      connect: () => resolve(makeRemote(frame.calls)),
      refuse: (error) => reject(error),
      emit: (event) => host.emit(event),
      resize: (size) => host.resize?.(size),
    };
    this.frames.push(frame);
    if (!this.manual) queueMicrotask(frame.connect);
    return {
      remote: promise,
      destroy: () => {
        frame.destroyed = true;
      },
    };
  }
}

/** Lets every pending promise callback run. */
export const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export const GATEWAY = { origin: 'https://gateway.test', apiVersion: '100', merchantId: 'TESTMERCHANT' };

export const FORM = `
  <form>
    <label for="card-number">Card number</label>
    <input id="card-number" readonly title="Your card number" aria-describedby="number-help" aria-required="true"
      placeholder="1234 5678 9012 3456" style="width: 240px; height: 32px; font-size: 16px; color: rgb(1, 2, 3)">
    <span id="number-help">16 digits</span>
    <label>Security code <input id="security-code" readonly></label>
    <select id="expiry-month"><option value="">Month</option><option value="1">01 - Jan</option><option value="2">02 - Feb</option></select>
    <select id="expiry-year"><option value="">Year</option><option value="39">2039</option></select>
    <input id="cardholder-name" readonly>
    <input id="other" readonly>
  </form>`;

export const CARD = {
  number: '#card-number',
  securityCode: '#security-code',
  expiryMonth: '#expiry-month',
  expiryYear: '#expiry-year',
  nameOnCard: '#cardholder-name',
};

export const fieldFrames = (): HTMLIFrameElement[] =>
  Array.from(document.querySelectorAll('iframe')).filter((f) => f.getAttribute('aria-hidden') !== 'true');
