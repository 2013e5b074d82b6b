import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONFIG, mountField, ofType, type } from './field-harness.ts';

describe('security code, with the brand the hub relays', () => {
  it('accepts 3 or 4 digits while the brand is unknown', () => {
    const { control, events } = mountField('card.securityCode');
    type(control, '123');
    expect(ofType(events, 'validity').at(-1)?.validity.isValid).toBe(true);
    type(control, '4');
    expect(ofType(events, 'validity').at(-1)?.validity.isValid).toBe(true);
  });

  it('wants 4 digits for Amex and 3 for Visa, and revalidates when the brand changes', () => {
    const { control, events, field } = mountField('card.securityCode');
    field.receive({ type: 'brand', brand: 'AMEX' });
    type(control, '123');
    expect(ofType(events, 'validity').at(-1)?.validity).toEqual({
      isValid: false,
      isIncomplete: true,
      hasError: false,
    });
    type(control, '4');
    expect(ofType(events, 'validity').at(-1)?.validity.isValid).toBe(true);
    field.receive({ type: 'brand', brand: 'VISA' });
    expect(ofType(events, 'validity').at(-1)?.validity).toMatchObject({
      hasError: true,
      errorReason: 'INVALID_LENGTH',
    });
  });

  it('takes no more digits than the brand uses when rejecting', () => {
    const { control, field } = mountField('card.securityCode');
    field.receive({ type: 'brand', brand: 'VISA' });
    type(control, '12345');
    expect(control.value).toBe('123');
  });

  it('is valid empty for a card without a code, and when the merchant does not require one', () => {
    const uatp = mountField('card.securityCode');
    uatp.field.receive({ type: 'brand', brand: 'UATP' });
    expect(ofType(uatp.events, 'validity').at(-1)?.validity.isValid).toBe(true);

    const optional = mountField('card.securityCode', {}, { ...CONFIG, cscRequired: false });
    type(optional.control, '1');
    optional.control.value = '';
    optional.control.dispatchEvent(new InputEvent('input', { bubbles: true }));
    expect(ofType(optional.events, 'validity').at(-1)?.validity.isValid).toBe(true);
  });
});

describe('expiry month and year, each with the other part relayed by the hub', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-06-15T12:00:00Z'), toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  it('reports a month of this year that has passed as EXPIRED in both parts', () => {
    const month = mountField('card.expiryMonth');
    type(month.control, '05');
    expect(ofType(month.events, 'validity').at(-1)?.validity.isValid).toBe(true);
    month.field.receive({ type: 'expiry', month: '05', year: '26' });
    expect(ofType(month.events, 'validity').at(-1)?.validity).toEqual({
      isValid: false,
      isIncomplete: false,
      hasError: true,
      errorReason: 'EXPIRED',
    });

    const year = mountField('card.expiryYear');
    year.field.receive({ type: 'expiry', month: '05', year: '' });
    type(year.control, '26');
    expect(ofType(year.events, 'validity').at(-1)?.validity.errorReason).toBe('EXPIRED');
    year.field.receive({ type: 'expiry', month: '06', year: '26' });
    expect(ofType(year.events, 'validity').at(-1)?.validity.isValid).toBe(true);
  });

  it('reports a past year as EXPIRED before any month is known', () => {
    const { control, events } = mountField('card.expiryYear');
    type(control, '25');
    expect(ofType(events, 'validity').at(-1)?.validity.errorReason).toBe('EXPIRED');
  });

  it('takes a four-digit year without calling its first two digits expired', () => {
    const { control, events } = mountField('card.expiryYear');
    type(control, '2039');
    expect(ofType(events, 'validity').map((e) => e.validity)).toEqual([
      { isValid: false, isIncomplete: true, hasError: false },
      { isValid: true, isIncomplete: false, hasError: false },
    ]);
    control.value = '2025';
    control.dispatchEvent(new InputEvent('input', { bubbles: true }));
    expect(ofType(events, 'validity').at(-1)?.validity.errorReason).toBe('EXPIRED');
  });

  it('blames each part only for its own error', () => {
    const month = mountField('card.expiryMonth');
    month.field.receive({ type: 'expiry', month: '', year: '1x' });
    type(month.control, '13');
    expect(ofType(month.events, 'validity').at(-1)?.validity.errorReason).toBe('INVALID_VALUE');

    const year = mountField('card.expiryYear');
    year.field.receive({ type: 'expiry', month: '13', year: '' });
    type(year.control, '30');
    expect(ofType(year.events, 'validity').at(-1)?.validity.isValid).toBe(true);
  });

  it('ignores context meant for other fields', () => {
    const { control, events, field } = mountField('card.number');
    type(control, '4111');
    const before = events.length;
    field.receive({ type: 'brand', brand: 'AMEX' });
    field.receive({ type: 'expiry', month: '01', year: '20' });
    expect(events.length).toBe(before);
  });
});
