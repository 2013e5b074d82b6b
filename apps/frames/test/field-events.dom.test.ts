import { fireEvent } from '@testing-library/dom';
import type { FieldEvent } from '@hosted-session/protocol';
import { describe, expect, it } from 'vitest';
import { backspace, mountField, ofType, type } from './field-harness.ts';

const STATE_WORDS = new Set([
  'SUPPORTED',
  'INSUFFICIENT_LENGTH',
  'NOT_SUPPORTED',
  'VISA',
  'MASTERCARD',
  'AMEX',
  'DISCOVER',
  ...['EMPTY', 'EXPIRED', 'INVALID_CHARACTERS', 'INVALID_VALUE', 'INVALID_LENGTH'],
]);

/** Every leaf of every event is a boolean or a state word: never a number (a length), never a value. */
function leaks(events: FieldEvent[]): string[] {
  const found: string[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'boolean') return;
    if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) visit(inner, `${path}.${key}`);
      return;
    }
    const isStateWord = typeof value === 'string' && (path.endsWith('.type') || STATE_WORDS.has(value));
    if (!isStateWord && !path.endsWith('.bin')) found.push(`${path}=${String(value)}`);
  };
  events.forEach((event, index) => visit(event, `[${index}]`));
  return found;
}

describe('events to the page', () => {
  it('reports focus, blur, hover, change and Enter, with nothing else in them', () => {
    const { control, events } = mountField('card.number');
    fireEvent.focus(control);
    fireEvent.mouseOver(control);
    fireEvent.mouseOut(control);
    fireEvent.keyDown(control, { key: 'Enter' });
    fireEvent.keyDown(control, { key: 'a' });
    fireEvent.change(control);
    fireEvent.blur(control);
    expect(events).toEqual([
      { type: 'focus' },
      { type: 'mouseover' },
      { type: 'mouseout' },
      { type: 'submit' },
      { type: 'change' },
      { type: 'blur' },
    ]);
  });

  it('reports validity when it changes and emptiness when it flips', () => {
    const { control, events } = mountField('card.number');
    type(control, '4111111111111111');
    expect(ofType(events, 'validity').map((e) => e.validity)).toEqual([
      { isValid: false, isIncomplete: true, hasError: false },
      { isValid: true, isIncomplete: false, hasError: false },
    ]);
    backspace(control);
    expect(ofType(events, 'validity').at(-1)?.validity.isValid).toBe(false);
    for (let i = 0; i < 15; i++) backspace(control);
    expect(control.value).toBe('');
    expect(ofType(events, 'validity').at(-1)?.validity).toEqual({
      isValid: false,
      isIncomplete: true,
      hasError: false,
      errorReason: 'EMPTY',
    });
    expect(ofType(events, 'emptiness').map((e) => e.isEmpty)).toEqual([false, true]);
  });

  it('reports the card type from 10 digits, and the BIN once the number is complete and passes Luhn', () => {
    const { control, events } = mountField('card.number');
    type(control, '411111111');
    expect(ofType(events, 'cardType')).toEqual([]);
    type(control, '1');
    expect(ofType(events, 'cardType').map((e) => e.cardType)).toEqual([
      { status: 'SUPPORTED', brand: 'VISA', scheme: 'VISA' },
    ]);
    type(control, '11111');
    expect(ofType(events, 'bin')).toEqual([]);
    type(control, '1');
    expect(ofType(events, 'bin')).toEqual([{ type: 'bin', bin: '411111' }]);
    backspace(control);
    type(control, '1');
    expect(ofType(events, 'bin')).toHaveLength(2);
    for (let i = 0; i < 7; i++) backspace(control);
    expect(ofType(events, 'cardType').at(-1)?.cardType).toEqual({ status: 'INSUFFICIENT_LENGTH' });
  });

  it('gives no BIN for a complete number that fails Luhn', () => {
    const { control, events } = mountField('card.number');
    // Mastercard numbers have 16 digits only, so this one is complete and wrong (a Visa could grow to 19).
    type(control, '5123450000000009');
    expect(ofType(events, 'bin')).toEqual([]);
    expect(ofType(events, 'validity').at(-1)?.validity.errorReason).toBe('INVALID_VALUE');
  });

  it('reports a brand the merchant does not take as NOT_SUPPORTED, and the number as invalid', () => {
    const { control, events } = mountField('card.number');
    type(control, '6011003179988686');
    expect(ofType(events, 'cardType').at(-1)?.cardType).toEqual({
      status: 'NOT_SUPPORTED',
      brand: 'DISCOVER',
      scheme: 'DISCOVER',
    });
    expect(ofType(events, 'validity').at(-1)?.validity).toMatchObject({
      hasError: true,
      errorReason: 'NOT_SUPPORTED',
    });
    expect(ofType(events, 'bin')).toEqual([]);
  });

  it('never puts a value or its length in an event, whatever the payer does', () => {
    const all: FieldEvent[] = [];
    for (const mode of ['REJECT', 'ALLOW'] as const) {
      const { control, events } = mountField('card.number', { invalidFieldCharacters: mode });
      type(control, '5123450000000008');
      backspace(control);
      type(control, '8x');
      fireEvent.change(control);
      all.push(...events);
      const csc = mountField('card.securityCode', { invalidFieldCharacters: mode });
      type(csc.control, '12345');
      all.push(...csc.events);
    }
    expect(all.length).toBeGreaterThan(10);
    expect(leaks(all)).toEqual([]);
    const text = JSON.stringify(all);
    expect(text).not.toContain('5123450000000008');
    expect(text).not.toContain('0008');
    expect(text).not.toMatch(/\d{7,}/);
    for (const event of ofType(all, 'bin')) expect(event.bin).toBe('512345');
  });
});

describe('focus across frames', () => {
  it('reports blur when the frame loses the focus while the control keeps it, as WebKit does, and only once', () => {
    const { control, events } = mountField('card.number');
    const focusEvents = () => events.filter((e) => e.type === 'focus' || e.type === 'blur');
    control.focus();
    window.dispatchEvent(new FocusEvent('blur'));
    expect(document.activeElement).toBe(control);
    expect(focusEvents()).toEqual([{ type: 'focus' }, { type: 'blur' }]);
    fireEvent.blur(control);
    expect(focusEvents()).toEqual([{ type: 'focus' }, { type: 'blur' }]);
  });

  it('reports focus again when the frame regains the focus with the control still active', () => {
    const { control, events } = mountField('card.number');
    control.focus();
    window.dispatchEvent(new FocusEvent('blur'));
    window.dispatchEvent(new FocusEvent('focus'));
    expect(events.filter((e) => e.type === 'focus' || e.type === 'blur')).toEqual([
      { type: 'focus' },
      { type: 'blur' },
      { type: 'focus' },
    ]);
  });

  it('moves the focus to the control when the page focuses the frame', () => {
    const { control, events } = mountField('card.number');
    expect(document.activeElement).not.toBe(control);
    window.dispatchEvent(new FocusEvent('focus'));
    expect(document.activeElement).toBe(control);
    expect(ofType(events, 'focus')).toEqual([{ type: 'focus' }]);
  });
});

describe('change across frames', () => {
  it('reports a change when the frame loses the focus after an edit, as WebKit fires none, and only once', () => {
    const { control, events } = mountField('card.number');
    control.focus();
    type(control, '4508');
    window.dispatchEvent(new FocusEvent('blur'));
    expect(events.slice(-2)).toEqual([{ type: 'change' }, { type: 'blur' }]);
    // WebKit's own change when the control later blurs, for the same edit.
    fireEvent.change(control);
    expect(ofType(events, 'change')).toEqual([{ type: 'change' }]);
  });

  it('reports no change when the frame loses the focus without an edit', () => {
    const { control, events } = mountField('card.number');
    control.focus();
    window.dispatchEvent(new FocusEvent('blur'));
    expect(ofType(events, 'change')).toEqual([]);
  });
});

describe('commands from the page', () => {
  it('blur takes the focus out of the input', () => {
    const { field, control, events } = mountField('card.number');
    control.focus();
    field.methods.blur();
    expect(document.activeElement).not.toBe(control);
    expect(events.map((event) => event.type)).toEqual(['focus', 'blur']);
  });

  it('setPlaceholder replaces the text shown while empty, bounded, and never anything but text', () => {
    const { field, control } = mountField('card.number', { placeholder: 'Card number' });
    field.methods.setPlaceholder('1234 1234 1234 1234');
    expect(control.placeholder).toBe('1234 1234 1234 1234');
    field.methods.setPlaceholder('x'.repeat(2000));
    expect(control.placeholder).toHaveLength(500);
    field.methods.setPlaceholder({ toString: () => 'sneaky' } as never);
    expect(control.placeholder).toBe('');
  });

  it('setDisabled makes the input non-editable and editable again, and takes booleans only', () => {
    const { field, control } = mountField('card.number');
    field.methods.setDisabled(true);
    expect(control.disabled).toBe(true);
    field.methods.setDisabled(false);
    expect(control.disabled).toBe(false);
    expect(() => field.methods.setDisabled('true' as never)).toThrow(TypeError);
    expect(() => field.methods.setDisabled(1 as never)).toThrow(TypeError);
    expect(control.disabled).toBe(false);
  });

  it('the hub’s clear for this field empties it, and a clear for another field does not', () => {
    const { field, control, posted } = mountField('card.securityCode');
    type(control, '123');
    field.receive({ type: 'clear', role: 'card.number' });
    expect(control.value).toBe('123');
    field.receive({ type: 'clear', role: 'card.securityCode' });
    expect(control.value).toBe('');
    expect(posted.at(-1)).toMatchObject({ type: 'value', role: 'card.securityCode', value: '' });
  });
});

describe('autofill', () => {
  it('tells the page once per fill when the browser says it filled the field', () => {
    const { control, events } = mountField('card.number');
    let filled = true;
    control.matches = (selector: string) => {
      if (selector === ':autofill') throw new SyntaxError('unknown pseudo-class');
      return selector === ':-webkit-autofill' && filled;
    };
    type(control, '4');
    type(control, '5');
    filled = false;
    type(control, '0');
    filled = true;
    type(control, '8');
    expect(events.filter((event) => event.type === 'autofill')).toHaveLength(2);
    expect(leaks(events)).toEqual([]);
  });

  it('says nothing where the browser knows no autofill state', () => {
    const { control, events } = mountField('card.number');
    control.matches = () => {
      throw new SyntaxError('unknown pseudo-class');
    };
    type(control, '4508');
    expect(events.some((event) => event.type === 'autofill')).toBe(false);
  });
});
