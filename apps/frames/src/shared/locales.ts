import { DEFAULT_LOCALE, type CardField, type Locale } from '@hosted-session/protocol';

/** What a field says to assistive technology: its name and, when in error, what is wrong. */
export interface FieldTexts {
  /** For `<html lang>`, so screen readers pronounce the texts in their language. */
  lang: string;
  labels: Record<CardField, string>;
  /** `{label}` stands for the field's name. */
  invalid: string;
  expired: string;
}

const TEXTS: Partial<Record<Locale, FieldTexts>> = {
  en_US: {
    lang: 'en',
    labels: {
      number: 'Card Number',
      securityCode: 'Security Code',
      expiryMonth: 'Expiry Month',
      expiryYear: 'Expiry Year',
      nameOnCard: 'Name on Card',
    },
    invalid: '{label} is invalid, please enter correct value.',
    expired: 'The card has expired, please check the expiry date.',
  },
  de_DE: {
    lang: 'de',
    labels: {
      number: 'Kartennummer',
      securityCode: 'Kartenprüfnummer',
      expiryMonth: 'Ablaufmonat',
      expiryYear: 'Ablaufjahr',
      nameOnCard: 'Name auf der Karte',
    },
    invalid: '{label} ist ungültig, bitte geben Sie einen korrekten Wert ein.',
    expired: 'Die Karte ist abgelaufen, bitte prüfen Sie das Ablaufdatum.',
  },
  fr_FR: {
    lang: 'fr',
    labels: {
      number: 'Numéro de carte',
      securityCode: 'Cryptogramme visuel',
      expiryMonth: "Mois d'expiration",
      expiryYear: "Année d'expiration",
      nameOnCard: 'Nom sur la carte',
    },
    invalid: "Le champ « {label} » n'est pas valide, veuillez saisir une valeur correcte.",
    expired: "La carte a expiré, veuillez vérifier la date d'expiration.",
  },
  es_ES: {
    lang: 'es',
    labels: {
      number: 'Número de tarjeta',
      securityCode: 'Código de seguridad',
      expiryMonth: 'Mes de caducidad',
      expiryYear: 'Año de caducidad',
      nameOnCard: 'Nombre en la tarjeta',
    },
    invalid: 'El campo «{label}» no es válido, introduzca un valor correcto.',
    expired: 'La tarjeta ha caducado, compruebe la fecha de caducidad.',
  },
  it_IT: {
    lang: 'it',
    labels: {
      number: 'Numero della carta',
      securityCode: 'Codice di sicurezza',
      expiryMonth: 'Mese di scadenza',
      expiryYear: 'Anno di scadenza',
      nameOnCard: 'Nome sulla carta',
    },
    invalid: 'Il campo «{label}» non è valido, inserisci un valore corretto.',
    expired: 'La carta è scaduta, controlla la data di scadenza.',
  },
  pt_BR: {
    lang: 'pt',
    labels: {
      number: 'Número do cartão',
      securityCode: 'Código de segurança',
      expiryMonth: 'Mês de validade',
      expiryYear: 'Ano de validade',
      nameOnCard: 'Nome no cartão',
    },
    invalid: 'O campo "{label}" é inválido, informe um valor correto.',
    expired: 'O cartão está vencido, verifique a data de validade.',
  },
};

/**
 * The texts for a locale: its own, else another country's of the same language (fr_CA reads fr_FR), else
 * en_US. The locale comes from the page, so anything unknown falls back rather than fails.
 */
export function fieldTexts(locale: string): FieldTexts {
  const own = TEXTS[locale as Locale];
  const language = /^[a-z]{2}_/.exec(locale)?.[0];
  const sibling = language ? Object.entries(TEXTS).find(([key]) => key.startsWith(language))?.[1] : undefined;
  return own ?? sibling ?? (TEXTS[DEFAULT_LOCALE] as FieldTexts);
}
