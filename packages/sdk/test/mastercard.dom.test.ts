import type { CardRole, FormSessionUpdateResponse } from '@hosted-session/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMastercardPaymentSession, type MastercardConfig } from '../src/mastercard/payment-session.ts';
import { CARD, FakeConnector, FORM, GATEWAY, fieldFrames, flush } from './fake-connector.ts';

let connector: FakeConnector;
let PaymentSession: ReturnType<typeof createMastercardPaymentSession>;

const OK: FormSessionUpdateResponse = {
  status: 'ok',
  merchant: 'TESTMERCHANT',
  session: { id: 'SESSION000218450948092491657986', updateStatus: 'SUCCESS', version: 'e3f144ce02' },
  sourceOfFunds: {
    provided: {
      card: {
        brand: 'MASTERCARD',
        scheme: 'MASTERCARD',
        fundingMethod: 'DEBIT',
        expiry: { month: '1', year: '39' },
        nameOnCard: 'John Smith',
        number: '512345xxxxxx8769',
        securityCode: 'xxx',
      },
    },
    type: 'CARD',
  },
  version: '100',
};

const config = (
  callbacks: MastercardConfig['callbacks'] = {},
  card: MastercardConfig['fields']['card'] = CARD,
): MastercardConfig => ({
  session: 'SESSION000218450948092491657986',
  fields: { card },
  frameEmbeddingMitigation: ['javascript'],
  callbacks,
});

beforeEach(() => {
  document.body.innerHTML = FORM;
  connector = new FakeConnector();
  PaymentSession = createMastercardPaymentSession(GATEWAY, connector, 1000);
});

afterEach(() => vi.restoreAllMocks());

describe('event handlers receive (selector, payload) as in Mastercard’s table', () => {
  beforeEach(async () => {
    PaymentSession.configure(config());
    await flush();
  });

  it.each([
    ['onFocus', 'focus'],
    ['onBlur', 'blur'],
    ['onChange', 'change'],
    ['onMouseOver', 'mouseover'],
    ['onMouseOut', 'mouseout'],
  ] as const)('%s gets the selector and the bare role', (fn, type) => {
    const handler = vi.fn();
    PaymentSession[fn](['card.number', 'card.expiryMonth'], handler);
    connector.field('card.expiryMonth').emit({ type });
    connector.field('card.number').emit({ type });
    connector.field('card.securityCode').emit({ type });
    connector.field('card.number').emit({ type: type === 'focus' ? 'blur' : 'focus' });
    expect(handler.mock.calls).toEqual([
      ['#expiry-month', 'expiryMonth'],
      ['#card-number', 'number'],
    ]);
  });

  it('Enter in a hosted field submits the placeholder’s form, as in a native input', () => {
    const form = document.querySelector('form')!;
    const submitted = vi.fn((event: Event) => event.preventDefault());
    form.addEventListener('submit', submitted);
    connector.field('card.securityCode').emit({ type: 'submit' });
    expect(submitted).toHaveBeenCalledTimes(1);
    connector.field('card.number').emit({ type: 'focus' });
    expect(submitted).toHaveBeenCalledTimes(1);
  });

  it('onValidityChange gets {isValid, isIncomplete, hasError, errorReason}', () => {
    const handler = vi.fn();
    PaymentSession.onValidityChange(['card.securityCode'], handler);
    const validity = {
      isValid: false,
      isIncomplete: false,
      hasError: true,
      errorReason: 'INVALID_LENGTH' as const,
    };
    connector.field('card.securityCode').emit({ type: 'validity', validity });
    expect(handler).toHaveBeenCalledExactlyOnceWith('#security-code', validity);
  });

  it('onEmptinessChange gets {isEmpty}', () => {
    const handler = vi.fn();
    PaymentSession.onEmptinessChange(['card.nameOnCard'], handler);
    connector.field('card.nameOnCard').emit({ type: 'emptiness', isEmpty: false });
    expect(handler).toHaveBeenCalledExactlyOnceWith('#cardholder-name', { isEmpty: false });
  });

  it('onCardTypeChange gets {status, brand, scheme}', () => {
    const handler = vi.fn();
    PaymentSession.onCardTypeChange(handler);
    connector
      .field('card.number')
      .emit({ type: 'cardType', cardType: { status: 'SUPPORTED', brand: 'AMEX', scheme: 'AMEX' } });
    connector.field('card.number').emit({ type: 'cardType', cardType: { status: 'INSUFFICIENT_LENGTH' } });
    expect(handler.mock.calls).toEqual([
      ['#card-number', { status: 'SUPPORTED', brand: 'AMEX', scheme: 'AMEX' }],
      ['#card-number', { status: 'INSUFFICIENT_LENGTH' }],
    ]);
  });

  it('onCardBINChange gets {BIN}', () => {
    const handler = vi.fn();
    PaymentSession.onCardBINChange(handler);
    connector.field('card.number').emit({ type: 'bin', bin: '512345' });
    expect(handler).toHaveBeenCalledExactlyOnceWith('#card-number', { BIN: '512345' });
  });

  it('passes on state only: anything else a frame sends never reaches a handler', () => {
    const validity = vi.fn();
    const bin = vi.fn();
    const focus = vi.fn();
    PaymentSession.onValidityChange(['card.number'], validity);
    PaymentSession.onCardBINChange(bin);
    PaymentSession.onFocus(['card.number'], focus);
    const number = connector.field('card.number');
    number.emit({
      type: 'validity',
      validity: { isValid: true, isIncomplete: false, hasError: false, value: '5123450000000008' },
    });
    number.emit({ type: 'bin', bin: '5123450000000008' });
    number.emit({ type: 'focus', value: '5123450000000008', length: 16 });
    number.emit({ type: 'value', value: '5123450000000008' });
    expect(validity).toHaveBeenCalledExactlyOnceWith('#card-number', {
      isValid: true,
      isIncomplete: false,
      hasError: false,
    });
    expect(bin).not.toHaveBeenCalled();
    expect(focus).toHaveBeenCalledExactlyOnceWith('#card-number', 'number');
  });

  it('a later handler for the same role replaces the earlier one; a throwing handler does not stop others', () => {
    const first = vi.fn();
    const second = vi.fn(() => {
      throw new Error('merchant bug');
    });
    const blur = vi.fn();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    PaymentSession.onFocus(['card.number'], first);
    PaymentSession.onFocus(['card.number'], second);
    PaymentSession.onFocus(['card.securityCode'], blur);
    connector.field('card.number').emit({ type: 'focus' });
    connector.field('card.securityCode').emit({ type: 'focus' });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
    expect(blur).toHaveBeenCalledOnce();
    expect(logged).toHaveBeenCalledWith(new Error('merchant bug'));
  });

  it('rejects unknown roles and non-function handlers', () => {
    expect(() => PaymentSession.onFocus(['card.cvv' as CardRole], () => {})).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: 'Unknown role "card.cvv"' }),
    );
    expect(() => PaymentSession.onFocus('card.number' as never, () => {})).toThrow('roles must be an array');
    expect(() => PaymentSession.onBlur(['card.number'], undefined as never)).toThrow(
      'The handler must be a function',
    );
  });
});

describe('commands', () => {
  it('maps the four style functions to their states and warns about refused properties', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    PaymentSession.configure(config());
    await flush();
    connector.refusedStyles = ['background'];
    PaymentSession.setFocusStyle(['card.number'], { borderColor: 'blue', background: 'url(x)' });
    PaymentSession.setHoverStyle(['card.number'], { color: 'red' });
    PaymentSession.setPlaceholderStyle(['card.number'], { color: 'grey' });
    PaymentSession.setPlaceholderShownStyle(['card.number', 'card.securityCode'], { fontStyle: 'italic' });
    await flush();
    expect(connector.field('card.number').calls.slice(1)).toEqual([
      ['setStyle', 'focus', { borderColor: 'blue', background: 'url(x)' }],
      ['setStyle', 'hover', { color: 'red' }],
      ['setStyle', 'placeholder', { color: 'grey' }],
      ['setStyle', 'placeholderShown', { fontStyle: 'italic' }],
    ]);
    expect(connector.field('card.securityCode').calls.slice(1)).toEqual([
      ['setStyle', 'placeholderShown', { fontStyle: 'italic' }],
    ]);
    expect(warn).toHaveBeenCalledWith('hosted-session: card.number refused the style properties background');
  });

  it('queues commands given before the frame connects and applies them in order, after configure', async () => {
    const manual = new FakeConnector(true);
    PaymentSession = createMastercardPaymentSession(GATEWAY, manual, 1000);
    PaymentSession.configure(config());
    PaymentSession.setFocusStyle(['card.number'], { color: 'blue' });
    PaymentSession.setMessage('card.number', 'Wrong number');
    PaymentSession.setLocale('de_DE');
    await flush();
    expect(manual.field('card.number').calls).toEqual([]);
    manual.field('card.number').connect();
    await flush();
    // A field is configured with its hub's id, so everything waits for the hub too.
    expect(manual.field('card.number').calls).toEqual([]);
    manual.hub().connect();
    await flush();
    expect(manual.field('card.number').calls.map(([method]) => method)).toEqual([
      'configure',
      'setStyle',
      'setMessage',
      'setLocale',
    ]);
    expect(manual.field('card.number').calls.slice(2)).toEqual([
      ['setMessage', 'Wrong number'],
      ['setLocale', 'de_DE'],
    ]);
  });

  it('setFocus focuses the iframe, then the frame’s input', async () => {
    PaymentSession.configure(config());
    await flush();
    PaymentSession.setFocus('card.securityCode');
    expect(document.activeElement).toBe(connector.field('card.securityCode').iframe);
    await flush();
    expect(connector.field('card.securityCode').calls.at(-1)).toEqual(['focus']);
  });

  it('setLocale refuses an unknown locale', async () => {
    PaymentSession.configure(config());
    expect(() => PaymentSession.setLocale('xx' as never)).toThrow('Unsupported locale "xx"');
  });

  it('a call before configure says so', () => {
    expect(() => PaymentSession.updateSessionFromForm('card')).toThrow('Call configure first');
    expect(() => PaymentSession.setHoverStyle(['card.number'], {})).toThrow('Call configure first');
  });
});

describe('updateSessionFromForm and validate', () => {
  it('passes the hub’s response to formSessionUpdate unchanged, with the local brand', async () => {
    const formSessionUpdate = vi.fn();
    connector.update = async () => OK;
    PaymentSession.configure(config({ formSessionUpdate }));
    PaymentSession.updateSessionFromForm('card', 'CARTES_BANCAIRES');
    await flush();
    expect(connector.hub().calls.at(-1)).toEqual(['updateSessionFromForm', 'card', 'CARTES_BANCAIRES']);
    expect(formSessionUpdate).toHaveBeenCalledExactlyOnceWith(OK);
  });

  it('passes fields_in_error through', async () => {
    const formSessionUpdate = vi.fn();
    const inError: FormSessionUpdateResponse = {
      status: 'fields_in_error',
      session: { id: 'SESSION000218450948092491657986' },
      errors: { cardNumber: 'invalid', securityCode: 'missing' },
      version: '100',
    };
    connector.update = async () => inError;
    PaymentSession.configure(config({ formSessionUpdate }));
    PaymentSession.updateSessionFromForm('card');
    await flush();
    expect(formSessionUpdate).toHaveBeenCalledExactlyOnceWith(inError);
  });

  it('turns a failed call into a system_error response', async () => {
    const formSessionUpdate = vi.fn();
    connector.update = async () => {
      throw new Error('hub crashed');
    };
    PaymentSession.configure(config({ formSessionUpdate }));
    PaymentSession.updateSessionFromForm('card');
    await flush();
    expect(formSessionUpdate).toHaveBeenCalledExactlyOnceWith({
      status: 'system_error',
      session: { id: 'SESSION000218450948092491657986' },
      errors: { message: 'A payment form frame failed: Error: hub crashed' },
      version: '100',
    });
  });

  it('never reports success for another session than the one configured, and tears the scope down', async () => {
    const formSessionUpdate = vi.fn();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // A hub that someone else configured first (or an older hub that took a second configuration).
    const elsewhere = structuredClone(OK);
    elsewhere.session.id = 'SESSION000218450948092491657999';
    connector.update = async () => elsewhere;
    PaymentSession.configure(config({ formSessionUpdate }));
    PaymentSession.updateSessionFromForm('card');
    await flush();
    const message = 'The payment session frame answered for another session; the payment form was torn down.';
    expect(formSessionUpdate).toHaveBeenCalledExactlyOnceWith({
      status: 'system_error',
      session: { id: 'SESSION000218450948092491657986' },
      errors: { message },
      version: '100',
    });
    expect(JSON.stringify(formSessionUpdate.mock.calls)).not.toContain('512345');
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    expect(error).toHaveBeenCalledWith(`hosted-session: ${message}`);
    PaymentSession.updateSessionFromForm('card');
    await flush();
    expect(formSessionUpdate.mock.calls.at(-1)?.[0]).toMatchObject({ status: 'system_error' });
  });

  it('refuses payment types the form has no fields for', () => {
    PaymentSession.configure(config());
    expect(() => PaymentSession.updateSessionFromForm('ach')).toThrow('This payment form has no ach fields');
  });

  it('validate hands the hub’s result to the callback', async () => {
    connector.validation = {
      card: { isValid: false, number: { isValid: false, isIncomplete: true, hasError: false } },
    };
    PaymentSession.configure(config());
    const callback = vi.fn();
    PaymentSession.validate('card', callback);
    await flush();
    expect(connector.hub().calls.at(-1)).toEqual(['validate', 'card']);
    expect(callback).toHaveBeenCalledExactlyOnceWith(connector.validation);
  });
});

describe('scopes', () => {
  beforeEach(async () => {
    document.body.innerHTML += '<input id="n2"><input id="c2">';
    PaymentSession.configure(config({}, { number: '#card-number', securityCode: '#security-code' }), 'first');
    PaymentSession.configure(config({}, { number: '#n2', securityCode: '#c2' }), 'second');
    await flush();
  });

  const numberOf = (scope: number) => connector.frames.filter((f) => f.role === 'card.number')[scope]!;

  it('make the scope mandatory for updateSessionFromForm, setFocus and validate', () => {
    const required = 'configure was called with a scope: pass the scope too';
    expect(() => PaymentSession.updateSessionFromForm('card')).toThrow(
      expect.objectContaining({ code: 'SCOPE_REQUIRED', message: required }),
    );
    expect(() => PaymentSession.setFocus('card.number')).toThrow(required);
    expect(() => PaymentSession.validate('card', () => {})).toThrow(required);
    expect(() => PaymentSession.setFocus('card.number', 'third')).toThrow('No configure for scope "third"');
  });

  it('run independently: each scope updates through its own hub, into its own callback', async () => {
    const first = vi.fn();
    const second = vi.fn();
    PaymentSession.configure(
      config({ formSessionUpdate: first }, { number: '#card-number', securityCode: '#security-code' }),
      'first',
    );
    PaymentSession.configure(
      config({ formSessionUpdate: second }, { number: '#n2', securityCode: '#c2' }),
      'second',
    );
    connector.update = async () => OK;
    PaymentSession.updateSessionFromForm('card', undefined, 'second');
    await flush();
    expect(second).toHaveBeenCalledExactlyOnceWith(OK);
    expect(first).not.toHaveBeenCalled();
    const hubs = connector.frames.filter((f) => f.kind === 'hub' && !f.destroyed);
    expect(hubs.map((hub) => hub.calls.length)).toEqual([1, 2]);
    PaymentSession.setFocus('card.number', 'first');
    expect(document.activeElement).toBe(document.querySelector('#card-number')!.previousElementSibling);
  });

  it('events without a scope come from every scope; with a scope only from that one', () => {
    const all = vi.fn();
    const onlySecond = vi.fn();
    PaymentSession.onBlur(['card.number'], all);
    PaymentSession.onFocus(['card.number'], onlySecond, 'second');
    for (const index of [0, 1]) {
      numberOf(index).emit({ type: 'blur' });
      numberOf(index).emit({ type: 'focus' });
    }
    expect(all.mock.calls).toEqual([
      ['#card-number', 'number'],
      ['#n2', 'number'],
    ]);
    expect(onlySecond.mock.calls).toEqual([['#n2', 'number']]);
  });

  it('styles without a scope apply to every scope; with a scope only to that one', async () => {
    PaymentSession.setHoverStyle(['card.number'], { color: 'red' });
    PaymentSession.setFocusStyle(['card.number'], { color: 'blue' }, 'first');
    await flush();
    expect(numberOf(0).calls.slice(1)).toEqual([
      ['setStyle', 'hover', { color: 'red' }],
      ['setStyle', 'focus', { color: 'blue' }],
    ]);
    expect(numberOf(1).calls.slice(1)).toEqual([['setStyle', 'hover', { color: 'red' }]]);
  });

  it('a scope whose configure is repeated is replaced, not doubled', () => {
    PaymentSession.configure(config({}, { number: '#n2', securityCode: '#c2' }), 'second');
    expect(fieldFrames()).toHaveLength(4);
    expect(document.querySelectorAll('iframe[aria-hidden="true"]')).toHaveLength(2);
  });
});

describe('a frame that reloads or goes away', () => {
  it('tears its scope down, logs, and fails the next updateSessionFromForm with a system_error', async () => {
    const formSessionUpdate = vi.fn();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    PaymentSession.configure(config({ formSessionUpdate }));
    await flush();
    const iframe = connector.field('card.number').iframe;
    iframe.dispatchEvent(new Event('load'));
    expect(fieldFrames()).toHaveLength(5);
    iframe.dispatchEvent(new Event('load'));
    const message = 'The card.number frame reloaded or went away; the payment form was torn down.';
    expect(logged).toHaveBeenCalledWith(`hosted-session: ${message}`);
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    expect((document.querySelector('#card-number') as HTMLElement).style.display).toBe('');
    PaymentSession.updateSessionFromForm('card');
    await flush();
    expect(formSessionUpdate).toHaveBeenCalledExactlyOnceWith({
      status: 'system_error',
      session: { id: 'SESSION000218450948092491657986' },
      errors: { message },
      version: '100',
    });
    PaymentSession.configure(config({ formSessionUpdate }));
    expect(fieldFrames()).toHaveLength(5);
  });

  it('the hub’s fieldLost does the same', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    PaymentSession.configure(config());
    await flush();
    connector.hub().emit({ type: 'fieldLost', role: 'card.expiryYear' });
    expect(logged).toHaveBeenCalledWith(
      'hosted-session: The card.expiryYear frame reloaded or went away; the payment form was torn down.',
    );
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('before initialization it is reported through initialized', async () => {
    const initialized = vi.fn();
    const manual = new FakeConnector(true);
    PaymentSession = createMastercardPaymentSession(GATEWAY, manual, 1000);
    PaymentSession.configure(config({ initialized }));
    const hub = manual.hub().iframe;
    hub.dispatchEvent(new Event('load'));
    hub.dispatchEvent(new Event('load'));
    await flush();
    expect(initialized).toHaveBeenCalledExactlyOnceWith({
      status: 'system_error',
      message: 'The payment session frame reloaded or went away; the payment form was torn down.',
    });
  });
});

describe('configure again with a new session (after a decline)', () => {
  const NEXT = 'SESSION000218450948092491657999';

  it('keeps the frames and what the payer typed, points the hub at the new session, and reports ok', async () => {
    PaymentSession.configure(config());
    await flush();
    const frames = fieldFrames();
    const initialized = vi.fn();
    const formSessionUpdate = vi.fn();
    PaymentSession.configure({ ...config({ initialized, formSessionUpdate }), session: NEXT });
    await flush();
    expect(fieldFrames()).toEqual(frames);
    expect(connector.hub().calls).toContainEqual(['setSession', NEXT]);
    expect(initialized).toHaveBeenCalledExactlyOnceWith({ status: 'ok' });
    // The page's check follows the new session: an answer for it is success, for the old one a mismatch.
    connector.update = async () => ({ ...OK, session: { ...OK.session, id: NEXT } });
    PaymentSession.updateSessionFromForm('card');
    await flush();
    expect(formSessionUpdate).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'ok' }));
  });

  it('mounts anew when anything but the session changed', async () => {
    PaymentSession.configure(config());
    await flush();
    const [number] = fieldFrames();
    PaymentSession.configure({ ...config({}, { ...CARD, nameOnCard: undefined }), session: NEXT });
    await flush();
    expect(number!.isConnected).toBe(false);
    expect(fieldFrames()).toHaveLength(4);
    expect(connector.hub().calls).not.toContainEqual(['setSession', NEXT]);
  });

  it('refuses an empty new session id, and reports a hub that refuses the new one through initialized', async () => {
    PaymentSession.configure(config());
    await flush();
    const refused = vi.fn();
    PaymentSession.configure({ ...config({ initialized: refused }), session: '' });
    await flush();
    expect(refused).toHaveBeenCalledExactlyOnceWith({
      status: 'system_error',
      message: 'Invalid configuration: session must be the session id string',
    });
    const hub = connector.hub() as unknown as { calls: unknown[] };
    const initialized = vi.fn();
    vi.spyOn(hub.calls, 'push').mockImplementation(() => {
      throw new Error('Invalid session id');
    });
    PaymentSession.configure({ ...config({ initialized }), session: NEXT });
    await flush();
    expect(initialized).toHaveBeenCalledExactlyOnceWith({
      status: 'system_error',
      message: expect.stringContaining('Invalid session id'),
    });
  });
});
