import type { CardRole } from '@hosted-session/protocol';
import { describe, expect, it } from 'vitest';
import { validateForm } from '../src/hub/validate-form.ts';

const CONFIG = {
  supportedBrands: ['VISA' as const, 'MASTERCARD' as const, 'AMEX' as const],
  cscRequired: true,
};
const NOW = new Date('2026-06-15T12:00:00Z');
const ALL: CardRole[] = [
  'card.number',
  'card.securityCode',
  'card.expiryMonth',
  'card.expiryYear',
  'card.nameOnCard',
];

const values = (entries: Partial<Record<CardRole, string>>, withheld: CardRole[] = []) => ({
  values: new Map(Object.entries(entries)) as Map<CardRole, string>,
  withheld: new Set(withheld),
});

const GOOD = {
  'card.number': '5123 4500 0000 0008',
  'card.securityCode': '100',
  'card.expiryMonth': '1',
  'card.expiryYear': '39',
  'card.nameOnCard': 'Ann Smith',
};

describe('form validation', () => {
  it('passes a complete, valid card', () => {
    const { result, errors } = validateForm('card', ALL, values(GOOD), CONFIG, NOW);
    expect(errors).toEqual({});
    expect(result.card!.isValid).toBe(true);
    expect(result.card!.number).toEqual({ isValid: true, isIncomplete: false, hasError: false });
  });

  it('reports empty required fields missing and wrong ones invalid', () => {
    const { result, errors } = validateForm(
      'card',
      ALL,
      values({ 'card.number': '4111 1111', 'card.expiryMonth': '13', 'card.expiryYear': '39' }),
      CONFIG,
      NOW,
    );
    expect(errors).toEqual({ cardNumber: 'invalid', securityCode: 'missing', expiryMonth: 'invalid' });
    expect(result.card!.isValid).toBe(false);
    expect(result.card!.nameOnCard?.errorReason).toBe('EMPTY');
  });

  it('counts only the fields the scope has', () => {
    const { errors, result } = validateForm(
      'card',
      ['card.number'],
      values({ 'card.number': GOOD['card.number'] }),
      CONFIG,
      NOW,
    );
    expect(errors).toEqual({});
    expect(Object.keys(result.card!).sort()).toEqual(['isValid', 'number']);
  });

  it('judges month and year together', () => {
    const { errors, result } = validateForm(
      'card',
      ALL,
      values({ ...GOOD, 'card.expiryMonth': '05', 'card.expiryYear': '26' }),
      CONFIG,
      NOW,
    );
    expect(errors).toEqual({ expiryMonth: 'invalid', expiryYear: 'invalid' });
    expect(result.card!.expiryMonth?.errorReason).toBe('EXPIRED');
    expect(result.card!.expiryYear?.errorReason).toBe('EXPIRED');
  });

  it('sizes the security code by the brand of the number', () => {
    const amex = { ...GOOD, 'card.number': '371881634498004' };
    expect(validateForm('card', ALL, values(amex), CONFIG, NOW).errors).toEqual({ securityCode: 'invalid' });
    expect(
      validateForm('card', ALL, values({ ...amex, 'card.securityCode': '1000' }), CONFIG, NOW).errors,
    ).toEqual({});
  });

  it('lets the security code be empty only when the merchant does not require it', () => {
    const noCsc = values({ ...GOOD, 'card.securityCode': '' });
    expect(validateForm('card', ALL, noCsc, CONFIG, NOW).errors).toEqual({ securityCode: 'missing' });
    expect(validateForm('card', ALL, noCsc, { ...CONFIG, cscRequired: false }, NOW).errors).toEqual({});
  });

  it('refuses a brand the merchant does not take', () => {
    const discover = values({ ...GOOD, 'card.number': '6011003179988686' });
    const { errors, result } = validateForm('card', ALL, discover, CONFIG, NOW);
    expect(errors).toEqual({ cardNumber: 'invalid' });
    expect(result.card!.number?.errorReason).toBe('NOT_SUPPORTED');
  });

  it('refuses a name that could be a card number or CSC, sent or withheld by its field', () => {
    const invalid = {
      isValid: false,
      isIncomplete: false,
      hasError: true,
      errorReason: 'INVALID_CHARACTERS',
    };
    for (const form of [
      values({ ...GOOD, 'card.nameOnCard': '4508 7500 1574 1019' }),
      values({ ...GOOD, 'card.nameOnCard': 'Ann 100' }),
      values({ ...GOOD, 'card.nameOnCard': undefined }, ['card.nameOnCard']),
    ]) {
      const { errors, result } = validateForm('card', ALL, form, CONFIG, NOW);
      expect(errors).toEqual({ nameOnCard: 'invalid' });
      expect(result.card!.nameOnCard).toEqual(invalid);
    }
  });
});
