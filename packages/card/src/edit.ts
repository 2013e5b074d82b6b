import { maxLength } from './detect.ts';
import { digitsOf, hasOnlyNumberCharacters } from './digits.ts';
import { formatNumber, type FormatMode } from './format.ts';

/** An input's value and collapsed caret position (UTF-16 index). */
export interface Edit {
  value: string;
  caret: number;
}

export interface EditOptions {
  /**
   * true (REJECT, the default): keep only digits, at most the brand's longest length.
   * false (ALLOW): keep what was typed, so validation can report it; such a value is left unformatted.
   */
  reject?: boolean;
}

const isSeparator = (ch: string | undefined) => ch !== undefined && /[\s-]/.test(ch);

function clampCaret(edit: Edit): number {
  return Math.min(Math.max(0, Math.trunc(edit.caret) || 0), edit.value.length);
}

/** Index just after the `count`-th digit (0 when count is 0). */
function indexAfterDigits(text: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (/\d/.test(text.charAt(i)) && ++seen === count) return i + 1;
  }
  return text.length;
}

function formattable(value: string, opts: EditOptions): boolean {
  return opts.reject !== false || hasOnlyNumberCharacters(value);
}

/**
 * Formats the value the browser produced after a keystroke, paste or cut, and puts the caret after the same
 * number of digits as before. Typing at a group boundary therefore lands the caret after the new digit, past
 * the inserted space. Digits cut off by the brand's longest length are dropped from the end.
 */
export function reformatNumber(edit: Edit, mode: FormatMode, opts: EditOptions = {}): Edit {
  const caret = clampCaret(edit);
  if (!formattable(edit.value, opts)) return { value: edit.value, caret };
  let digits = digitsOf(edit.value);
  let before = digitsOf(edit.value.slice(0, caret)).length;
  if (opts.reject !== false) {
    const max = maxLength(digits);
    digits = digits.slice(0, max);
    before = Math.min(before, max);
  }
  const value = formatNumber(digits, mode);
  return { value, caret: indexAfterDigits(value, before) };
}

/**
 * Backspace with a collapsed caret, applied to the value BEFORE the browser deletes anything (call it from
 * `beforeinput` for `deleteContentBackward` and prevent the default). Separators the formatter inserted are
 * skipped, so Backspace right after a space removes the digit before it instead of a space that would
 * only come back.
 */
export function deleteBackward(edit: Edit, mode: FormatMode, opts: EditOptions = {}): Edit {
  const caret = clampCaret(edit);
  let at = caret - 1;
  if (formattable(edit.value, opts)) while (at >= 0 && isSeparator(edit.value[at])) at--;
  if (at < 0) return reformatNumber({ value: edit.value, caret }, mode, opts);
  return reformatNumber({ value: edit.value.slice(0, at) + edit.value.slice(caret), caret: at }, mode, opts);
}

/** Delete (forward) with a collapsed caret; the mirror of deleteBackward, for `deleteContentForward`. */
export function deleteForward(edit: Edit, mode: FormatMode, opts: EditOptions = {}): Edit {
  const caret = clampCaret(edit);
  let at = caret;
  if (formattable(edit.value, opts)) while (at < edit.value.length && isSeparator(edit.value[at])) at++;
  if (at >= edit.value.length) return reformatNumber({ value: edit.value, caret }, mode, opts);
  return reformatNumber({ value: edit.value.slice(0, caret) + edit.value.slice(at + 1), caret }, mode, opts);
}
