import { getByLabelText } from '@testing-library/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONFIG, mountField } from './field-harness.ts';

afterEach(() => vi.useRealTimers());

describe('field rendering', () => {
  it('renders one labelled, described input for the card number, without a pattern', () => {
    const { control } = mountField('card.number', { placeholder: '1234 1234 1234 1234' });
    expect(document.querySelectorAll('input, select')).toHaveLength(1);
    expect(getByLabelText(document.body, 'Card Number')).toBe(control);
    expect(control.getAttribute('inputmode')).toBe('numeric');
    expect(control.getAttribute('autocomplete')).toBe('cc-number');
    expect(control.placeholder).toBe('1234 1234 1234 1234');
    expect(control.hasAttribute('pattern')).toBe(false);
    expect(control.getAttribute('aria-invalid')).toBe('false');
    const message = document.getElementById(control.getAttribute('aria-describedby') ?? '');
    expect(message).not.toBeNull();
    expect(message?.textContent).toBe('');
  });

  it.each([
    ['card.securityCode', 'cc-csc', 'numeric', 'Security Code'],
    ['card.expiryMonth', 'cc-exp-month', 'numeric', 'Expiry Month'],
    ['card.expiryYear', 'cc-exp-year', 'numeric', 'Expiry Year'],
    ['card.nameOnCard', 'cc-name', null, 'Name on Card'],
  ] as const)(
    'gives %s autocomplete %s, inputmode %s and the label %s',
    (role, autocomplete, mode, label) => {
      const { control } = mountField(role);
      expect(control.getAttribute('autocomplete')).toBe(autocomplete);
      expect(control.getAttribute('inputmode')).toBe(mode);
      expect(getByLabelText(document.body, label)).toBe(control);
    },
  );

  it('says which fields a payment needs', () => {
    expect(mountField('card.number').control.getAttribute('aria-required')).toBe('true');
    expect(mountField('card.expiryYear').control.getAttribute('aria-required')).toBe('true');
    expect(mountField('card.securityCode').control.getAttribute('aria-required')).toBe('true');
    expect(mountField('card.nameOnCard').control.getAttribute('aria-required')).toBeNull();
    const optionalCsc = mountField('card.securityCode', {}, { ...CONFIG, cscRequired: false });
    expect(optionalCsc.control.getAttribute('aria-required')).toBeNull();
    const merchantSays = mountField('card.nameOnCard', { aria: { 'aria-required': 'true' } });
    expect(merchantSays.control.getAttribute('aria-required')).toBe('true');
  });

  it("names the field after the merchant's title and carries only meaningful aria-* attributes", () => {
    const { control } = mountField('card.number', {
      title: 'Your card',
      aria: { 'aria-required': 'true', 'aria-labelledby': 'page-label', 'aria-describedby': 'page-help' },
    });
    expect(getByLabelText(document.body, 'Your card')).toBe(control);
    expect(control.getAttribute('aria-required')).toBe('true');
    expect(control.getAttribute('aria-labelledby')).toBeNull();
    expect(control.getAttribute('aria-describedby')).toBe('hs-message');
  });

  it('offers a select for an expiry part the merchant gave options for, else an input', () => {
    const options = [
      { value: '', label: 'Month' },
      { value: '01', label: 'January' },
      { value: '12', label: 'December' },
    ];
    const { control, posted } = mountField('card.expiryMonth', { options });
    expect(control.tagName).toBe('SELECT');
    const select = control as unknown as HTMLSelectElement;
    expect(Array.from(select.options, (o) => [o.value, o.text])).toEqual(
      options.map((o) => [o.value, o.label]),
    );
    expect(select.getAttribute('autocomplete')).toBe('cc-exp-month');
    expect(posted.at(-1)).toMatchObject({ type: 'value', role: 'card.expiryMonth', value: '' });

    expect(mountField('card.expiryYear').control.tagName).toBe('INPUT');
    // Only expiry parts can be selects: a number field given options stays an input.
    expect(mountField('card.number', { options }).control.tagName).toBe('INPUT');
  });

  it('refuses options that are malformed, for another field, or sent twice', () => {
    const { field } = mountField('card.number');
    expect(() => field.methods.configure({ role: 'card.number' })).toThrow(/already configured/);
    expect(() => mountField('card.number', { role: 'card.securityCode' })).toThrow(/another field/);
    expect(() => mountField('card.number', { formatCard: 'FANCY' })).toThrow(/Invalid field options/);
    expect(() => mountField('card.number', { aria: 'aria-label' })).toThrow(/Invalid field options/);
    expect(() => mountField('card.number', { placeholder: 'x'.repeat(1000) })).toThrow(
      /Invalid field options/,
    );
  });
});

describe('messages and locales', () => {
  it('describes an invalid field with a localised message, and clears it once the field is fine again', () => {
    const { control, field } = mountField('card.number', { invalidFieldCharacters: 'ALLOW' });
    control.value = '4111x';
    control.dispatchEvent(new InputEvent('input', { bubbles: true }));
    expect(control.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById('hs-message');
    expect(message?.textContent).toBe('Card Number is invalid, please enter correct value.');

    field.methods.setLocale('de_DE');
    expect(message?.textContent).toBe('Kartennummer ist ungültig, bitte geben Sie einen korrekten Wert ein.');
    expect(getByLabelText(document.body, 'Kartennummer')).toBe(control);
    expect(document.documentElement.lang).toBe('de-DE');

    control.value = '4111';
    control.dispatchEvent(new InputEvent('input', { bubbles: true }));
    expect(control.getAttribute('aria-invalid')).toBe('false');
    expect(message?.textContent).toBe('');
  });

  it('replaces the message with the one the merchant sets, until it is cleared', () => {
    const { field } = mountField('card.securityCode');
    const message = document.getElementById('hs-message');
    field.methods.setMessage('Please check the 3 digits on the back');
    expect(message?.textContent).toBe('Please check the 3 digits on the back');
    field.methods.setMessage('');
    expect(message?.textContent).toBe('');
  });

  it.each([
    ['fr_FR', 'Numéro de carte', 'fr-FR'],
    ['fr_CA', 'Numéro de carte', 'fr-CA'],
    ['es_ES', 'Número de tarjeta', 'es-ES'],
    ['es_MX', 'Número de tarjeta', 'es-MX'],
    ['de_DE', 'Kartennummer', 'de-DE'],
    ['el_GR', 'Αριθμός κάρτας', 'el-GR'],
    ['it_IT', 'Numero della carta', 'it-IT'],
    ['ja_JA', 'カード番号', 'ja-JP'],
    ['pl_PL', 'Numer karty', 'pl-PL'],
    ['pt_BR', 'Número do cartão', 'pt-BR'],
    ['ro_RO', 'Numărul cardului', 'ro-RO'],
    ['zh_CN', '卡号', 'zh-CN'],
    ['de_AT', 'Kartennummer', 'de-DE'],
    ['xx', 'Card Number', 'en-US'],
  ])('labels the number in %s as %j', (locale, label, lang) => {
    const { control } = mountField('card.number', { locale });
    expect(getByLabelText(document.body, label)).toBe(control);
    expect(document.documentElement.lang).toBe(lang);
  });

  it('tells an expired date in the locale of the field', () => {
    vi.useFakeTimers({ now: new Date('2026-06-15T12:00:00Z'), toFake: ['Date'] });
    const { field, control } = mountField('card.expiryMonth', { locale: 'es_ES' });
    field.receive({ type: 'expiry', month: '', year: '26' });
    control.value = '03';
    control.dispatchEvent(new InputEvent('input', { bubbles: true }));
    expect(document.getElementById('hs-message')?.textContent).toBe(
      'La tarjeta ha caducado, compruebe la fecha de caducidad.',
    );
  });
});
