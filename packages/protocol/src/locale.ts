/** Locales Mastercard's Hosted Session accepts; the frames speak every one of them. */
export const LOCALES = [
  'de_DE',
  'el_GR',
  'en_US',
  'es_MX',
  'es_ES',
  'fr_CA',
  'fr_FR',
  'it_IT',
  'ja_JA',
  'pl_PL',
  'pt_BR',
  'ro_RO',
  'zh_CN',
] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en_US';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
