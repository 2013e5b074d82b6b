import {
  HOSTED_FIELDS_LIB_VERSION,
  type FormSessionUpdateResponse,
  type ValidateResult,
} from '@hosted-session/protocol';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { FieldRemote, FrameConnector, HubRemote } from '../src/core/connector.ts';
import {
  createPaymentSession,
  HostedSessionError,
  type CreatePaymentSessionOptions,
  type PaymentSession,
} from '../src/index.ts';
import { CARD, FakeConnector, FORM, HUB_ID, fieldFrames, flush } from './fake-connector.ts';

let connector: FakeConnector;

const options = (extra: Partial<CreatePaymentSessionOptions> = {}): CreatePaymentSessionOptions => ({
  gatewayUrl: 'https://gateway.test/some/path',
  merchantId: 'TESTMERCHANT',
  apiVersion: '100',
  session: SESSION,
  fields: { card: CARD },
  frameEmbeddingMitigation: ['javascript'],
  ...extra,
});

const SESSION = 'SESSION000218450948092491657986';

/** An answer for the configured session; `message` tells answers apart. */
const response = (message: string): FormSessionUpdateResponse => ({
  status: 'system_error',
  session: { id: SESSION },
  errors: { message },
  version: '100',
});

beforeEach(() => {
  document.body.innerHTML = FORM;
  connector = new FakeConnector();
});

afterEach(() => vi.restoreAllMocks());

describe('createPaymentSession', () => {
  it('mounts from the gateway origin given, and ready resolves once every frame is connected', async () => {
    const session = createPaymentSession(options(), connector);
    await expect(session.ready).resolves.toBeUndefined();
    expect(fieldFrames()).toHaveLength(5);
    expect(connector.frames.every((frame) => frame.origin === 'https://gateway.test')).toBe(true);
    expect(new URL(connector.hub().iframe.src).pathname).toBe(
      '/form/version/100/merchant/TESTMERCHANT/frames/hub.html',
    );
    session.destroy();
  });

  it.each([
    [{ gatewayUrl: 'gateway.test' }, 'Invalid configuration: gatewayUrl must be an absolute http(s) URL'],
    [
      { gatewayUrl: 'javascript:alert(1)' },
      'Invalid configuration: gatewayUrl must be an absolute http(s) URL',
    ],
    [{ merchantId: '' }, 'Invalid configuration: merchantId is required'],
    [{ apiVersion: undefined }, 'Invalid configuration: apiVersion is required'],
    [{ timeout: 0 }, 'Invalid configuration: timeout must be a positive number of milliseconds'],
    [{ callbacks: {} } as never, 'Invalid configuration: unknown option "callbacks"'],
  ])('rejects bad options clearly: %o', (extra, message) => {
    expect(() => createPaymentSession(options(extra), connector)).toThrow(message);
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('configures every field with the id its hub answered, and only once the hub has answered', async () => {
    const manual = new FakeConnector(true);
    const session = createPaymentSession(options(), manual);
    for (const frame of manual.frames.filter((f) => f.kind === 'field')) frame.connect();
    await flush();
    expect(manual.frames.flatMap((frame) => frame.calls)).toEqual([]);
    manual.hub().connect();
    await session.ready;
    for (const frame of manual.frames.filter((f) => f.kind === 'field')) {
      expect(frame.calls).toEqual([
        ['configure', expect.objectContaining({ role: frame.role, hub: HUB_ID })],
      ]);
    }
    session.destroy();
  });

  it('fails when the hub refuses its configuration (someone configured it first)', async () => {
    const refusing: FrameConnector = {
      connectField: connector.connectField.bind(connector),
      connectHub: () => ({
        remote: Promise.resolve({
          configure: () => Promise.reject(new Error('This hub is already configured')),
        } as unknown as HubRemote),
        destroy() {},
      }),
    };
    const session = createPaymentSession(options(), refusing);
    await expect(session.ready).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    expect(connector.frames.flatMap((frame) => frame.calls)).toEqual([]);
  });

  it('configures the hub with a session token and the library version, and reports its refusals by code', async () => {
    const session = createPaymentSession(options({ session: undefined, sessionToken: SESSION }), connector);
    await session.ready;
    expect(connector.hub().calls[0]).toEqual([
      'configure',
      expect.objectContaining({
        sessionId: SESSION,
        sessionToken: {
          libVersion: HOSTED_FIELDS_LIB_VERSION,
          pageLoad: expect.stringMatching(/^[0-9a-f]{32}$/),
        },
      }),
    ]);
    session.destroy();
    for (const code of ['SESSION_EXPIRED', 'SESSION_TOKEN_USED', 'LIB_VERSION_MISMATCH']) {
      document.body.innerHTML = FORM;
      const refusal = Object.assign(new Error(`the hub says ${code}`), { name: code });
      const refusing: FrameConnector = {
        connectField: connector.connectField.bind(connector),
        connectHub: () => ({
          remote: Promise.resolve({ configure: () => Promise.reject(refusal) } as unknown as HubRemote),
          destroy() {},
        }),
      };
      const failed = createPaymentSession(options({ session: undefined, sessionToken: SESSION }), refusing);
      await expect(failed.ready).rejects.toMatchObject({ code, message: `the hub says ${code}` });
    }
  });

  it('names the same page load for every form of the page, as React StrictMode’s second mount makes', async () => {
    const pageLoads: unknown[] = [];
    for (let mount = 0; mount < 2; mount++) {
      document.body.innerHTML = FORM;
      const session = createPaymentSession(options({ session: undefined, sessionToken: SESSION }), connector);
      await session.ready;
      const [, hubOptions] = connector.hub().calls[0] as [string, { sessionToken: { pageLoad: string } }];
      pageLoads.push(hubOptions.sessionToken.pageLoad);
      session.destroy();
    }
    expect(pageLoads[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(pageLoads[1]).toBe(pageLoads[0]);
  });

  it('takes session or sessionToken, not both', () => {
    expect(() => createPaymentSession(options({ sessionToken: SESSION }), connector)).toThrow(
      /session or sessionToken, not both/,
    );
    expect(() => createPaymentSession(options({ session: undefined, sessionToken: '' }), connector)).toThrow(
      /sessionToken must be/,
    );
  });

  it('rejects an update answered for another session, and reports the scope lost', async () => {
    connector.update = async () => ({
      status: 'fields_in_error',
      session: { id: 'SESSION000218450948092491657999' },
      errors: { cardNumber: 'invalid' },
      version: '100',
    });
    const session = createPaymentSession(options(), connector);
    const errors: HostedSessionError[] = [];
    session.on('error', (error) => errors.push(error));
    await session.ready;
    await expect(session.updateFromForm('card')).rejects.toMatchObject({ code: 'SESSION_MISMATCH' });
    expect(errors.map((error) => error.code)).toEqual(['SESSION_MISMATCH']);
    await expect(session.updateFromForm('card')).rejects.toMatchObject({ code: 'SESSION_MISMATCH' });
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('updateFromForm resolves with the hub’s body; concurrent calls each get their own', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    connector.update = async (_type, localBrand) => {
      if (localBrand === 'slow') await gate;
      return response(localBrand ?? 'none');
    };
    const session = createPaymentSession(options(), connector);
    const slow = session.updateFromForm('card', 'slow');
    const fast = session.updateFromForm('card', 'fast');
    await expect(fast).resolves.toEqual(response('fast'));
    release();
    await expect(slow).resolves.toEqual(response('slow'));
    session.destroy();
  });

  it('validate resolves with the hub’s result', async () => {
    const session = createPaymentSession(options(), connector);
    await expect(session.validate('card')).resolves.toEqual({ card: { isValid: true } });
    session.destroy();
  });

  it('on() delivers field events with role and selector, and returns an unsubscribe', async () => {
    const session = createPaymentSession(options(), connector);
    await session.ready;
    const validity = vi.fn();
    const off = session.on('validity', validity);
    const cardType = vi.fn();
    session.on('cardType', cardType);
    const event = {
      type: 'validity',
      validity: { isValid: true, isIncomplete: false, hasError: false },
    } as const;
    connector.field('card.number').emit(event);
    connector
      .field('card.number')
      .emit({ type: 'cardType', cardType: { status: 'SUPPORTED', brand: 'VISA', scheme: 'VISA' } });
    off();
    connector.field('card.number').emit(event);
    expect(validity).toHaveBeenCalledExactlyOnceWith({
      ...event,
      role: 'card.number',
      selector: '#card-number',
    });
    expect(cardType).toHaveBeenCalledExactlyOnceWith({
      type: 'cardType',
      cardType: { status: 'SUPPORTED', brand: 'VISA', scheme: 'VISA' },
      role: 'card.number',
      selector: '#card-number',
    });
    session.destroy();
  });

  it('clear empties one field, or every field when none is named', async () => {
    const session = createPaymentSession(options(), connector);
    session.clear('card.securityCode');
    await session.ready;
    await flush();
    const cleared = () =>
      connector.frames.filter((f) => f.calls.some(([method]) => method === 'clear')).map((f) => f.role);
    expect(cleared()).toEqual(['card.securityCode']);
    session.clear();
    await flush();
    expect(cleared()).toHaveLength(5);
    expect(() => session.clear('card.pin' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    session.destroy();
  });

  it('setStyle styles every field unless told which', async () => {
    const session = createPaymentSession(options(), connector);
    session.setStyle('invalid', { color: 'red' });
    session.setStyle('valid', { color: 'green' }, ['card.number']);
    await flush();
    expect(connector.field('card.nameOnCard').calls.slice(1)).toEqual([
      ['setStyle', 'invalid', { color: 'red' }],
    ]);
    expect(connector.field('card.number').calls.slice(1)).toEqual([
      ['setStyle', 'invalid', { color: 'red' }],
      ['setStyle', 'valid', { color: 'green' }],
    ]);
    expect(() => session.focus('card.cvv' as never)).toThrow('Unknown role');
    session.destroy();
  });

  it("rejects ready with FRAMED when framed with 'javascript' mitigation", async () => {
    vi.spyOn(window, 'top', 'get').mockReturnValue({} as Window);
    const session = createPaymentSession(options(), connector);
    await expect(session.ready).rejects.toMatchObject({ code: 'FRAMED' });
    await expect(session.updateFromForm('card')).rejects.toMatchObject({ code: 'FRAMED' });
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('a frame reload emits an error event, tears down, and later updates reject with it', async () => {
    const session = createPaymentSession(options(), connector);
    await session.ready;
    const onError = vi.fn();
    session.on('error', onError);
    const iframe = connector.field('card.securityCode').iframe;
    iframe.dispatchEvent(new Event('load'));
    iframe.dispatchEvent(new Event('load'));
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ code: 'FRAME_LOST' }));
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    await expect(session.updateFromForm('card')).rejects.toBe(onError.mock.calls[0]![0]);
    session.destroy();
  });

  it('a pending update rejects when its frame is lost', async () => {
    connector.update = () => new Promise(() => {});
    const session = createPaymentSession(options(), connector);
    await session.ready;
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const pending = session.updateFromForm('card');
    connector.hub().emit({ type: 'fieldLost', role: 'card.number' });
    await expect(pending).rejects.toMatchObject({ code: 'FRAME_LOST' });
  });
});

function configureError(config: unknown): HostedSessionError {
  try {
    createPaymentSession(config as CreatePaymentSessionOptions, connector);
  } catch (error) {
    expect(error).toBeInstanceOf(HostedSessionError);
    return error as HostedSessionError;
  }
  throw new Error('createPaymentSession accepted the configuration');
}

describe('createPaymentSession stays strict: a bad configuration throws at once, naming the option', () => {
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
    ['no field', { fields: { card: {} } }, 'fields must name at least one field'],
    [
      'an unknown gift card field',
      { fields: { card: CARD, giftCard: { cvv: '#other' } } },
      'unknown option "fields.giftCard.cvv"',
    ],
    ['a session that is not a string', { session: 42 }, 'session must be the session id string'],
  ])('%s', (_name, change, message) => {
    const error = configureError({ ...options(), ...change });
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain(`Invalid configuration: ${message}`);
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('rejects a configuration that is not an object', () => {
    expect(configureError(undefined).message).toBe('Invalid configuration: configuration must be an object');
  });
});

describe('destroy', () => {
  it('removes the frames, restores the placeholders, closes every connection; idempotent', async () => {
    const session = createPaymentSession(options(), connector);
    await session.ready;
    session.destroy();
    session.destroy();
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    for (const selector of Object.values(CARD)) {
      expect((document.querySelector(selector) as HTMLElement).style.display).toBe('');
    }
    expect(connector.frames.every((frame) => frame.destroyed)).toBe(true);
  });

  it('afterwards every method throws a DESTROYED error', async () => {
    const session = createPaymentSession(options(), connector);
    session.destroy();
    await expect(session.ready).rejects.toMatchObject({ code: 'DESTROYED' });
    const calls: Array<(s: PaymentSession) => unknown> = [
      (s) => s.updateFromForm('card'),
      (s) => s.validate('card'),
      (s) => s.focus('card.number'),
      (s) => s.setStyle('focus', { color: 'red' }),
      (s) => s.setMessage('card.number', 'x'),
      (s) => s.setLocale('de_DE'),
      (s) => s.on('focus', () => {}),
      (s) => s.update({}),
      (s) => s.update({ styles: { base: { color: 'red' } } }),
      (s) => s.setStyle('base', { color: 'red' }, []),
      (s) => s.clear(),
      (s) => s.blur('card.number'),
      (s) => s.setSession('SESSION000218450948092491657999'),
    ];
    for (const call of calls) {
      let thrown: unknown;
      try {
        call(session);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HostedSessionError);
      expect(thrown).toMatchObject({
        code: 'DESTROYED',
        message: 'This payment session was destroyed; create a new one.',
      });
    }
  });

  it('stops events reaching handlers', async () => {
    const session = createPaymentSession(options(), connector);
    await session.ready;
    const focus = vi.fn();
    session.on('focus', focus);
    const number = connector.field('card.number');
    session.destroy();
    number.emit({ type: 'focus' });
    expect(focus).not.toHaveBeenCalled();
  });

  it('survives React StrictMode: mount, destroy, mount leaves exactly one frame per field', async () => {
    const first = createPaymentSession(options(), connector);
    first.destroy();
    const second = createPaymentSession(options(), connector);
    await expect(first.ready).rejects.toMatchObject({ code: 'DESTROYED' });
    await expect(second.ready).resolves.toBeUndefined();
    expect(fieldFrames()).toHaveLength(5);
    expect(document.querySelectorAll('iframe[aria-hidden="true"]')).toHaveLength(1);
    for (const selector of Object.values(CARD)) {
      const placeholder = document.querySelector(selector) as HTMLElement;
      expect(placeholder.style.display).toBe('none');
      expect(placeholder.previousElementSibling?.tagName).toBe('IFRAME');
      expect(placeholder.previousElementSibling?.previousElementSibling?.tagName).not.toBe('IFRAME');
    }
    second.destroy();
  });

  it('removes every listener it added', async () => {
    const added: Array<[EventTarget, string, unknown]> = [];
    const removed: Array<[EventTarget, string, unknown]> = [];
    // happy-dom's EventTarget, which its nodes inherit from (the global one may be Node's).
    const proto = Object.getPrototypeOf(Node.prototype) as EventTarget;
    const add = proto.addEventListener;
    const remove = proto.removeEventListener;
    vi.spyOn(proto, 'addEventListener').mockImplementation(function (
      this: EventTarget,
      type,
      listener,
      opts,
    ) {
      added.push([this, type, listener]);
      add.call(this, type, listener, opts);
    });
    vi.spyOn(proto, 'removeEventListener').mockImplementation(function (
      this: EventTarget,
      type,
      listener,
      opts,
    ) {
      removed.push([this, type, listener]);
      remove.call(this, type, listener, opts);
    });
    const session = createPaymentSession(options(), connector);
    await session.ready;
    expect(added.some(([target, type]) => target === document && type === 'click')).toBe(true);
    expect(added.filter(([, type]) => type === 'load')).toHaveLength(6);
    session.destroy();
    for (const [target, type, listener] of added) {
      expect(removed).toContainEqual([target, type, listener]);
    }
  });
});

describe('the connector contract', () => {
  it('types frame methods so that none can return a field value', () => {
    // Checked by the typecheck: field frames answer with nothing but refused style names; the hub with
    // its id, the masked update body or validity.
    expectTypeOf<Awaited<ReturnType<FieldRemote[keyof FieldRemote]>>>().toEqualTypeOf<void | string[]>();
    expectTypeOf<Awaited<ReturnType<HubRemote[keyof HubRemote]>>>().toEqualTypeOf<
      void | string | FormSessionUpdateResponse | ValidateResult
    >();
  });

  it('the page calls only command, update and validate methods on frames', async () => {
    const used = new Set<string>();
    const remote = <T>(answer: unknown): T =>
      new Proxy({} as Record<string, unknown>, {
        get: (_target, prop) => {
          if (prop === 'then') return undefined;
          used.add(String(prop));
          return async () => answer;
        },
      }) as T;
    const spying: FrameConnector = {
      connectField: () => ({ remote: Promise.resolve(remote<FieldRemote>([])), destroy() {} }),
      connectHub: () => ({ remote: Promise.resolve(remote<HubRemote>(response('x'))), destroy() {} }),
    };
    const session = createPaymentSession(options(), spying);
    await session.ready;
    session.on('focus', () => {});
    session.focus('card.number');
    session.setStyle('focus', { color: 'red' });
    session.setMessage('card.number', 'x');
    session.setLocale('de_DE');
    await session.updateFromForm('card');
    await session.validate('card');
    await flush();
    expect([...used].sort()).toEqual([
      'configure',
      'focus',
      'setLocale',
      'setMessage',
      'setStyle',
      'updateSessionFromForm',
      'validate',
    ]);
    session.destroy();
  });
});

describe('after mount', () => {
  const commands = (role: string) =>
    connector.field(role as never).calls.filter(([method]) => method !== 'configure');

  it('blur moves the focus out of the field, in the frame and on the page', async () => {
    const session = createPaymentSession(options(), connector);
    await session.ready;
    const iframe = connector.field('card.number').iframe;
    const blurred = vi.spyOn(iframe, 'blur');
    session.blur('card.number');
    await flush();
    expect(commands('card.number')).toEqual([['blur']]);
    expect(blurred).toHaveBeenCalledOnce();
    session.destroy();
  });

  it('update changes styles, placeholder texts and the locale of the mounted fields', async () => {
    const session = createPaymentSession(options(), connector);
    await session.ready;
    session.update({
      styles: { invalid: { color: 'red' } },
      placeholders: { 'card.number': 'Card number, 16 digits' },
      locale: 'fr_FR',
    });
    await flush();
    expect(commands('card.number')).toEqual([
      ['setStyle', 'invalid', { color: 'red' }],
      ['setPlaceholder', 'Card number, 16 digits'],
      ['setLocale', 'fr_FR'],
    ]);
    expect(commands('card.securityCode')).toEqual([
      ['setStyle', 'invalid', { color: 'red' }],
      ['setLocale', 'fr_FR'],
    ]);
    expect(() => session.update({ placeholders: { 'card.number': 4 as never } })).toThrow(
      'Invalid configuration: placeholders.card.number must be a string',
    );
    expect(() => session.update({ placeholders: { 'card.pin': 'x' } as never })).toThrow('Unknown role');
    session.destroy();
  });

  it('setSession points the hub at another session; answers for it pass, for the old one fail', async () => {
    const next = 'SESSION000218450948092491657999';
    const session = createPaymentSession(options(), connector);
    await session.setSession(next);
    expect(connector.hub().calls).toContainEqual(['setSession', next]);
    connector.update = async () => ({
      status: 'system_error',
      session: { id: next },
      errors: { message: 'declined' },
      version: '100',
    });
    await expect(session.updateFromForm('card')).resolves.toMatchObject({ session: { id: next } });
    connector.update = async () => response('declined');
    await expect(session.updateFromForm('card')).rejects.toMatchObject({ code: 'SESSION_MISMATCH' });
    expect(() => createPaymentSession(options(), new FakeConnector()).setSession('')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('authenticate() authenticates the session the form is on now, after setSession too', async () => {
    const next = 'SESSION000218450948092491657999';
    const sent: { authorization: string; body: { session: { id: string } } }[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push({
        authorization: (init.headers as Record<string, string>).authorization!,
        body: JSON.parse(init.body as string),
      });
      return new Response(JSON.stringify({ error: { explanation: 'No card in the session.' } }), {
        status: 400,
      });
    });
    try {
      const session = createPaymentSession(options(), connector);
      await session.setSession(next);
      await expect(
        session.authenticate({ orderId: 'order-1', transactionId: 'auth-1' }),
      ).rejects.toMatchObject({
        code: 'AUTHENTICATION_ERROR',
      });
      expect(sent).toHaveLength(1);
      expect(sent[0]!.body.session.id).toBe(next);
      expect(atob(sent[0]!.authorization.replace('Basic ', ''))).toBe(`merchant.TESTMERCHANT:${next}`);
      session.destroy();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('setDisabled makes every field, or those named, non-editable; booleans only', async () => {
    const session = createPaymentSession(options(), connector);
    session.setDisabled(true);
    session.setDisabled(false, ['card.number']);
    await session.ready;
    await flush();
    expect(commands('card.number')).toEqual([
      ['setDisabled', true],
      ['setDisabled', false],
    ]);
    expect(commands('card.securityCode')).toEqual([['setDisabled', true]]);
    expect(() => session.setDisabled('yes' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    session.destroy();
  });

  it('passes on the autofill event with its role', async () => {
    const session = createPaymentSession(options(), connector);
    await session.ready;
    const autofill = vi.fn();
    session.on('autofill', autofill);
    connector.field('card.number').emit({ type: 'autofill' });
    expect(autofill).toHaveBeenCalledExactlyOnceWith({
      type: 'autofill',
      role: 'card.number',
      selector: '#card-number',
    });
    session.destroy();
  });
});

describe('a failed session', () => {
  it('throws its failure from every command, rather than doing nothing', async () => {
    const session = createPaymentSession(options(), connector);
    await session.ready;
    session.on('error', () => {});
    connector.hub().emit({ type: 'fieldLost', role: 'card.number' });
    const commands: Array<(s: PaymentSession) => unknown> = [
      (s) => s.focus('card.number'),
      (s) => s.blur('card.number'),
      (s) => s.clear(),
      (s) => s.update({}),
      (s) => s.setStyle('base', { color: 'red' }),
      (s) => s.setStyle('base', { color: 'red' }, []),
      (s) => s.setMessage('card.number', 'x'),
      (s) => s.setLocale('de_DE'),
    ];
    for (const command of commands)
      expect(() => command(session)).toThrow(expect.objectContaining({ code: 'FRAME_LOST' }));
    await expect(session.validate('card')).rejects.toMatchObject({ code: 'FRAME_LOST' });
    session.destroy();
    expect(() => session.update({})).toThrow(expect.objectContaining({ code: 'DESTROYED' }));
  });
});

describe('the hub frame', () => {
  it('removed by the page: the form fails, says so, and a pending update rejects', async () => {
    connector.update = () => new Promise(() => {});
    const session = createPaymentSession(options(), connector);
    await session.ready;
    const error = vi.fn();
    session.on('error', error);
    const pending = session.updateFromForm('card');
    connector.hub().iframe.remove();
    await expect(pending).rejects.toMatchObject({ code: 'FRAME_LOST' });
    expect(error).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ code: 'FRAME_LOST' }));
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    expect(connector.frames.every((frame) => frame.destroyed)).toBe(true);
    await expect(session.validate('card')).rejects.toMatchObject({ code: 'FRAME_LOST' });
  });

  it('silent: a call it never answers fails the form with TIMEOUT', async () => {
    vi.useFakeTimers();
    try {
      connector.update = () => new Promise(() => {});
      const session = createPaymentSession(options(), connector);
      await vi.advanceTimersByTimeAsync(0);
      await session.ready;
      const error = vi.fn();
      session.on('error', error);
      const pending = session.updateFromForm('card');
      pending.catch(() => {});
      await vi.advanceTimersByTimeAsync(29_000);
      expect(error).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1_000);
      await expect(pending).rejects.toMatchObject({ code: 'TIMEOUT' });
      expect(error).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ code: 'TIMEOUT' }));
      expect(document.querySelectorAll('iframe')).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an update sent before setSession is checked against the session it went to', async () => {
    const next = 'SESSION000218450948092491657999';
    let answer!: (response: FormSessionUpdateResponse) => void;
    connector.update = () => new Promise((resolve) => (answer = resolve));
    const session = createPaymentSession(options(), connector);
    await session.ready;
    const error = vi.fn();
    session.on('error', error);
    const update = session.updateFromForm('card');
    const moved = session.setSession(next);
    await moved;
    answer(response('stored'));
    await expect(update).resolves.toMatchObject({ session: { id: SESSION } });
    expect(error).not.toHaveBeenCalled();
    // Later updates go to the new session, and are checked against it.
    connector.update = async () => ({
      status: 'system_error',
      session: { id: next },
      errors: { message: 'declined' },
      version: '100',
    });
    await expect(session.updateFromForm('card')).resolves.toMatchObject({ session: { id: next } });
    session.destroy();
  });
});

describe('placeholders in a shadow root', () => {
  function shadowForm(): ShadowRoot {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<input id="n" readonly><input id="c" readonly>';
    return root;
  }

  it('removed there, take the whole form down', async () => {
    const root = shadowForm();
    const fields = { card: { number: root.getElementById('n')!, securityCode: root.getElementById('c')! } };
    const session = createPaymentSession(options({ fields }), connector);
    await session.ready;
    const error = vi.fn();
    session.on('error', error);
    root.getElementById('n')!.remove();
    await flush();
    expect(error).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ code: 'FRAME_LOST' }));
    expect(root.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('moved into a root nothing watches, then removed: the next hub call finds it gone', async () => {
    const session = createPaymentSession(options(), connector);
    await session.ready;
    session.on('error', () => {});
    const hub = connector.hub();
    const root = shadowForm();
    const placeholder = document.querySelector('#cardholder-name')!;
    root.append(placeholder);
    await flush();
    placeholder.remove();
    await flush();
    await expect(session.validate('card')).rejects.toMatchObject({ code: 'FRAME_LOST' });
    expect(hub.calls.some(([method]) => method === 'validate')).toBe(false);
  });
});

describe('a placeholder removed by the page', () => {
  it('takes its frame and the whole form down, and says so', async () => {
    const session = createPaymentSession(options(), connector);
    await session.ready;
    const error = vi.fn();
    session.on('error', error);
    document.querySelector('#security-code')!.closest('label')!.remove();
    await flush();
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ code: 'FRAME_LOST' }));
    await expect(session.updateFromForm('card')).rejects.toMatchObject({ code: 'FRAME_LOST' });
  });
});

describe('the configuration check', () => {
  it.each(['UNKNOWN_MERCHANT', 'ORIGIN_NOT_ALLOWED', 'GATEWAY_UNREACHABLE'] as const)(
    'fails ready with %s at once, long before the timeout, and removes the frames',
    async (code) => {
      const checked = new FakeConnector(true);
      checked.checkGateway = async (gateway) => {
        expect(gateway).toEqual({
          origin: 'https://gateway.test',
          apiVersion: '100',
          merchantId: 'TESTMERCHANT',
        });
        return new HostedSessionError(code, 'refused');
      };
      const session = createPaymentSession({ ...options(), timeout: 60_000 }, checked);
      await expect(session.ready).rejects.toMatchObject({ code });
      expect(document.querySelectorAll('iframe')).toHaveLength(0);
    },
  );
});
