import { describe, expect, it } from 'vitest';
import {
  backspace,
  caret,
  deleteForward,
  FRAME_ID,
  HUB_ID,
  insert,
  mountField,
  ofType,
  placeCaret,
  type,
} from './field-harness.ts';

describe('card number formatting', () => {
  it('groups the number as embossed while typing, caret after the last digit', () => {
    const { control } = mountField('card.number');
    type(control, '4111111111111111');
    expect(control.value).toBe('4111 1111 1111 1111');
    expect(caret(control)).toBe(control.value.length);
  });

  it("groups an Amex number 4-6-5 and stops at the brand's longest length", () => {
    const { control } = mountField('card.number');
    type(control, '3718816344980049999');
    expect(control.value).toBe('3718 816344 98004');
  });

  it('keeps the caret right after digits typed in the middle, across the spaces the formatting moves', () => {
    const { control } = mountField('card.number');
    type(control, '41111111');
    expect(control.value).toBe('4111 1111');
    placeCaret(control, 3);
    insert(control, '5');
    expect(control.value).toBe('4115 1111 1');
    expect(caret(control)).toBe(4);
    insert(control, '6');
    expect(control.value).toBe('4115 6111 11');
    expect(caret(control)).toBe(6);
  });

  it('deletes the digit before a space on Backspace right after it', () => {
    const { control } = mountField('card.number');
    type(control, '411122');
    expect(control.value).toBe('4111 22');
    placeCaret(control, 5);
    backspace(control);
    expect(control.value).toBe('4112 2');
    expect(caret(control)).toBe(3);
  });

  it('deletes the digit after a space on Delete right before it', () => {
    const { control } = mountField('card.number');
    type(control, '411122');
    placeCaret(control, 4);
    deleteForward(control);
    expect(control.value).toBe('4111 2');
    expect(caret(control)).toBe(4);
  });

  it('lets the browser delete a selection, then formats what is left', () => {
    const { control } = mountField('card.number');
    type(control, '41112222');
    control.setSelectionRange(2, 7);
    backspace(control);
    expect(control.value).toBe('4122');
    expect(caret(control)).toBe(2);
  });

  it('formats digits pasted in the middle, caret after the pasted ones', () => {
    const { control } = mountField('card.number');
    type(control, '41111111');
    placeCaret(control, 2);
    insert(control, '99 9', 'insertFromPaste');
    expect(control.value).toBe('4199 9111 111');
    expect(caret(control)).toBe(6);
  });

  it('removes the last digit and its space on Backspace at the end', () => {
    const { control } = mountField('card.number');
    type(control, '41111');
    backspace(control);
    expect(control.value).toBe('4111');
    expect(caret(control)).toBe(4);
  });

  it('formats a pasted number with dashes and spaces, caret at its end', () => {
    const { control } = mountField('card.number');
    insert(control, '5123-4500 0000-0008', 'insertFromPaste');
    expect(control.value).toBe('5123 4500 0000 0008');
    expect(caret(control)).toBe(19);
  });

  it('leaves the number ungrouped in PLAIN mode', () => {
    const { control } = mountField('card.number', { formatCard: 'PLAIN' });
    type(control, '4111 1111 1111 1111');
    expect(control.value).toBe('4111111111111111');
  });
});

describe('invalid characters', () => {
  it('REJECT drops what cannot be valid, as it is typed, and reports no error', () => {
    const { control, events } = mountField('card.number');
    type(control, '41a1!1');
    expect(control.value).toBe('4111');
    expect(caret(control)).toBe(4);
    expect(ofType(events, 'validity').some((e) => e.validity.hasError)).toBe(false);
  });

  it('ALLOW keeps them and reports INVALID_CHARACTERS', () => {
    const { control, events } = mountField('card.number', { invalidFieldCharacters: 'ALLOW' });
    type(control, '41a1');
    expect(control.value).toBe('41a1');
    expect(ofType(events, 'validity').at(-1)?.validity).toEqual({
      isValid: false,
      isIncomplete: false,
      hasError: true,
      errorReason: 'INVALID_CHARACTERS',
    });
    expect(control.getAttribute('aria-invalid')).toBe('true');
    expect(control.classList.contains('hs-invalid')).toBe(true);
  });

  it('REJECT keeps digits only in the security code and expiry parts, up to their length', () => {
    const csc = mountField('card.securityCode').control;
    type(csc, '1a2b3c45');
    expect(csc.value).toBe('1234');
    const month = mountField('card.expiryMonth').control;
    type(month, '0/7x9');
    expect(month.value).toBe('07');
    const year = mountField('card.expiryYear').control;
    type(year, '20-391');
    expect(year.value).toBe('2039');
  });

  it('ALLOW keeps anything in the security code and says it is wrong', () => {
    const { control, events } = mountField('card.securityCode', { invalidFieldCharacters: 'ALLOW' });
    type(control, '12a');
    expect(control.value).toBe('12a');
    expect(ofType(events, 'validity').at(-1)?.validity.errorReason).toBe('INVALID_CHARACTERS');
  });

  it('leaves the name as typed', () => {
    const { control, events } = mountField('card.nameOnCard');
    type(control, "Zoë O'Brien-Smith");
    expect(control.value).toBe("Zoë O'Brien-Smith");
    expect(ofType(events, 'validity').at(-1)?.validity.isValid).toBe(true);
  });
});

describe('values to the hub', () => {
  it('sends the whole value to the hub after every edit', () => {
    const { control, posted } = mountField('card.number');
    type(control, '4111');
    backspace(control);
    const values = posted.filter((m) => m.type === 'value').map((m) => (m.type === 'value' ? m.value : ''));
    expect(values).toEqual(['', '4', '41', '411', '4111', '411']);
  });

  it('sends the chosen option of an expiry select, and reports its state', () => {
    const options = [
      { value: '', label: 'YY' },
      { value: '2039', label: '2039' },
    ];
    const { control, posted, events, field } = mountField('card.expiryYear', { options });
    const select = control as unknown as HTMLSelectElement;
    select.value = '2039';
    select.dispatchEvent(new Event('input', { bubbles: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(posted.at(-1)).toMatchObject({ type: 'value', role: 'card.expiryYear', value: '2039' });
    expect(events).toEqual([
      { type: 'validity', validity: { isValid: true, isIncomplete: false, hasError: false } },
      { type: 'emptiness', isEmpty: false },
      { type: 'change' },
    ]);
    field.methods.clear();
    expect(select.value).toBe('');
    expect(posted.at(-1)).toMatchObject({ type: 'value', value: '' });
  });

  it('joins the hub it was configured with, announces itself, and takes no second configuration', () => {
    const { control, posted, joined, field } = mountField('card.nameOnCard');
    expect(joined).toEqual([HUB_ID]);
    expect(posted).toEqual([
      { type: 'hello', role: 'card.nameOnCard', frame: FRAME_ID },
      { type: 'value', role: 'card.nameOnCard', frame: FRAME_ID, value: '' },
    ]);
    type(control, 'Ann');
    expect(() =>
      field.methods.configure({
        role: 'card.nameOnCard',
        hub: 'd'.repeat(32),
        locale: 'en_US',
        formatCard: 'EMBOSSED',
        invalidFieldCharacters: 'REJECT',
        aria: {},
        styles: {},
      }),
    ).toThrow(/already configured/);
    expect(joined).toEqual([HUB_ID]);
  });

  it('keeps a name that could be a card number or CSC to itself: the hub learns only that it is withheld', () => {
    const { control, posted, events } = mountField('card.nameOnCard', { title: 'Card number' });
    type(control, '4508 7500 1574 1019');
    expect(control.value).toBe('4508 7500 1574 1019');
    expect(ofType(events, 'validity').at(-1)?.validity).toEqual({
      isValid: false,
      isIncomplete: false,
      hasError: true,
      errorReason: 'INVALID_CHARACTERS',
    });
    // Two digits are no card data and go as typed; from the third on, the value stays in the frame.
    const sent = posted.filter((m) => m.type === 'value').map((m) => (m.type === 'value' ? m.value : ''));
    expect(sent).toEqual(['', '4', '45']);
    expect(posted.at(-1)).toEqual({ type: 'withheld', role: 'card.nameOnCard', frame: FRAME_ID });
    expect(JSON.stringify(posted)).not.toContain('450');

    // Back to a name: the hub gets it again.
    control.value = '';
    type(control, 'Ann 10');
    expect(posted.at(-1)).toEqual({
      type: 'value',
      role: 'card.nameOnCard',
      frame: FRAME_ID,
      value: 'Ann 10',
    });
    type(control, '0');
    expect(posted.at(-1)).toEqual({ type: 'withheld', role: 'card.nameOnCard', frame: FRAME_ID });
  });

  it('empties itself when the hub resets the form, and when the page clears it', () => {
    const { control, posted, field, events } = mountField('card.number');
    type(control, '4111');
    field.receive({ type: 'reset' });
    expect(control.value).toBe('');
    expect(posted.at(-1)).toMatchObject({ type: 'value', value: '' });
    expect(ofType(events, 'emptiness').map((e) => e.isEmpty)).toEqual([false, true]);
    type(control, '5');
    field.methods.clear();
    expect(control.value).toBe('');
  });
});
