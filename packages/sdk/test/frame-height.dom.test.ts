import { MAX_FIELD_HEIGHT, type FieldOptions } from '@hosted-session/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPaymentSession, type PaymentSession } from '../src/index.ts';
import { FakeConnector, flush } from './fake-connector.ts';

// The card number asks no height (its content decides); the security code fixes its own.
const FORM = `
  <input id="card-number" readonly style="width: 100%; font-size: 16px; padding: 6px">
  <input id="security-code" readonly style="width: 80px; height: 40px">`;

let connector: FakeConnector;
let session: PaymentSession;
/** Animation frames the SDK asked for, run by the test at the time it chooses. */
let frames: Map<number, FrameRequestCallback>;
let now: number;

function nextFrame(after = 16): void {
  now += after;
  const callbacks = [...frames.values()];
  frames.clear();
  for (const callback of callbacks) callback(now);
}

beforeEach(async () => {
  document.body.innerHTML = FORM;
  frames = new Map();
  now = 1000;
  let id = 0;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    frames.set(++id, callback);
    return id;
  });
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => frames.delete(handle));
  connector = new FakeConnector();
  session = createPaymentSession(
    {
      gatewayUrl: 'https://gateway.test',
      merchantId: 'TESTMERCHANT',
      apiVersion: '100',
      session: 'SESSION000218450948092491657986',
      fields: { card: { number: '#card-number', securityCode: '#security-code' } },
      frameEmbeddingMitigation: ['javascript'],
    },
    connector,
  );
  await session.ready;
});

afterEach(() => {
  session.destroy();
  vi.unstubAllGlobals();
});

const number = () => connector.field('card.number');
const csc = () => connector.field('card.securityCode');
const optionsOf = (role: 'card.number' | 'card.securityCode') =>
  connector.field(role).calls.find(([method]) => method === 'configure')![1] as FieldOptions;

describe('a field sized to its content', () => {
  it('is one whose placeholder asks no height; a placeholder’s own height stays', () => {
    expect(optionsOf('card.number').fitHeight).toBe(true);
    expect(optionsOf('card.securityCode').fitHeight).toBe(false);
    expect(csc().iframe.style.height).toBe('40px');
  });

  it('takes the height its frame reports, once per animation frame, the last report winning', () => {
    number().resize({ height: 40 });
    number().resize({ height: 72 });
    expect(number().iframe.style.height).not.toBe('72px');
    expect(frames.size).toBe(1);
    nextFrame();
    expect(number().iframe.style.height).toBe('72px');

    number().resize({ height: 38 });
    nextFrame();
    expect(number().iframe.style.height).toBe('38px');
  });

  it.each([
    ['NaN', { height: NaN }],
    ['negative', { height: -38 }],
    ['zero', { height: 0 }],
    ['huge', { height: MAX_FIELD_HEIGHT + 1 }],
    ['a string', { height: '900' }],
    ['a CSS length', { height: '900px' }],
    ['extra keys', { height: 900, width: 900 }],
    ['a bare number', 900],
    ['nothing', undefined],
  ])('ignores a report of %s', (_, size) => {
    number().resize({ height: 40 });
    nextFrame();
    number().resize(size);
    nextFrame();
    expect(number().iframe.style.height).toBe('40px');
  });

  it('changes only the iframe of the frame that reported, and never a field whose height is fixed', () => {
    number().resize({ height: 40 });
    csc().resize({ height: 90 });
    nextFrame();
    expect(number().iframe.style.height).toBe('40px');
    expect(csc().iframe.style.height).toBe('40px');
  });

  it('stops following a frame that keeps resizing because it was resized, until a quiet moment', () => {
    // Content sized by its own frame (a font in viewport units): every new height calls for a taller one.
    let height = 40;
    for (let step = 0; step < 100; step += 1) {
      number().resize({ height: height++ });
      nextFrame();
    }
    expect(number().iframe.style.height).toBe('99px');

    // A later change of the content, after the loop went quiet, is followed again.
    number().resize({ height: 48 });
    nextFrame(300);
    expect(number().iframe.style.height).toBe('48px');
  });

  it('follows a transition of the content to its end', () => {
    for (let height = 38; height <= 72; height += 2) {
      number().resize({ height });
      nextFrame();
    }
    expect(number().iframe.style.height).toBe('72px');
  });

  it('hears nothing once destroyed', async () => {
    const { iframe } = number();
    number().resize({ height: 40 });
    nextFrame();
    number().resize({ height: 90 });
    session.destroy();
    await flush();
    nextFrame();
    expect(iframe.style.height).toBe('40px');
    expect(frames.size).toBe(0);
  });
});
