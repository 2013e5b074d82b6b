import { fireEvent } from '@testing-library/dom';
import type { BinLookupResponse, FieldEvent, FieldRole, FrameConfig } from '@hosted-session/protocol';
import { createField } from '../src/field/field.ts';
import type { FieldMessage } from '../src/shared/channel-messages.ts';

export const CONFIG: FrameConfig = {
  merchantId: 'TESTMERCHANT',
  apiVersion: '100',
  allowedOrigins: ['https://shop.example'],
  supportedBrands: ['VISA', 'MASTERCARD', 'AMEX', 'UATP'],
  cscRequired: true,
};

export const FRAME_ID = 'f'.repeat(32);
export const HUB_ID = 'c'.repeat(32);

/** A configured field in the test document, with everything it told the page and the hub. */
export function mountField(
  role: FieldRole,
  options: Record<string, unknown> = {},
  config = CONFIG,
  lookupBin: (bin: string) => Promise<BinLookupResponse | undefined> = async () => undefined,
) {
  document.body.replaceChildren();
  document.adoptedStyleSheets = [];
  const events: FieldEvent[] = [];
  const posted: FieldMessage[] = [];
  const joined: string[] = [];
  const field = createField({
    document,
    role,
    config,
    frame: FRAME_ID,
    emit: (event) => events.push(event),
    joinHub: (hub) => {
      joined.push(hub);
      return (message) => posted.push(message);
    },
    lookupBin,
  });
  field.methods.configure({
    role,
    hub: HUB_ID,
    locale: 'en_US',
    formatCard: 'EMBOSSED',
    invalidFieldCharacters: 'REJECT',
    aria: {},
    styles: {},
    ...options,
  });
  const control = document.getElementById('hs-field') as HTMLInputElement;
  return { field, events, posted, joined, control };
}

export function caret(input: HTMLInputElement): number | null {
  return input.selectionStart;
}

/** Puts the caret where a click would. */
export function placeCaret(input: HTMLInputElement, at: number): void {
  input.focus();
  input.setSelectionRange(at, at);
}

/** What a browser does for a keystroke or paste: insert at the selection, then fire `input`. */
export function insert(input: HTMLInputElement, text: string, inputType = 'insertText'): void {
  input.focus();
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? start;
  const before = new InputEvent('beforeinput', { inputType, data: text, bubbles: true, cancelable: true });
  if (!input.dispatchEvent(before)) return;
  input.value = input.value.slice(0, start) + text + input.value.slice(end);
  input.setSelectionRange(start + text.length, start + text.length);
  fireEvent(input, new InputEvent('input', { inputType, data: text, bubbles: true }));
}

export function type(input: HTMLInputElement, text: string): void {
  for (const character of text) insert(input, character);
}

/** Backspace or Delete: the field may handle it in `beforeinput`; otherwise the browser deletes a character. */
function deleteOne(
  input: HTMLInputElement,
  inputType: 'deleteContentBackward' | 'deleteContentForward',
): void {
  input.focus();
  const start = input.selectionStart ?? 0;
  const end = input.selectionEnd ?? start;
  const before = new InputEvent('beforeinput', { inputType, bubbles: true, cancelable: true });
  if (!input.dispatchEvent(before)) return;
  const collapsed = start === end;
  const from = collapsed && inputType === 'deleteContentBackward' ? start - 1 : start;
  const to = collapsed ? from + 1 : end;
  if (from < 0 || to > input.value.length) return;
  input.value = input.value.slice(0, from) + input.value.slice(to);
  input.setSelectionRange(from, from);
  fireEvent(input, new InputEvent('input', { inputType, bubbles: true }));
}

export const backspace = (input: HTMLInputElement) => deleteOne(input, 'deleteContentBackward');
export const deleteForward = (input: HTMLInputElement) => deleteOne(input, 'deleteContentForward');

export function ofType<T extends FieldEvent['type']>(events: FieldEvent[], type: T) {
  return events.filter((event): event is Extract<FieldEvent, { type: T }> => event.type === type);
}
