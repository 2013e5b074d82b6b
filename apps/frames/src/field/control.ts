import type { FieldRole } from '@hosted-session/protocol';
import { MAX_VALUE_LENGTH } from '../shared/channel-messages.ts';
import type { FieldTexts } from '../shared/locales.ts';
import type { ParsedFieldOptions } from './field-options.ts';
import { CONTROL_ID } from './stylesheet.ts';

const MESSAGE_ID = 'hs-message';

export interface Control {
  element: HTMLInputElement | HTMLSelectElement;
  label: HTMLLabelElement;
  message: HTMLElement;
}

/** What the browser may fill in: the card's autofill tokens; nothing standard exists for the others. */
const AUTOCOMPLETE: Record<FieldRole, string> = {
  'card.number': 'cc-number',
  'card.securityCode': 'cc-csc',
  'card.expiryMonth': 'cc-exp-month',
  'card.expiryYear': 'cc-exp-year',
  'card.nameOnCard': 'cc-name',
  'giftCard.number': 'off',
  'giftCard.pin': 'off',
  'ach.accountType': 'off',
  'ach.bankAccountHolder': 'name',
  'ach.bankAccountNumber': 'off',
  'ach.bankAccountNumberConfirmation': 'off',
  'ach.routingNumber': 'off',
};

/** Free text; every other input field takes digits. */
const TEXT_ROLES: readonly FieldRole[] = ['card.nameOnCard', 'ach.bankAccountHolder'];
const EXPIRY_ROLES: readonly FieldRole[] = ['card.expiryMonth', 'card.expiryYear'];

function hidden(element: HTMLElement, id: string): void {
  element.id = id;
  element.className = 'hs-visually-hidden';
}

/** The account types, labelled in the field's language, when the merchant's placeholder offers none. */
export function accountTypeOptions(texts: FieldTexts): Array<{ value: string; label: string }> {
  return [
    { value: '', label: '' },
    ...Object.entries(texts.accountTypes).map(([value, label]) => ({ value, label })),
  ];
}

function renderSelect(doc: Document, options: Array<{ value: string; label: string }>): HTMLSelectElement {
  const element = doc.createElement('select');
  for (const { value, label } of options) {
    const option = doc.createElement('option');
    option.value = value;
    option.text = label;
    element.add(option);
  }
  // The first option, as in the merchant's own select; stated because some DOMs pick another.
  element.selectedIndex = 0;
  return element;
}

/**
 * The field's elements: one input (or a select for an expiry part the merchant offered as a select, and for
 * the account type), its visually hidden label, and the hidden message the input is described by. No
 * `pattern` attribute: screen readers would announce a half-typed value as invalid.
 */
export function renderControl(
  doc: Document,
  options: ParsedFieldOptions,
  required: boolean,
  texts: FieldTexts,
): Control {
  const { role } = options;
  let element: HTMLInputElement | HTMLSelectElement;
  if (role === 'ach.accountType') {
    element = renderSelect(doc, options.options ?? accountTypeOptions(texts));
  } else if (options.options !== undefined && EXPIRY_ROLES.includes(role)) {
    element = renderSelect(doc, options.options);
  } else {
    const input = doc.createElement('input');
    input.type = 'text';
    input.maxLength = MAX_VALUE_LENGTH;
    input.spellcheck = false;
    input.setAttribute('autocorrect', 'off');
    if (!TEXT_ROLES.includes(role)) {
      input.setAttribute('inputmode', 'numeric');
      input.setAttribute('autocapitalize', 'off');
    }
    if (options.placeholder) input.placeholder = options.placeholder;
    element = input;
  }
  element.id = CONTROL_ID;
  element.setAttribute('autocomplete', AUTOCOMPLETE[role]);
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
