import { act, cleanup, render, screen } from '@testing-library/react';
import { StrictMode, useState, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { FakeConnector, fieldFrames, flush } from '../../sdk/test/fake-connector.ts';
import {
  CardNumber,
  ExpiryMonth,
  ExpiryYear,
  HostedSessionProvider,
  NameOnCard,
  SecurityCode,
  useHostedField,
  useHostedSession,
  type HostedFieldProps,
  type HostedSession,
  type HostedSessionProviderProps,
} from '../src/index.ts';

let connector: FakeConnector;
beforeEach(() => {
  connector = new FakeConnector();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const OPTIONS = {
  gatewayUrl: 'https://gateway.test',
  merchantId: 'TESTMERCHANT',
  apiVersion: '100',
  session: 'SESSION0002816562472I0271878F98',
  frameEmbeddingMitigation: ['javascript'],
} satisfies Partial<HostedSessionProviderProps>;

const MONTHS = [
  { value: '', label: 'Month' },
  { value: '01', label: '01' },
];

let session: HostedSession;
function Probe(): null {
  session = useHostedSession();
  return null;
}

function Checkout(props: Partial<HostedSessionProviderProps> & { children?: ReactNode }): ReactNode {
  return (
    <HostedSessionProvider {...OPTIONS} connector={connector} {...props}>
      <form data-testid="form">
        <label htmlFor="number">Card number</label>
        <CardNumber id="number" placeholder="1234 1234 1234 1234" className="field" />
        <ExpiryMonth options={MONTHS} title="Expiry month" />
        <ExpiryYear placeholder="YY" />
        <SecurityCode placeholder="CVC" aria-describedby="csc-help" />
        <NameOnCard placeholder="Name on card" />
        {props.children}
      </form>
      <Probe />
    </HostedSessionProvider>
  );
}

/** Lets the effects commit and the fake frames connect. */
const settle = () => act(flush);

describe('HostedSessionProvider and the field components', () => {
  it('mounts one frame per field on its own placeholder, then reports ready', async () => {
    render(<Checkout />);
    expect(session.status).not.toBe('ready');
    await settle();
    expect(session.status).toBe('ready');
    expect(session.ready).toBe(true);
    expect(fieldFrames()).toHaveLength(5);
    const number = document.getElementById('number')!;
    expect(number.previousElementSibling).toBe(connector.field('card.number').iframe);
    expect(number.style.display).toBe('none');
    // The month is a <select>: its options travel to the frame, never a value.
    const [, month] = connector.field('card.expiryMonth').calls[0]!;
    expect(month).toMatchObject({
      options: [
        { value: '', label: 'Month' },
        { value: '01', label: '01' },
      ],
    });
    expect(connector.hub().calls[0]).toEqual([
      'configure',
      expect.objectContaining({ sessionId: OPTIONS.session }),
    ]);
    expect(Object.keys(session.fields).sort()).toEqual([
      'card.expiryMonth',
      'card.expiryYear',
      'card.nameOnCard',
      'card.number',
      'card.securityCode',
    ]);
  });

  it('sizes a field to its frame’s content unless the field’s style fixes a height', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    render(
      <HostedSessionProvider {...OPTIONS} connector={connector}>
        <CardNumber />
        <SecurityCode style={{ height: 48 }} />
      </HostedSessionProvider>,
    );
    await settle();
    connector.field('card.number').resize({ height: 64 });
    connector.field('card.securityCode').resize({ height: 64 });
    frames.splice(0).forEach((run) => run(performance.now()));
    expect(connector.field('card.number').iframe.style.height).toBe('64px');
    expect(connector.field('card.securityCode').iframe.style.height).not.toBe('64px');
  });

  it('leaves exactly one frame per field and one hub under StrictMode', async () => {
    render(
      <StrictMode>
        <Checkout />
      </StrictMode>,
    );
    await settle();
    expect(fieldFrames()).toHaveLength(5);
    expect(document.querySelectorAll('iframe[aria-hidden="true"]')).toHaveLength(1);
    expect(session.ready).toBe(true);
  });

  it('keeps its frames for equal options and for a new session id; mounts anew for another gateway', async () => {
    const view = render(<Checkout />);
    await settle();
    const first = connector.field('card.number').iframe;
    view.rerender(<Checkout frameEmbeddingMitigation={['javascript']} />);
    await settle();
    expect(connector.field('card.number').iframe).toBe(first);
    // After a decline: the same frames, pointed at the new session (the hub empties the security code).
    view.rerender(<Checkout session="SESSION0002816562472I0271878F99" />);
    await settle();
    expect(connector.field('card.number').iframe).toBe(first);
    expect(connector.hub().calls).toContainEqual(['setSession', 'SESSION0002816562472I0271878F99']);
    view.rerender(<Checkout session="SESSION0002816562472I0271878F99" gatewayUrl="https://other.test" />);
    await settle();
    expect(first.isConnected).toBe(false);
    expect(fieldFrames()).toHaveLength(5);
    expect(connector.hub().calls[0]).toEqual([
      'configure',
      expect.objectContaining({ sessionId: 'SESSION0002816562472I0271878F99' }),
    ]);
  });

  it('changes locale and styles in place', async () => {
    const view = render(<Checkout locale="en_US" styles={{ base: { color: 'black' } }} />);
    await settle();
    const number = connector.field('card.number');
    expect(number.calls).toContainEqual(['setStyle', 'base', { color: 'black' }]);
    view.rerender(<Checkout locale="fr_FR" styles={{ base: { color: 'navy' } }} />);
    await settle();
    expect(connector.field('card.number')).toBe(number);
    expect(number.calls).toContainEqual(['setLocale', 'fr_FR']);
    expect(number.calls).toContainEqual(['setStyle', 'base', { color: 'navy' }]);
  });

  it('mounts anew without a field that went away, and removes every frame when it unmounts', async () => {
    function Toggle(): ReactNode {
      const [name, setName] = useState(true);
      return (
        <HostedSessionProvider {...OPTIONS} connector={connector}>
          <CardNumber />
          {name && <NameOnCard />}
          <button onClick={() => setName(false)}>no name</button>
          <Probe />
        </HostedSessionProvider>
      );
    }
    const view = render(<Toggle />);
    await settle();
    expect(fieldFrames()).toHaveLength(2);
    await act(async () => screen.getByText('no name').click());
    await settle();
    expect(fieldFrames()).toHaveLength(1);
    expect(Object.keys(session.fields)).toEqual(['card.number']);
    expect(session.ready).toBe(true);
    view.unmount();
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('reports each field’s state from the frames’ events, and calls the field’s handlers', async () => {
    const onFocus = vi.fn();
    const onBlur = vi.fn();
    const onChange = vi.fn();
    let number: ReturnType<typeof useHostedField>;
    function NumberState(): null {
      number = useHostedField('card.number');
      return null;
    }
    render(
      <HostedSessionProvider {...OPTIONS} connector={connector}>
        <CardNumber onFocus={onFocus} onBlur={onBlur} onChange={onChange} />
        <NumberState />
      </HostedSessionProvider>,
    );
    await settle();
    expect(number!).toMatchObject({ focused: false, empty: true, valid: false, touched: false });
    const frame = connector.field('card.number');
    act(() => {
      frame.emit({ type: 'focus' });
      frame.emit({ type: 'emptiness', isEmpty: false });
      frame.emit({ type: 'validity', validity: { isValid: true, isIncomplete: false, hasError: false } });
      frame.emit({ type: 'cardType', cardType: { status: 'SUPPORTED', brand: 'VISA', scheme: 'VISA' } });
    });
    expect(number!).toMatchObject({ focused: true, empty: false, valid: true, hasError: false });
    expect(number!.cardType).toEqual({ status: 'SUPPORTED', brand: 'VISA', scheme: 'VISA' });
    expect(onFocus).toHaveBeenCalledOnce();
    act(() => frame.emit({ type: 'blur' }));
    expect(number!).toMatchObject({ focused: false, touched: true });
    expect(onBlur).toHaveBeenCalledOnce();
    expect(onChange).toHaveBeenLastCalledWith(number!);
    act(() =>
      frame.emit({
        type: 'validity',
        validity: { isValid: false, isIncomplete: false, hasError: true, errorReason: 'INVALID_VALUE' },
      }),
    );
    expect(number!).toMatchObject({ valid: false, hasError: true, errorReason: 'INVALID_VALUE' });
  });

  it('updateFromForm, validate, focus and clear reach the session', async () => {
    connector.update = async () => ({
      status: 'fields_in_error',
      session: { id: OPTIONS.session },
      errors: { cardNumber: 'invalid' },
      version: '100',
    });
    const empty = render(
      <HostedSessionProvider {...OPTIONS} connector={connector}>
        <Probe />
      </HostedSessionProvider>,
    );
    expect(session.status).toBe('idle');
    await expect(session.updateFromForm()).rejects.toMatchObject({ code: 'NOT_CONFIGURED' });
    expect(() => session.focus('card.number')).toThrow('No hosted field is mounted yet.');
    empty.unmount();
    render(<Checkout />);
    await settle();
    await expect(session.updateFromForm()).resolves.toMatchObject({ status: 'fields_in_error' });
    await expect(session.validate()).resolves.toEqual({ card: { isValid: true } });
    session.focus('card.securityCode');
    session.clear('card.securityCode');
    session.blur('card.securityCode');
    await settle();
    expect(connector.field('card.securityCode').calls.map(([method]) => method)).toEqual(
      expect.arrayContaining(['focus', 'clear', 'blur']),
    );
  });

  it('Enter in a field submits the form around it', async () => {
    const submitted = vi.fn((event: Event) => event.preventDefault());
    render(<Checkout />);
    screen.getByTestId('form').addEventListener('submit', submitted);
    await settle();
    act(() => connector.field('card.nameOnCard').emit({ type: 'submit' }));
    expect(submitted).toHaveBeenCalledOnce();
  });

  it('reports a failure through the state and onError, never by throwing', async () => {
    const onError = vi.fn();
    render(<Checkout gatewayUrl="not a url" onError={onError} />);
    await settle();
    expect(session.status).toBe('failed');
    expect(session.error?.code).toBe('INVALID_CONFIG');
    expect(onError).toHaveBeenCalledWith(session.error);
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('renders read-only placeholders on the server, and no frame', () => {
    const html = renderToString(<Checkout />);
    expect(html).toContain('id="number"');
    expect(html).toMatch(/<input[^>]*id="number"[^>]*readOnly=""/);
    expect(html).not.toContain('<iframe');
  });

  it('a disabled field component makes its frame’s input non-editable, and editable again', async () => {
    function Paying({ busy }: { busy: boolean }): ReactNode {
      return (
        <HostedSessionProvider {...OPTIONS} connector={connector}>
          <CardNumber disabled={busy} />
          <SecurityCode />
        </HostedSessionProvider>
      );
    }
    const disabledCalls = (role: 'card.number' | 'card.securityCode') =>
      connector.field(role).calls.filter(([method]) => method === 'setDisabled');
    const view = render(<Paying busy />);
    await settle();
    expect(disabledCalls('card.number')).toEqual([['setDisabled', true]]);
    expect(disabledCalls('card.securityCode')).toEqual([]);
    view.rerender(<Paying busy={false} />);
    await settle();
    expect(disabledCalls('card.number')).toEqual([
      ['setDisabled', true],
      ['setDisabled', false],
    ]);
  });

  it('takes only the attributes a frame carries', () => {
    expectTypeOf<HostedFieldProps>().toHaveProperty('disabled');
    expectTypeOf<HostedFieldProps>().toHaveProperty('aria-describedby');
    expectTypeOf<HostedFieldProps>().not.toHaveProperty('autoComplete');
    expectTypeOf<HostedFieldProps>().not.toHaveProperty('maxLength');
    expectTypeOf<HostedFieldProps>().not.toHaveProperty('onKeyDown');
  });

  it('after the provider unmounts, the hook’s methods say the session was destroyed', async () => {
    const view = render(<Checkout />);
    await settle();
    const { focus, updateFromForm } = session;
    view.unmount();
    expect(() => focus('card.number')).toThrow(expect.objectContaining({ code: 'DESTROYED' }));
    await expect(updateFromForm()).rejects.toMatchObject({ code: 'DESTROYED' });
  });

  it('a field or hook outside a provider says so', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<CardNumber />)).toThrow(
      'A hosted field must be used inside <HostedSessionProvider>',
    );
    expect(() => render(<Probe />)).toThrow('useHostedSession must be used inside <HostedSessionProvider>');
  });
});
