import type { FieldRole } from '@hosted-session/protocol';
import { describe, expect, it } from 'vitest';
import type { HubMessage } from '../src/shared/channel-messages.ts';
import { createFormModel } from '../src/hub/form-model.ts';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = 'c'.repeat(32);

function model() {
  const posted: HubMessage[] = [];
  const lost: FieldRole[] = [];
  const form = createFormModel({ post: (m) => posted.push(m), fieldLost: (role) => lost.push(role) });
  return { form, posted, lost };
}

describe('form model', () => {
  it('keeps the latest value of each field', () => {
    const { form } = model();
    form.receive({ type: 'hello', role: 'card.number', frame: A });
    form.receive({ type: 'value', role: 'card.number', frame: A, value: '4111' });
    form.receive({ type: 'value', role: 'card.number', frame: A, value: '4111 1' });
    form.receive({ type: 'value', role: 'card.nameOnCard', frame: B, value: 'Ann' });
    expect(Object.fromEntries(form.form.values)).toEqual({
      'card.number': '4111 1',
      'card.nameOnCard': 'Ann',
    });
  });

  it('knows a withheld value as withheld, never as an old value, until the field sends one again', () => {
    const { form } = model();
    form.receive({ type: 'value', role: 'card.nameOnCard', frame: A, value: 'Ann 10' });
    form.receive({ type: 'withheld', role: 'card.nameOnCard', frame: A });
    expect(form.form.values.has('card.nameOnCard')).toBe(false);
    expect([...form.form.withheld]).toEqual(['card.nameOnCard']);
    form.receive({ type: 'value', role: 'card.nameOnCard', frame: A, value: 'Ann' });
    expect(form.form.values.get('card.nameOnCard')).toBe('Ann');
    expect(form.form.withheld.size).toBe(0);
  });

  it('relays the brand when the number changes it, and again to a security code frame that arrives', () => {
    const { form, posted } = model();
    form.receive({ type: 'value', role: 'card.number', frame: A, value: '3' });
    form.receive({ type: 'value', role: 'card.number', frame: A, value: '37' });
    form.receive({ type: 'value', role: 'card.number', frame: A, value: '3718' });
    expect(posted).toEqual([{ type: 'brand', brand: 'AMEX' }]);
    form.receive({ type: 'hello', role: 'card.securityCode', frame: B });
    expect(posted.at(-1)).toEqual({ type: 'brand', brand: 'AMEX' });
    form.receive({ type: 'value', role: 'card.number', frame: A, value: '' });
    expect(posted.at(-1)).toEqual({ type: 'brand', brand: null });
  });

  it('relays both expiry parts whenever either changes', () => {
    const { form, posted } = model();
    form.receive({ type: 'value', role: 'card.expiryMonth', frame: A, value: '05' });
    form.receive({ type: 'value', role: 'card.expiryYear', frame: B, value: '39' });
    expect(posted).toEqual([
      { type: 'expiry', month: '05', year: '' },
      { type: 'expiry', month: '05', year: '39' },
    ]);
  });

  it('clears the form and reports the role when another frame claims a role', () => {
    const { form, posted, lost } = model();
    form.receive({ type: 'value', role: 'card.number', frame: A, value: '4111111111111111' });
    form.receive({ type: 'value', role: 'card.securityCode', frame: B, value: '123' });
    form.receive({ type: 'hello', role: 'card.number', frame: C });
    expect(lost).toEqual(['card.number']);
    expect(form.form.values.size).toBe(0);
    expect(posted).toContainEqual({ type: 'reset' });
    expect(posted.at(-1)).toEqual({ type: 'brand', brand: null });
  });

  it('never listens to a replaced frame again, so two frames cannot take turns', () => {
    const { form, lost } = model();
    form.receive({ type: 'hello', role: 'card.number', frame: A });
    form.receive({ type: 'hello', role: 'card.number', frame: C });
    form.receive({ type: 'value', role: 'card.number', frame: A, value: '5123450000000008' });
    form.receive({ type: 'hello', role: 'card.number', frame: A });
    expect(lost).toEqual(['card.number']);
    expect(form.form.values.get('card.number')).toBeUndefined();
    form.receive({ type: 'value', role: 'card.number', frame: C, value: '4' });
    expect(form.form.values.get('card.number')).toBe('4');
  });

  it('does not count the same frame announcing itself again as a loss', () => {
    const { form, lost } = model();
    form.receive({ type: 'hello', role: 'card.number', frame: A });
    form.receive({ type: 'value', role: 'card.number', frame: A, value: '4' });
    form.receive({ type: 'hello', role: 'card.number', frame: A });
    expect(lost).toEqual([]);
    expect(form.form.values.get('card.number')).toBe('4');
  });
});
