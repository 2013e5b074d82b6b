import { getByLabelText } from '@testing-library/dom';
import type { BinLookupResponse } from '@hosted-session/protocol';
import { describe, expect, it, vi } from 'vitest';
import { mountField, ofType, type } from './field-harness.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('gift card fields', () => {
  it('take digits only, up to 19 for the number and 8 for the PIN, and say when they are complete', () => {
    const number = mountField('giftCard.number');
    type(number.control, '7700-0000 0000 0000 9999');
    expect(number.control.value).toBe('7700000000000000999');
    expect(ofType(number.events, 'validity').at(-1)?.validity).toEqual({
      isValid: true,
      isIncomplete: false,
      hasError: false,
    });
    expect(number.posted.at(-1)).toMatchObject({ type: 'value', value: '7700000000000000999' });

    const pin = mountField('giftCard.pin');
    type(pin.control, '123456789');
    expect(pin.control.value).toBe('12345678');
    expect(pin.control.getAttribute('inputmode')).toBe('numeric');
    expect(getByLabelText(document.body, 'Gift Card PIN')).toBe(pin.control);
  });
});

describe('ACH fields', () => {
  it('tell a routing number that fails the ABA checksum, in the field’s language', () => {
    const { control, events } = mountField('ach.routingNumber', { locale: 'es_MX' });
    type(control, '011000016');
    expect(ofType(events, 'validity').at(-1)?.validity).toMatchObject({
      hasError: true,
      errorReason: 'INVALID_VALUE',
    });
    expect(document.getElementById('hs-message')?.textContent).toBe(
      'El campo "Número de ruta bancaria" no es válido, ingrese un valor correcto.',
    );
  });

  it('tell a confirmation that is not the account number only once the hub says so', () => {
    const { field, control, events } = mountField('ach.bankAccountNumberConfirmation');
    type(control, '1234567801');
    expect(ofType(events, 'validity').at(-1)?.validity.isValid).toBe(true);
    field.receive({ type: 'accountNumbers', same: false });
    expect(ofType(events, 'validity').at(-1)?.validity).toMatchObject({ errorReason: 'INVALID_VALUE' });
    expect(document.getElementById('hs-message')?.textContent).toBe(
      'The account numbers do not match, please check them.',
    );
    field.receive({ type: 'accountNumbers', same: true });
    expect(ofType(events, 'validity').at(-1)?.validity.isValid).toBe(true);
  });

  it('keep a holder name that could be a card number in the frame, as the name on a card', () => {
    const { control, posted, events } = mountField('ach.bankAccountHolder');
    type(control, 'Ada 4508');
    expect(posted.at(-1)).toEqual({ type: 'withheld', role: 'ach.bankAccountHolder', frame: 'f'.repeat(32) });
    expect(JSON.stringify(posted)).not.toContain('4508');
    expect(ofType(events, 'validity').at(-1)?.validity).toMatchObject({ errorReason: 'INVALID_CHARACTERS' });
  });

  it('offer the account types in the field’s language when the page offers none, and follow setLocale', () => {
    const { field, control } = mountField('ach.accountType', { locale: 'fr_CA' });
    const select = control as unknown as HTMLSelectElement;
    expect(Array.from(select.options, (option) => [option.value, option.text])).toEqual([
      ['', ''],
      ['CONSUMER_CHECKING', 'Compte chèques personnel'],
      ['CONSUMER_SAVINGS', "Compte d'épargne personnel"],
      ['CORPORATE_CHECKING', "Compte chèques d'entreprise"],
    ]);
    field.methods.setLocale('de_DE');
    expect(select.options[1]?.text).toBe('Privates Girokonto');
    expect(getByLabelText(document.body, 'Kontoart')).toBe(select);
  });

  it('keep the page’s own account type options, labels and all', () => {
    const options = [
      { value: '', label: 'Choose' },
      { value: 'CONSUMER_CHECKING', label: 'Checking' },
    ];
    const { field, control } = mountField('ach.accountType', { options });
    field.methods.setLocale('de_DE');
    const select = control as unknown as HTMLSelectElement;
    expect(Array.from(select.options, (option) => option.text)).toEqual(['Choose', 'Checking']);
  });
});

describe('the card number’s funding and issuer', () => {
  it('are asked of the gateway with eight digits, only once the number is valid, and told only then', async () => {
    const lookup = vi.fn(async (): Promise<BinLookupResponse> => ({
      fundingMethod: 'DEBIT',
      issuer: 'Sandbox Bank Debit',
    }));
    const { control, events } = mountField('card.number', {}, undefined, lookup);
    type(control, '512345000000000');
    await settle();
    expect(lookup).not.toHaveBeenCalled();
    expect(JSON.stringify(events)).not.toMatch(/fundingMethod|issuer/);

    type(control, '8');
    await settle();
    expect(lookup.mock.calls).toEqual([['51234500']]);
    expect(ofType(events, 'cardType').at(-1)?.cardType).toEqual({
      status: 'SUPPORTED',
      brand: 'MASTERCARD',
      scheme: 'MASTERCARD',
      fundingMethod: 'DEBIT',
      issuer: 'Sandbox Bank Debit',
    });
    expect(ofType(events, 'bin').at(-1)?.bin).toBe('512345');

    // One digit less and the number is no longer valid: the funding goes with it.
    control.value = control.value.slice(0, -1);
    control.dispatchEvent(new InputEvent('input', { bubbles: true }));
    expect(ofType(events, 'cardType').at(-1)?.cardType).toEqual({
      status: 'SUPPORTED',
      brand: 'MASTERCARD',
      scheme: 'MASTERCARD',
    });
  });

  it('are left out when the gateway does not answer', async () => {
    const { control, events } = mountField('card.number', {}, undefined, async () => undefined);
    type(control, '5123450000000008');
    await settle();
    expect(ofType(events, 'cardType').at(-1)?.cardType).toEqual({
      status: 'SUPPORTED',
      brand: 'MASTERCARD',
      scheme: 'MASTERCARD',
    });
  });
});
