import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deleteBackward,
  deleteForward,
  digitsOf,
  maxLength,
  reformatNumber,
  type Edit,
  type FormatMode,
} from '../src/index.ts';

const digitsBefore = (e: Edit) => digitsOf(e.value.slice(0, e.caret)).length;
const digitString = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const mode = fc.constantFrom<FormatMode>('EMBOSSED', 'PLAIN');

/** A field as the frame shows it: a formatted number (prefixes chosen to reach every gap pattern) and a caret. */
const field = fc
  .tuple(
    fc.constantFrom('', '34', '36', '1', '51', '4', '62', '6011', '50'),
    digitString(0, 20),
    fc.nat(),
    mode,
  )
  .map(([prefix, rest, where, m]) => {
    const value = reformatNumber({ value: prefix + rest, caret: 0 }, m).value;
    return { edit: { value, caret: where % (value.length + 1) }, mode: m };
  });

function expectStable(e: Edit, m: FormatMode) {
  expect(reformatNumber(e, m)).toEqual(e);
}

describe('reformatNumber', () => {
  it('groups as the payer types and keeps the caret after the typed digit', () => {
    expect(reformatNumber({ value: '41111', caret: 5 }, 'EMBOSSED')).toEqual({ value: '4111 1', caret: 6 });
    expect(reformatNumber({ value: '3718816', caret: 7 }, 'EMBOSSED')).toEqual({
      value: '3718 816',
      caret: 8,
    });
  });

  it('puts the caret past the space when typing at a group boundary', () => {
    // Caret was after "4111", before the space; the payer types 9.
    expect(reformatNumber({ value: '41119 1111', caret: 5 }, 'EMBOSSED')).toEqual({
      value: '4111 9111 1',
      caret: 6,
    });
  });

  it('restores a space the browser deleted and leaves the caret before it', () => {
    expect(reformatNumber({ value: '41111111', caret: 4 }, 'EMBOSSED')).toEqual({
      value: '4111 1111',
      caret: 4,
    });
  });

  it('regroups when the brand changes under the payer’s fingers', () => {
    // Typing 3 in front of "7188 1634 4980 04" turns it into an Amex number.
    expect(reformatNumber({ value: '37188 1634 4980 04', caret: 1 }, 'EMBOSSED')).toEqual({
      value: '3718 816344 98004',
      caret: 1,
    });
  });

  it('drops digits past the brand’s longest length when rejecting', () => {
    expect(reformatNumber({ value: '5123 4500 0000 00089', caret: 20 }, 'EMBOSSED')).toEqual({
      value: '5123 4500 0000 0008',
      caret: 19,
    });
    expect(
      reformatNumber({ value: '9123 4500 0000 0008', caret: 1 }, 'EMBOSSED', { reject: true }).value,
    ).toBe('9123 4500 0000 0008');
  });

  it('drops non-digits when rejecting', () => {
    expect(reformatNumber({ value: '4a1-1b1 1', caret: 6 }, 'EMBOSSED')).toEqual({
      value: '4111 1',
      caret: 3,
    });
  });

  it('when allowing, keeps invalid characters and leaves such a value unformatted', () => {
    expect(reformatNumber({ value: '4111a1', caret: 5 }, 'EMBOSSED', { reject: false })).toEqual({
      value: '4111a1',
      caret: 5,
    });
  });

  it('when allowing, still formats separators-only input and keeps excess digits for validation', () => {
    expect(reformatNumber({ value: '4111-1111', caret: 9 }, 'EMBOSSED', { reject: false })).toEqual({
      value: '4111 1111',
      caret: 9,
    });
    expect(reformatNumber({ value: '51234500000000089', caret: 17 }, 'EMBOSSED', { reject: false })).toEqual({
      value: '5123 4500 0000 00089',
      caret: 20,
    });
  });

  it('removes spaces in PLAIN mode', () => {
    expect(reformatNumber({ value: '4111 1111', caret: 5 }, 'PLAIN')).toEqual({
      value: '41111111',
      caret: 4,
    });
  });

  it('clamps an out-of-range caret', () => {
    expect(reformatNumber({ value: '41111', caret: 99 }, 'EMBOSSED').caret).toBe(6);
    expect(reformatNumber({ value: '41111', caret: -3 }, 'EMBOSSED').caret).toBe(0);
  });

  it('property: inserting digits advances the caret by the digits kept, and the result is stable', () => {
    fc.assert(
      fc.property(field, digitString(1, 6), ({ edit, mode: m }, typed) => {
        const raw = {
          value: edit.value.slice(0, edit.caret) + typed + edit.value.slice(edit.caret),
          caret: edit.caret + typed.length,
        };
        const out = reformatNumber(raw, m);
        const max = maxLength(digitsOf(raw.value));
        expect(digitsOf(out.value)).toBe(digitsOf(raw.value).slice(0, max));
        expect(digitsBefore(out)).toBe(Math.min(digitsBefore(edit) + typed.length, max));
        if (out.caret > 0) expect(out.value[out.caret - 1]).toMatch(/\d/);
        expectStable(out, m);
      }),
    );
  });

  it('property: pasting mixed text keeps only its digits and puts the caret after them', () => {
    const pasted = fc.string({ unit: fc.constantFrom(...'0123456789 -a.'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(field, pasted, ({ edit, mode: m }, text) => {
        const raw = {
          value: edit.value.slice(0, edit.caret) + text + edit.value.slice(edit.caret),
          caret: edit.caret + text.length,
        };
        const out = reformatNumber(raw, m);
        const max = maxLength(digitsOf(raw.value));
        expect(digitsBefore(out)).toBe(Math.min(digitsBefore(edit) + digitsOf(text).length, max));
        expectStable(out, m);
      }),
    );
  });

  it('property: a browser deletion of one character keeps the caret after the same digits', () => {
    fc.assert(
      fc.property(field, ({ edit, mode: m }) => {
        fc.pre(edit.caret > 0);
        const raw = {
          value: edit.value.slice(0, edit.caret - 1) + edit.value.slice(edit.caret),
          caret: edit.caret - 1,
        };
        const out = reformatNumber(raw, m);
        expect(digitsOf(out.value)).toBe(digitsOf(raw.value));
        expect(digitsBefore(out)).toBe(digitsBefore(raw));
        expectStable(out, m);
      }),
    );
  });
});

describe('deleteBackward', () => {
  it('removes the digit before a space instead of the space', () => {
    expect(deleteBackward({ value: '4111 1111', caret: 5 }, 'EMBOSSED')).toEqual({
      value: '4111 111',
      caret: 3,
    });
  });

  it('removes the digit before the caret and regroups', () => {
    expect(deleteBackward({ value: '4111 1234', caret: 7 }, 'EMBOSSED')).toEqual({
      value: '4111 134',
      caret: 6,
    });
  });

  it('does nothing at the start', () => {
    expect(deleteBackward({ value: '4111 1', caret: 0 }, 'EMBOSSED')).toEqual({ value: '4111 1', caret: 0 });
  });

  it('when allowing invalid characters, deletes exactly the character before the caret', () => {
    expect(deleteBackward({ value: '4111 a', caret: 5 }, 'EMBOSSED', { reject: false })).toEqual({
      value: '4111a',
      caret: 4,
    });
  });

  it('property: removes the last digit before the caret and nothing else', () => {
    fc.assert(
      fc.property(field, ({ edit, mode: m }) => {
        const before = digitsOf(edit.value.slice(0, edit.caret));
        const after = digitsOf(edit.value.slice(edit.caret));
        const out = deleteBackward(edit, m);
        expect(digitsOf(out.value)).toBe(before.slice(0, -1) + after);
        expect(digitsBefore(out)).toBe(Math.max(0, before.length - 1));
        expectStable(out, m);
      }),
    );
  });
});

describe('deleteForward', () => {
  it('removes the digit after a space instead of the space', () => {
    expect(deleteForward({ value: '4111 1234', caret: 4 }, 'EMBOSSED')).toEqual({
      value: '4111 234',
      caret: 4,
    });
  });

  it('does nothing at the end', () => {
    expect(deleteForward({ value: '4111 1', caret: 6 }, 'EMBOSSED')).toEqual({ value: '4111 1', caret: 6 });
  });

  it('property: removes the first digit after the caret and keeps the caret after the same digits', () => {
    fc.assert(
      fc.property(field, ({ edit, mode: m }) => {
        const before = digitsOf(edit.value.slice(0, edit.caret));
        const after = digitsOf(edit.value.slice(edit.caret));
        const out = deleteForward(edit, m);
        expect(digitsOf(out.value)).toBe(before + after.slice(1));
        expect(digitsBefore(out)).toBe(before.length);
        expectStable(out, m);
      }),
    );
  });
});
