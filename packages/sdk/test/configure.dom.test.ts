import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMastercardPaymentSession, type MastercardConfig } from '../src/mastercard/payment-session.ts';
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

describe('configure, as pages written for Mastercard call it', () => {
  const warnings = () => vi.mocked(console.warn).mock.calls.map(([text]) => String(text));

  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it('ignores an extra cardNumber key naming the number’s element, with one warning, and mounts the form', async () => {
    const initialized = vi.fn();
    PaymentSession.configure({
      ...base(),
      fields: { card: { ...CARD, cardNumber: '#card-number' } as never },
      callbacks: { initialized },
    });
    await flush();
    expect(initialized).toHaveBeenCalledExactlyOnceWith({ status: 'ok' });
    expect(fieldFrames()).toHaveLength(5);
    expect(warnings()).toEqual([expect.stringContaining('fields.card.cardNumber')]);
  });

  it('names every ignored option in one warning, and uses the defaults instead', async () => {
    const initialized = vi.fn();
    PaymentSession.configure({
      ...base(),
      sesion: 'typo',
      wallets: { visaCheckout: { enabled: false } },
      fields: { card: { ...CARD, nameOnCard: '#card-number' } },
      interaction: { displayControl: { formatCard: 'GROUPED', formatCVV: 'x' } },
      locale: 'en_GB',
      callbacks: { initialized, visaCheckout() {} },
    } as never);
    await flush();
    expect(initialized).toHaveBeenCalledExactlyOnceWith({ status: 'ok' });
    expect(warnings()).toHaveLength(1);
    for (const name of [
      'sesion',
      'wallets',
      'fields.card.nameOnCard (the element of fields.card.number)',
      'interaction.displayControl.formatCard (EMBOSSED used)',
      'interaction.displayControl.formatCVV',
      'locale (en_US used)',
      'callbacks.visaCheckout',
    ]) {
      expect(warnings()[0]).toContain(name);
    }
    // The duplicate was left out: one frame on the element, for the number.
    expect(fieldFrames()).toHaveLength(4);
    expect(connector.hub().calls[0]![1]).toMatchObject({ locale: 'en_US' });
    expect(connector.field('card.number').calls[0]![1]).toMatchObject({ formatCard: 'EMBOSSED' });
  });

  it.each([
    ['missing', undefined],
    ['empty', []],
    ['naming nothing known', ['frame-breaker']],
  ])(
    "applies 'javascript' when frameEmbeddingMitigation is %s: framed, the page is refused",
    async (_name, value) => {
      vi.spyOn(window, 'top', 'get').mockReturnValue({} as Window);
      const initialized = vi.fn();
      PaymentSession.configure({
        ...base(),
        frameEmbeddingMitigation: value,
        callbacks: { initialized },
      } as never);
      await flush();
      expect(initialized).toHaveBeenCalledExactlyOnceWith({
        status: 'system_error',
        message: "frameEmbeddingMitigation includes 'javascript' and this page is framed: refusing to run.",
      });
      expect(connector.frames).toHaveLength(0);
      expect(warnings()).toEqual([expect.stringContaining("frameEmbeddingMitigation ('javascript' applied")]);
    },
  );

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
      'a selector that is not a string',
      { fields: { card: { ...CARD, number: 42 } } },
      'fields.card.number must be a CSS selector',
    ],
    [
      'a month without a year',
      { fields: { card: { number: '#card-number', expiryMonth: '#expiry-month' } } },
      'go together',
    ],
    ['no field at all', { fields: { card: {} } }, 'fields must name at least one field'],
    ['fields that are not an object', { fields: '#card-number' }, 'fields must be an object'],
    ['a session that is not a string', { session: 42 }, 'session must be the session id string'],
    [
      'frameEmbeddingMitigation that is not a list',
      { frameEmbeddingMitigation: 'javascript' },
      'frameEmbeddingMitigation is required',
    ],
    [
      'a callback that is not a function',
      { callbacks: { initialized: vi.fn(), formSessionUpdate: 'yes' } },
      'callbacks.formSessionUpdate must be a function',
    ],
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
  ])('fails through initialized, never a throw, for %s', async (_name, change, message) => {
    const initialized = vi.fn();
    const config = { ...base(), callbacks: { initialized }, ...change } as never;
    expect(() => PaymentSession.configure(config)).not.toThrow();
    expect(initialized).not.toHaveBeenCalled();
    await flush();
    const callback =
      (change as { callbacks?: { initialized: typeof initialized } }).callbacks?.initialized ?? initialized;
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      status: 'system_error',
      message: expect.stringContaining(message),
    });
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('inside a promise callback, fails where the page can see it instead of an unhandled rejection', async () => {
    const rejected = vi.fn();
    await Promise.resolve()
      .then(() =>
        PaymentSession.configure({ ...base(), fields: { card: { number: '#nope' } }, callbacks: {} }),
      )
      .catch(rejected);
    expect(rejected).not.toHaveBeenCalled();
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('no element matches "#nope"'));
  });

  it('without a gateway URL to load from, says so through initialized', async () => {
    const unbound = createMastercardPaymentSession(undefined, connector);
    const initialized = vi.fn();
    expect(() => unbound.configure({ ...base(), callbacks: { initialized } })).not.toThrow();
    await flush();
    expect(initialized).toHaveBeenCalledExactlyOnceWith({
      status: 'system_error',
      message: expect.stringContaining('Load session.js from'),
    });
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
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(JSON.stringify({ session: { id: 'SESSION000000000000000000000001' } }), { status: 201 }),
    );
    PaymentSession.configure({ ...base(), session: null as never });
    await flush();
    expect(connector.hub().calls[0]![1]).toMatchObject({ sessionId: 'SESSION000000000000000000000001' });
  });

  it('refuses a placeholder another session already holds', async () => {
    const initialized = vi.fn();
    PaymentSession.configure(base(), 'one');
    PaymentSession.configure({
      ...base(),
      fields: { card: { number: '#card-number' } },
      callbacks: { initialized },
    });
    await flush();
    expect(initialized).toHaveBeenCalledWith({
      status: 'system_error',
      message:
        'Invalid configuration: fields.card.number: "#card-number" already holds a hosted field; destroy that session first',
    });
  });
});

describe('configure without a session', () => {
  const CREATED = 'SESSION0002816562472I0271878F00';

  it('creates one from the page, configures the hub with it, and answers for it', async () => {
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response(JSON.stringify({ session: { id: CREATED } }), { status: 201 }));
    const initialized = vi.fn();
    const formSessionUpdate = vi.fn();
    PaymentSession.configure({
      ...base(),
      session: undefined,
      callbacks: { initialized, formSessionUpdate },
    });
    await flush();
    expect(fetch).toHaveBeenCalledExactlyOnceWith(
      'https://gateway.test/api/browser/version/100/merchant/TESTMERCHANT/session',
      { method: 'POST', credentials: 'omit', cache: 'no-store' },
    );
    expect(initialized).toHaveBeenCalledExactlyOnceWith({ status: 'ok' });
    expect(connector.hub().calls[0]![1]).toMatchObject({ sessionId: CREATED });

    connector.update = async () => ({
      status: 'fields_in_error',
      session: { id: CREATED },
      errors: { cardNumber: 'missing' },
      version: '100',
    });
    PaymentSession.updateSessionFromForm('card');
    await flush();
    expect(formSessionUpdate).toHaveBeenCalledWith(expect.objectContaining({ session: { id: CREATED } }));
  });

  it.each([
    [
      'the gateway refuses (an unregistered origin)',
      () => Promise.reject(new TypeError('Failed to fetch')),
      'could not be reached',
    ],
    [
      'the gateway answers an error',
      () =>
        Promise.resolve(
          new Response(
            JSON.stringify({
              result: 'ERROR',
              error: { explanation: 'Too many requests from this address; retry later.' },
            }),
            { status: 429 },
          ),
        ),
      'Too many requests',
    ],
    [
      'the gateway answers no session',
      () => Promise.resolve(new Response('{}', { status: 201 })),
      'HTTP 201',
    ],
  ])('fails through initialized when %s', async (_name, answer, message) => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(answer);
    const initialized = vi.fn();
    PaymentSession.configure({ ...base(), session: undefined, callbacks: { initialized } });
    await flush();
    await flush();
    expect(initialized).toHaveBeenCalledExactlyOnceWith({
      status: 'system_error',
      message: expect.stringContaining(message),
    });
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  });
});

describe('gift card and ACH fields', () => {
  const GIFT_CARD = { number: '#gift-number', pin: '#gift-pin' };
  const ACH = {
    accountType: '#account-type',
    bankAccountHolder: '#holder',
    bankAccountNumber: '#account',
    bankAccountNumberConfirmation: '#account-again',
    routingNumber: '#routing',
  };

  beforeEach(() => {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<input id="gift-number" readonly><input id="gift-pin" readonly><select id="account-type"></select>
       <input id="holder" readonly><input id="account" readonly><input id="account-again" readonly>
       <input id="routing" readonly>`,
    );
  });

  it('mount beside the card, with titles a screen reader can name, and update with their own type', async () => {
    PaymentSession.configure({ ...base(), fields: { card: CARD, giftCard: GIFT_CARD, ach: ACH } });
    await flush();
    expect(fieldFrames()).toHaveLength(12);
    expect(connector.hub().calls[0]![1]).toMatchObject({
      roles: expect.arrayContaining(['giftCard.number', 'giftCard.pin', 'ach.routingNumber']),
    });
    const routing = document.querySelector('#routing')!.previousElementSibling as HTMLIFrameElement;
    expect(routing.title).toBe('Routing number');
    connector.update = async () => ({
      status: 'system_error',
      session: { id: base().session! },
      errors: { message: 'x' },
      version: '100',
    });
    PaymentSession.updateSessionFromForm('giftCard', 'SANDBOX_GIFT');
    PaymentSession.updateSessionFromForm('ach');
    await flush();
    expect(connector.hub().calls.slice(1)).toEqual([
      ['updateSessionFromForm', 'giftCard', 'SANDBOX_GIFT'],
      ['updateSessionFromForm', 'ach', undefined],
    ]);
  });

  it('take a new session after a decline, the frames kept, as the card’s do', async () => {
    const NEXT = 'SESSION0002816562472I0271878F01';
    const initialized = vi.fn();
    const giftCardOnly = (session?: string) => ({
      ...base(),
      ...(session && { session }),
      fields: { giftCard: GIFT_CARD },
      callbacks: { initialized },
    });
    PaymentSession.configure(giftCardOnly());
    await flush();
    const frames = fieldFrames();
    PaymentSession.configure(giftCardOnly(NEXT));
    await flush();
    expect(fieldFrames()).toEqual(frames);
    expect(connector.hub().calls).toContainEqual(['setSession', NEXT]);
    expect(initialized.mock.calls).toEqual([[{ status: 'ok' }], [{ status: 'ok' }]]);
  });

  it('deliver their events with the bare role, as the card’s do', async () => {
    PaymentSession.configure({ ...base(), fields: { ach: ACH } });
    await flush();
    const handler = vi.fn();
    PaymentSession.onBlur(['ach.routingNumber'], handler);
    connector.field('ach.routingNumber').emit({ type: 'blur' });
    expect(handler).toHaveBeenCalledExactlyOnceWith('#routing', 'routingNumber');
  });

  it('validate says SYSTEM_ERROR for every field of the type when the form cannot answer', async () => {
    PaymentSession.configure({ ...base(), fields: { giftCard: GIFT_CARD } });
    await flush();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    connector.hub().emit({ type: 'fieldLost', role: 'giftCard.pin' });
    const callback = vi.fn();
    PaymentSession.validate('giftCard', callback);
    await flush();
    const failed = { isValid: false, isIncomplete: false, hasError: true, errorReason: 'SYSTEM_ERROR' };
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      giftCard: { isValid: false, number: failed, pin: failed },
    });
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
