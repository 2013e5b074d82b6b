import type { CardRole } from '@hosted-session/protocol';
import { MAX_VALUE_LENGTH } from '../shared/channel-messages.ts';
import type { ParsedFieldOptions } from './field-options.ts';
import { CONTROL_ID } from './stylesheet.ts';

const MESSAGE_ID = 'hs-message';

export interface Control {
  element: HTMLInputElement | HTMLSelectElement;
  label: HTMLLabelElement;
  message: HTMLElement;
}

const AUTOCOMPLETE: Record<CardRole, string> = {
  'card.number': 'cc-number',
  'card.securityCode': 'cc-csc',
  'card.expiryMonth': 'cc-exp-month',
  'card.expiryYear': 'cc-exp-year',
  'card.nameOnCard': 'cc-name',
};

function hidden(element: HTMLElement, id: string): void {
  element.id = id;
  element.className = 'hs-visually-hidden';
}

/**
 * The field's elements: one input (or a select for an expiry part the merchant offered as a select), its
 * visually hidden label, and the hidden message the input is described by. No `pattern` attribute: screen
 * readers would announce a half-typed value as invalid.
 */
export function renderControl(doc: Document, options: ParsedFieldOptions, required: boolean): Control {
  const isSelect = options.options !== undefined && /^card\.expiry/.test(options.role);
  const element = isSelect ? doc.createElement('select') : doc.createElement('input');
  element.id = CONTROL_ID;
  element.setAttribute('autocomplete', AUTOCOMPLETE[options.role]);
  if (element instanceof HTMLSelectElement) {
    for (const { value, label } of options.options ?? []) {
      const option = doc.createElement('option');
      option.value = value;
      option.text = label;
      element.add(option);
    }
    // The first option, as in the merchant's own select; stated because some DOMs pick another.
    element.selectedIndex = 0;
  } else {
    element.type = 'text';
    element.maxLength = MAX_VALUE_LENGTH;
    element.spellcheck = false;
    element.setAttribute('autocorrect', 'off');
    if (options.role !== 'card.nameOnCard') {
      element.setAttribute('inputmode', 'numeric');
      element.setAttribute('autocapitalize', 'off');
    }
    if (options.placeholder) element.placeholder = options.placeholder;
  }
  // The merchant's own aria-required, carried below, has the last word.
  if (required) element.setAttribute('aria-required', 'true');
  for (const [name, value] of Object.entries(options.aria)) element.setAttribute(name, value);
  element.setAttribute('aria-describedby', MESSAGE_ID);
  element.setAttribute('aria-invalid', 'false');

  const label = doc.createElement('label');
  hidden(label, 'hs-label');
  label.htmlFor = CONTROL_ID;
  const message = doc.createElement('span');
  hidden(message, MESSAGE_ID);

  doc.body.replaceChildren(label, element, message);
  return { element, label, message };
}
