import { describe, expect, it } from 'vitest';
import { mountField } from './field-harness.ts';

function rules(): string[] {
  return document.adoptedStyleSheets.flatMap((sheet) => Array.from(sheet.cssRules, (rule) => rule.cssText));
}

describe('merchant styles', () => {
  it('applies the initial styles and later ones through CSSOM rules on our own selectors', () => {
    const { field } = mountField('card.number', {
      styles: { base: { color: 'rgb(1, 2, 3)', fontSize: '16px' }, evil: { color: 'red' } },
    });
    expect(rules()).toContainEqual(expect.stringMatching(/^#hs-field \{.*color: rgb\(1, 2, 3\).*\}$/));
    expect(rules()).toContainEqual(expect.stringContaining('font-size: 16px'));

    expect(field.methods.setStyle('focus', { borderColor: 'blue' })).toEqual([]);
    expect(rules()).toContainEqual(expect.stringMatching(/^#hs-field:focus \{ border-color: blue; \}$/));
    field.methods.setStyle('invalid', { color: 'red' });
    expect(rules()).toContainEqual(expect.stringMatching(/^#hs-field\.hs-invalid \{ color: red; \}$/));
    expect(document.querySelectorAll('style, [style]')).toHaveLength(0);
  });

  it('returns the refused properties and applies none of them', () => {
    const { field } = mountField('card.number');
    const refused = field.methods.setStyle('hover', {
      color: 'green',
      backgroundImage: 'url(https://evil.test/x)',
      fontFamily: 'x;background:url(https://evil.test/y)',
      position: 'fixed',
    });
    expect(refused).toEqual(['backgroundImage', 'fontFamily', 'position']);
    const text = rules().join('\n');
    expect(text).toContain('#hs-field:hover { color: green; }');
    expect(text).not.toMatch(/url|fixed|evil/);
  });

  it('refuses a state it does not know', () => {
    const { field } = mountField('card.number');
    expect(() => field.methods.setStyle('body', { color: 'red' })).toThrow(/Unknown style state/);
  });

  it('marks the field valid or invalid for the merchant styles of those states', () => {
    const { control } = mountField('card.number');
    control.value = '4111111111111111';
    control.dispatchEvent(new InputEvent('input', { bubbles: true }));
    expect(control.className).toBe('hs-valid');
    control.value = '5123450000000009';
    control.dispatchEvent(new InputEvent('input', { bubbles: true }));
    expect(control.className).toBe('hs-invalid');
  });
});
