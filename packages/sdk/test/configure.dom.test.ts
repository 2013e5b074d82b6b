import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMastercardPaymentSession, type MastercardConfig } from '../src/mastercard/payment-session.ts';
import { HostedSessionError } from '../src/errors.ts';
import { CARD, FakeConnector, FORM, GATEWAY, fieldFrames, flush } from './fake-connector.ts';

let connector: FakeConnector;
let PaymentSession: ReturnType<typeof createMastercardPaymentSession>;

beforeEach(() => {
  document.body.innerHTML = FORM;
  connector = new FakeConnector();
  PaymentSession = createMastercardPaymentSession(GATEWAY, connector, 1000);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const base = (): MastercardConfig => ({
  session: 'SESSION0002816562472I0271878F98',
  fields: { card: { ...CARD } },
  frameEmbeddingMitigation: ['javascript'],
  callbacks: {},
});

function configureError(config: unknown): HostedSessionError {
  try {
    PaymentSession.configure(config as MastercardConfig);
  } catch (error) {
    expect(error).toBeInstanceOf(HostedSessionError);
    return error as HostedSessionError;
  }
  throw new Error('configure accepted the configuration');
}

describe('configure rejects a bad configuration clearly', () => {
  it.each([
    [
      'a selector that matches nothing',
      { fields: { card: { ...CARD, number: '#nope' } } },
      'fields.card.number: no element matches "#nope"',
    ],
    [
      'an invalid selector',
      { fields: { card: { ...CARD, number: '##' } } },
      'fields.card.number: "##" is not a valid CSS selector',
    ],
    [
      'a field given twice',
      { fields: { card: { ...CARD, nameOnCard: '#card-number' } } },
      'fields.card.number and fields.card.nameOnCard name the same element; give each field its own',
    ],
    [
      'a month without a year',
      { fields: { card: { number: '#card-number', expiryMonth: '#expiry-month' } } },
      'fields.card.expiryMonth and fields.card.expiryYear go together: give both or neither',
    ],
    [
      'a year without a month',
      { fields: { card: { number: '#card-number', expiryYear: '#expiry-year' } } },
      'fields.card.expiryMonth and fields.card.expiryYear go together: give both or neither',
    ],
    [
      'frameEmbeddingMitigation missing',
      { frameEmbeddingMitigation: undefined },
      "frameEmbeddingMitigation is required: an array of 'javascript', 'x-frame-options', 'csp'",
    ],
    [
      'frameEmbeddingMitigation empty',
      { frameEmbeddingMitigation: [] },
      "frameEmbeddingMitigation is required: an array of 'javascript', 'x-frame-options', 'csp'",
    ],
    [
      'frameEmbeddingMitigation with an unknown value',
      { frameEmbeddingMitigation: ['frame-breaker'] },
      "frameEmbeddingMitigation is required: an array of 'javascript', 'x-frame-options', 'csp'",
    ],
    ['an unknown top-level key', { sesion: 'x' }, 'unknown option "sesion"'],
    [
      'an unknown card field',
      { fields: { card: { ...CARD, cvv: '#security-code' } } },
      'unknown option "fields.card.cvv"',
    ],
    ['an unknown callback', { callbacks: { ready() {} } }, 'unknown option "callbacks.ready"'],
    [
      'a callback that is not a function',
      { callbacks: { initialized: 'yes' } },
      'callbacks.initialized must be a function',
    ],
    [
      'an unknown display control',
      { interaction: { displayControl: { formatCVV: 'x' } } },
      'unknown option "interaction.displayControl.formatCVV"',
    ],
    [
      'a bad formatCard',
      { interaction: { displayControl: { formatCard: 'GROUPED' } } },
      'interaction.displayControl.formatCard must be one of EMBOSSED, PLAIN',
    ],
    [
      'a bad invalidFieldCharacters',
      { interaction: { displayControl: { invalidFieldCharacters: 'DROP' } } },
      'interaction.displayControl.invalidFieldCharacters must be one of REJECT, ALLOW',
    ],
    ['an unknown locale', { locale: 'xx_XX' }, 'locale must be one of de_DE, el_GR, en_US'],
    ['no card field', { fields: { card: {} } }, 'fields.card must name at least one field'],
    [
      'gift cards',
      { fields: { card: CARD, giftCard: { number: '#other' } } },
      'fields.giftCard is not supported; only card fields are hosted',
    ],
    ['a session that is not a string', { session: 42 }, 'session must be the session id string'],
    [
      'a field that is neither selector nor element',
      { fields: { card: { ...CARD, number: { id: 'card-number' } } } },
      'fields.card.number must be a CSS selector or an element',
    ],
    [
      'an element no longer in the document',
      { fields: { card: { ...CARD, number: document.createElement('input') } } },
      'fields.card.number: the element is not in the document',
    ],
  ])('%s', (_name, change, message) => {
    const error = configureError({ ...base(), ...change });
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain(`Invalid configuration: ${message}`);
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('rejects a configuration that is not an object', () => {
    expect(configureError(undefined).message).toBe('Invalid configuration: configuration must be an object');
  });

  it('refuses a placeholder another session already holds', () => {
    PaymentSession.configure(base(), 'one');
    const error = configureError({ ...base(), fields: { card: { number: '#card-number' } } });
    expect(error.message).toBe(
      'Invalid configuration: fields.card.number: "#card-number" already holds a hosted field; destroy that session first',
    );
  });

  it('mounts on elements as well as selectors, and on ids that are no CSS identifier', async () => {
    const name = document.querySelector<HTMLElement>('#cardholder-name')!;
    name.id = ':r0:';
    PaymentSession.configure({
      ...base(),
      fields: { card: { number: document.querySelector<HTMLElement>('#card-number')!, nameOnCard: '#:r0:' } },
    });
    await flush();
    expect(fieldFrames()).toHaveLength(2);
    expect(name.previousElementSibling).toBeInstanceOf(HTMLIFrameElement);
    const focused = vi.fn();
    PaymentSession.onFocus(['card.number', 'card.nameOnCard'], focused);
    connector.field('card.number').emit({ type: 'focus' });
    connector.field('card.nameOnCard').emit({ type: 'focus' });
    // An element is reported by its id, escaped so that the selector finds it again.
    expect(focused.mock.calls).toEqual([
      ['#card-number', 'number'],
      ['#:r0:', 'nameOnCard'],
    ]);
  });

  it('takes a null session (a missing URL parameter passed through) as none', async () => {
    PaymentSession.configure({ ...base(), session: null as never });
    await flush();
    expect(connector.hub().calls[0]![1]).toMatchObject({ sessionId: undefined });
  });

  it('needs to know its gateway', () => {
    const unbound = createMastercardPaymentSession(undefined, connector);
    expect(() => unbound.configure(base())).toThrow(expect.objectContaining({ code: 'SCRIPT_URL' }));
  });
});

describe('initialized', () => {
  it("reports {status:'ok'} once every frame has connected and been configured", async () => {
    const manual = new FakeConnector(true);
    PaymentSession = createMastercardPaymentSession(GATEWAY, manual, 1000);
    const initialized = vi.fn();
    PaymentSession.configure({ ...base(), callbacks: { initialized } });
    expect(manual.frames).toHaveLength(6);
    for (const frame of manual.frames.filter((f) => f.kind === 'field')) frame.connect();
    await flush();
    expect(initialized).not.toHaveBeenCalled();
    manual.hub().connect();
    await flush();
    expect(initialized).toHaveBeenCalledExactlyOnceWith({ status: 'ok' });
    expect(manual.hub().calls).toEqual([
      [
        'configure',
        {
          sessionId: 'SESSION0002816562472I0271878F98',
          roles: [
            'card.number',
            'card.securityCode',
            'card.expiryMonth',
            'card.expiryYear',
            'card.nameOnCard',
          ],
          locale: 'en_US',
        },
      ],
    ]);
  });

  it('reports request_timeout after a bounded wait, and tears the scope down', async () => {
    vi.useFakeTimers();
    const manual = new FakeConnector(true);
    PaymentSession = createMastercardPaymentSession(GATEWAY, manual, 5000);
    const initialized = vi.fn();
    PaymentSession.configure({ ...base(), callbacks: { initialized } });
    manual.hub().connect();
    await vi.advanceTimersByTimeAsync(4999);
    expect(initialized).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(initialized).toHaveBeenCalledExactlyOnceWith({
      status: 'request_timeout',
      message: 'The payment form frames did not connect within 5000 ms.',
    });
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    expect(manual.frames.every((frame) => frame.destroyed)).toBe(true);
  });

  it('reports system_error with a message when a frame refuses to connect', async () => {
    const manual = new FakeConnector(true);
    PaymentSession = createMastercardPaymentSession(GATEWAY, manual, 1000);
    const initialized = vi.fn();
    PaymentSession.configure({ ...base(), callbacks: { initialized } });
    manual.field('card.number').refuse(new Error('origin not allowed'));
    await flush();
    expect(initialized).toHaveBeenCalledExactlyOnceWith({
      status: 'system_error',
      message: 'A payment form frame failed: Error: origin not allowed',
    });
  });

  it("refuses to run framed when frameEmbeddingMitigation includes 'javascript'", async () => {
    vi.spyOn(window, 'top', 'get').mockReturnValue({} as Window);
    const initialized = vi.fn();
    PaymentSession.configure({ ...base(), callbacks: { initialized } });
    await flush();
    expect(initialized).toHaveBeenCalledExactlyOnceWith({
      status: 'system_error',
      message: "frameEmbeddingMitigation includes 'javascript' and this page is framed: refusing to run.",
    });
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    expect(connector.frames).toHaveLength(0);
  });

  it("runs framed when the merchant relies on 'csp' alone", async () => {
    vi.spyOn(window, 'top', 'get').mockReturnValue({} as Window);
    const initialized = vi.fn();
    PaymentSession.configure({ ...base(), frameEmbeddingMitigation: ['csp'], callbacks: { initialized } });
    await flush();
    expect(initialized).toHaveBeenCalledWith({ status: 'ok' });
    expect(fieldFrames()).toHaveLength(5);
  });
});
