import { getByLabelText } from '@testing-library/dom';
import { CARD_ROLES, parseFrameFragment } from '@hosted-session/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMastercardPaymentSession } from '../src/mastercard/payment-session.ts';
import { CARD, FakeConnector, FORM, GATEWAY, fieldFrames, flush } from './fake-connector.ts';

let connector: FakeConnector;
let PaymentSession: ReturnType<typeof createMastercardPaymentSession>;

beforeEach(() => {
  document.body.innerHTML = FORM;
  connector = new FakeConnector();
  PaymentSession = createMastercardPaymentSession(GATEWAY, connector, 1000);
  PaymentSession.configure({
    session: 'SESSION0002816562472I0271878F98',
    fields: { card: CARD },
    frameEmbeddingMitigation: ['javascript'],
    interaction: { displayControl: { formatCard: 'PLAIN', invalidFieldCharacters: 'ALLOW' } },
    locale: 'fr_FR',
  });
});

const placeholder = (selector: string): HTMLElement => document.querySelector(selector)!;

describe('mounting', () => {
  it('puts one iframe in each placeholder’s place and hides the placeholder', () => {
    const frames = fieldFrames();
    expect(frames).toHaveLength(5);
    for (const [field, selector] of Object.entries(CARD)) {
      const element = placeholder(selector);
      expect(element.previousElementSibling?.tagName).toBe('IFRAME');
      expect(element.style.display).toBe('none');
      expect(connector.field(`card.${field}` as never).iframe).toBe(element.previousElementSibling);
    }
  });

  it('loads field frames from the gateway, named by instance, role and the page origin', () => {
    const instances = new Set<string>();
    for (const role of CARD_ROLES) {
      const { iframe, origin } = connector.field(role);
      const url = new URL(iframe.src);
      expect(url.origin + url.pathname).toBe(
        'https://gateway.test/form/version/100/merchant/TESTMERCHANT/frames/field.html',
      );
      expect(url.search).toBe('');
      const params = parseFrameFragment(url.hash)!;
      expect(params).toMatchObject({ role, parent: location.origin });
      expect(params.instance).toMatch(/^[0-9a-f]{32}$/);
      expect(origin).toBe('https://gateway.test');
      instances.add(params.instance);
    }
    expect(instances.size).toBe(1);
  });

  it('adds one hidden, loadable hub frame without a role', () => {
    const { iframe } = connector.hub();
    expect(iframe.getAttribute('aria-hidden')).toBe('true');
    expect(iframe.tabIndex).toBe(-1);
    expect(iframe.style.display).not.toBe('none');
    expect([iframe.style.width, iframe.style.height]).toEqual(['0px', '0px']);
    const url = new URL(iframe.src);
    expect(url.pathname).toBe('/form/version/100/merchant/TESTMERCHANT/frames/hub.html');
    expect(parseFrameFragment(url.hash)).toEqual({
      instance: connector.field('card.number').instance,
      parent: location.origin,
    });
  });

  it('gives each scope its own instance', () => {
    document.body.insertAdjacentHTML('beforeend', '<input id="second-number">');
    PaymentSession.configure(
      { fields: { card: { number: '#second-number' } }, frameEmbeddingMitigation: ['csp'] },
      'second',
    );
    const instances = new Set(connector.frames.map((frame) => frame.instance));
    expect(instances.size).toBe(2);
  });

  it('carries size, title and the global aria-* attributes to the iframe', () => {
    const iframe = connector.field('card.number').iframe;
    expect(iframe.style.width).toBe('240px');
    expect(iframe.style.height).toBe('32px');
    expect(iframe.title).toBe('Your card number');
    expect(iframe.getAttribute('aria-describedby')).toBe('number-help');
    // aria-required is not valid on an iframe; it reaches the input inside the frame instead (next test).
    expect(iframe.hasAttribute('aria-required')).toBe(false);
    expect(connector.field('card.securityCode').iframe.title).toBe('Security code');
  });

  it('sends each frame its role, the display options, the placeholder’s look, aria and select options', async () => {
    await flush();
    const [, numberOptions] = connector.field('card.number').calls[0]!;
    expect(numberOptions).toMatchObject({
      role: 'card.number',
      locale: 'fr_FR',
      formatCard: 'PLAIN',
      invalidFieldCharacters: 'ALLOW',
      placeholder: '1234 5678 9012 3456',
      title: 'Your card number',
      aria: { 'aria-describedby': 'number-help', 'aria-required': 'true' },
      options: undefined,
      styles: { base: { fontSize: '16px', color: 'rgb(1, 2, 3)' } },
    });
    const [, monthOptions] = connector.field('card.expiryMonth').calls[0]!;
    expect(monthOptions).toMatchObject({
      role: 'card.expiryMonth',
      options: [
        { value: '', label: 'Month' },
        { value: '1', label: '01 - Jan' },
        { value: '2', label: '02 - Feb' },
      ],
    });
  });

  it('clicking the page’s <label for> focuses the hosted field', async () => {
    await flush();
    // The label names the hidden placeholder; a click on it must reach the frame.
    const placeholderInput = getByLabelText(document.body, 'Card number', { selector: 'input' });
    expect(placeholderInput.id).toBe('card-number');
    document.querySelector<HTMLLabelElement>('label[for="card-number"]')!.click();
    await flush();
    expect(document.activeElement).toBe(connector.field('card.number').iframe);
    expect(connector.field('card.number').calls.at(-1)).toEqual(['focus']);
  });

  it('clicking a label that wraps the placeholder focuses the hosted field', async () => {
    await flush();
    document.querySelector<HTMLLabelElement>('label:not([for])')!.click();
    await flush();
    expect(connector.field('card.securityCode').calls.at(-1)).toEqual(['focus']);
    expect(connector.field('card.number').calls.map(([method]) => method)).not.toContain('focus');
  });

  it('restores a placeholder’s own inline display when the scope goes', () => {
    document.body.insertAdjacentHTML('beforeend', '<input id="inline" style="display: inline-block">');
    PaymentSession.configure(
      { fields: { card: { number: '#inline' } }, frameEmbeddingMitigation: ['csp'] },
      'x',
    );
    expect(placeholder('#inline').style.display).toBe('none');
    PaymentSession.configure(
      { fields: { card: { nameOnCard: '#other' } }, frameEmbeddingMitigation: ['csp'] },
      'x',
    );
    expect(placeholder('#inline').style.display).toBe('inline-block');
  });

  it('restores every placeholder and removes every frame when replaced by a new configure', () => {
    PaymentSession.configure({
      fields: { card: { number: '#card-number' } },
      frameEmbeddingMitigation: ['csp'],
    });
    expect(fieldFrames()).toHaveLength(1);
    expect(document.querySelectorAll('iframe')).toHaveLength(2);
    expect(placeholder('#card-number').style.display).toBe('none');
    expect(placeholder('#security-code').style.display).toBe('');
  });
});
