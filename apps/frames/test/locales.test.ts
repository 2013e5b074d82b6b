import { FIELD_ROLES, LOCALES } from '@hosted-session/protocol';
import { describe, expect, it } from 'vitest';
import { fieldTexts } from '../src/shared/locales.ts';

const english = fieldTexts('en_US');

describe('locales', () => {
  it.each(LOCALES.filter((locale) => locale !== 'en_US'))(
    '%s has its own text for every label and message',
    (locale) => {
      const texts = fieldTexts(locale);
      for (const role of FIELD_ROLES) {
        expect(texts.labels[role], role).toBeTruthy();
        expect(texts.labels[role], role).not.toBe(english.labels[role]);
      }
      for (const key of ['invalid', 'expired', 'mismatch'] as const)
        expect(texts[key]).not.toBe(english[key]);
      for (const type of Object.keys(english.accountTypes) as Array<keyof typeof english.accountTypes>) {
        expect(texts.accountTypes[type]).not.toBe(english.accountTypes[type]);
      }
      expect(texts.invalid.split('{label}')).toHaveLength(2);
      expect(texts.lang).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
    },
  );
});
