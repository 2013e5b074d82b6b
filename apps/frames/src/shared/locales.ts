import { DEFAULT_LOCALE, type FieldRole, type Locale } from '@hosted-session/protocol';

/** What a field says to assistive technology: its name and, when in error, what is wrong. */
export interface FieldTexts {
  /** For `<html lang>`, so screen readers pronounce the texts in their language. */
  lang: string;
  labels: Record<FieldRole, string>;
  /** `{label}` stands for the field's name. */
  invalid: string;
  expired: string;
  /** The account number's confirmation is not the account number. */
  mismatch: string;
  /** The account type's options, when the merchant's placeholder offers none. */
  accountTypes: { CONSUMER_CHECKING: string; CONSUMER_SAVINGS: string; CORPORATE_CHECKING: string };
}

/**
 * Every locale Mastercard's Hosted Session takes. Written for people who hear them read by a screen reader:
 * whole sentences, the field named as the page's own label would, the forms each country's banks and shops
 * use (es_MX "vencimiento" and "NIP", es_ES "caducidad"; fr_CA "NIP" and "compte chèques").
 */
const TEXTS: Record<Locale, FieldTexts> = {
  en_US: {
    lang: 'en-US',
    labels: {
      'card.number': 'Card Number',
      'card.securityCode': 'Security Code',
      'card.expiryMonth': 'Expiry Month',
      'card.expiryYear': 'Expiry Year',
      'card.nameOnCard': 'Name on Card',
      'giftCard.number': 'Gift Card Number',
      'giftCard.pin': 'Gift Card PIN',
      'ach.accountType': 'Account Type',
      'ach.bankAccountHolder': 'Account Holder Name',
      'ach.bankAccountNumber': 'Account Number',
      'ach.bankAccountNumberConfirmation': 'Confirm Account Number',
      'ach.routingNumber': 'Routing Number',
    },
    invalid: '{label} is invalid, please enter correct value.',
    expired: 'The card has expired, please check the expiry date.',
    mismatch: 'The account numbers do not match, please check them.',
    accountTypes: {
      CONSUMER_CHECKING: 'Personal checking',
      CONSUMER_SAVINGS: 'Personal savings',
      CORPORATE_CHECKING: 'Business checking',
    },
  },
  de_DE: {
    lang: 'de-DE',
    labels: {
      'card.number': 'Kartennummer',
      'card.securityCode': 'Kartenprüfnummer',
      'card.expiryMonth': 'Ablaufmonat',
      'card.expiryYear': 'Ablaufjahr',
      'card.nameOnCard': 'Name auf der Karte',
      'giftCard.number': 'Geschenkkartennummer',
      'giftCard.pin': 'PIN der Geschenkkarte',
      'ach.accountType': 'Kontoart',
      'ach.bankAccountHolder': 'Name des Kontoinhabers',
      'ach.bankAccountNumber': 'Kontonummer',
      'ach.bankAccountNumberConfirmation': 'Kontonummer bestätigen',
      'ach.routingNumber': 'Routing-Nummer der Bank',
    },
    invalid: '{label} ist ungültig, bitte geben Sie einen korrekten Wert ein.',
    expired: 'Die Karte ist abgelaufen, bitte prüfen Sie das Ablaufdatum.',
    mismatch: 'Die Kontonummern stimmen nicht überein, bitte prüfen Sie sie.',
    accountTypes: {
      CONSUMER_CHECKING: 'Privates Girokonto',
      CONSUMER_SAVINGS: 'Privates Sparkonto',
      CORPORATE_CHECKING: 'Geschäftliches Girokonto',
    },
  },
  el_GR: {
    lang: 'el-GR',
    labels: {
      'card.number': 'Αριθμός κάρτας',
      'card.securityCode': 'Κωδικός ασφαλείας',
      'card.expiryMonth': 'Μήνας λήξης',
      'card.expiryYear': 'Έτος λήξης',
      'card.nameOnCard': 'Όνομα στην κάρτα',
      'giftCard.number': 'Αριθμός δωροκάρτας',
      'giftCard.pin': 'PIN δωροκάρτας',
      'ach.accountType': 'Τύπος λογαριασμού',
      'ach.bankAccountHolder': 'Όνομα δικαιούχου λογαριασμού',
      'ach.bankAccountNumber': 'Αριθμός λογαριασμού',
      'ach.bankAccountNumberConfirmation': 'Επιβεβαίωση αριθμού λογαριασμού',
      'ach.routingNumber': 'Αριθμός δρομολόγησης τράπεζας',
    },
    invalid: 'Το πεδίο «{label}» δεν είναι έγκυρο, εισαγάγετε μια σωστή τιμή.',
    expired: 'Η κάρτα έχει λήξει, ελέγξτε την ημερομηνία λήξης.',
    mismatch: 'Οι αριθμοί λογαριασμού δεν ταιριάζουν, ελέγξτε τους.',
    accountTypes: {
      CONSUMER_CHECKING: 'Προσωπικός τρεχούμενος λογαριασμός',
      CONSUMER_SAVINGS: 'Προσωπικός λογαριασμός ταμιευτηρίου',
      CORPORATE_CHECKING: 'Επαγγελματικός τρεχούμενος λογαριασμός',
    },
  },
  es_MX: {
    lang: 'es-MX',
    labels: {
      'card.number': 'Número de tarjeta',
      'card.securityCode': 'Código de seguridad',
      'card.expiryMonth': 'Mes de vencimiento',
      'card.expiryYear': 'Año de vencimiento',
      'card.nameOnCard': 'Nombre en la tarjeta',
      'giftCard.number': 'Número de la tarjeta de regalo',
      'giftCard.pin': 'NIP de la tarjeta de regalo',
      'ach.accountType': 'Tipo de cuenta',
      'ach.bankAccountHolder': 'Nombre del titular de la cuenta',
      'ach.bankAccountNumber': 'Número de cuenta',
      'ach.bankAccountNumberConfirmation': 'Confirme el número de cuenta',
      'ach.routingNumber': 'Número de ruta bancaria',
    },
    invalid: 'El campo "{label}" no es válido, ingrese un valor correcto.',
    expired: 'La tarjeta está vencida, verifique la fecha de vencimiento.',
    mismatch: 'Los números de cuenta no coinciden, verifíquelos.',
    accountTypes: {
      CONSUMER_CHECKING: 'Cuenta de cheques personal',
      CONSUMER_SAVINGS: 'Cuenta de ahorro personal',
      CORPORATE_CHECKING: 'Cuenta de cheques empresarial',
    },
  },
  es_ES: {
    lang: 'es-ES',
    labels: {
      'card.number': 'Número de tarjeta',
      'card.securityCode': 'Código de seguridad',
      'card.expiryMonth': 'Mes de caducidad',
      'card.expiryYear': 'Año de caducidad',
      'card.nameOnCard': 'Nombre en la tarjeta',
      'giftCard.number': 'Número de la tarjeta regalo',
      'giftCard.pin': 'PIN de la tarjeta regalo',
      'ach.accountType': 'Tipo de cuenta',
      'ach.bankAccountHolder': 'Nombre del titular de la cuenta',
      'ach.bankAccountNumber': 'Número de cuenta',
      'ach.bankAccountNumberConfirmation': 'Confirme el número de cuenta',
      'ach.routingNumber': 'Número de ruta bancaria',
    },
    invalid: 'El campo «{label}» no es válido, introduzca un valor correcto.',
    expired: 'La tarjeta ha caducado, compruebe la fecha de caducidad.',
    mismatch: 'Los números de cuenta no coinciden, compruébelos.',
    accountTypes: {
      CONSUMER_CHECKING: 'Cuenta corriente personal',
      CONSUMER_SAVINGS: 'Cuenta de ahorro personal',
      CORPORATE_CHECKING: 'Cuenta corriente de empresa',
    },
  },
  fr_CA: {
    lang: 'fr-CA',
    labels: {
      'card.number': 'Numéro de carte',
      'card.securityCode': 'Code de sécurité',
      'card.expiryMonth': "Mois d'expiration",
      'card.expiryYear': "Année d'expiration",
      'card.nameOnCard': 'Nom sur la carte',
      'giftCard.number': 'Numéro de la carte-cadeau',
      'giftCard.pin': 'NIP de la carte-cadeau',
      'ach.accountType': 'Type de compte',
      'ach.bankAccountHolder': 'Nom du titulaire du compte',
      'ach.bankAccountNumber': 'Numéro de compte',
      'ach.bankAccountNumberConfirmation': 'Confirmez le numéro de compte',
      'ach.routingNumber': "Numéro d'acheminement bancaire",
    },
    invalid: "Le champ « {label} » n'est pas valide. Veuillez entrer une valeur correcte.",
    expired: "La carte est expirée. Veuillez vérifier la date d'expiration.",
    mismatch: 'Les numéros de compte ne correspondent pas. Veuillez les vérifier.',
    accountTypes: {
      CONSUMER_CHECKING: 'Compte chèques personnel',
      CONSUMER_SAVINGS: "Compte d'épargne personnel",
      CORPORATE_CHECKING: "Compte chèques d'entreprise",
    },
  },
  fr_FR: {
    lang: 'fr-FR',
    labels: {
      'card.number': 'Numéro de carte',
      'card.securityCode': 'Cryptogramme visuel',
      'card.expiryMonth': "Mois d'expiration",
      'card.expiryYear': "Année d'expiration",
      'card.nameOnCard': 'Nom sur la carte',
      'giftCard.number': 'Numéro de la carte cadeau',
      'giftCard.pin': 'Code PIN de la carte cadeau',
      'ach.accountType': 'Type de compte',
      'ach.bankAccountHolder': 'Nom du titulaire du compte',
      'ach.bankAccountNumber': 'Numéro de compte',
      'ach.bankAccountNumberConfirmation': 'Confirmez le numéro de compte',
      'ach.routingNumber': "Numéro d'acheminement bancaire",
    },
    invalid: "Le champ « {label} » n'est pas valide, veuillez saisir une valeur correcte.",
    expired: "La carte a expiré, veuillez vérifier la date d'expiration.",
    mismatch: 'Les numéros de compte ne correspondent pas, veuillez les vérifier.',
    accountTypes: {
      CONSUMER_CHECKING: 'Compte courant personnel',
      CONSUMER_SAVINGS: "Compte d'épargne personnel",
      CORPORATE_CHECKING: 'Compte courant professionnel',
    },
  },
  it_IT: {
    lang: 'it-IT',
    labels: {
      'card.number': 'Numero della carta',
      'card.securityCode': 'Codice di sicurezza',
      'card.expiryMonth': 'Mese di scadenza',
      'card.expiryYear': 'Anno di scadenza',
      'card.nameOnCard': 'Nome sulla carta',
      'giftCard.number': 'Numero della carta regalo',
      'giftCard.pin': 'PIN della carta regalo',
      'ach.accountType': 'Tipo di conto',
      'ach.bankAccountHolder': "Nome dell'intestatario del conto",
      'ach.bankAccountNumber': 'Numero di conto',
      'ach.bankAccountNumberConfirmation': 'Conferma il numero di conto',
      'ach.routingNumber': 'Numero di routing bancario',
    },
    invalid: 'Il campo «{label}» non è valido, inserisci un valore corretto.',
    expired: 'La carta è scaduta, controlla la data di scadenza.',
    mismatch: 'I numeri di conto non corrispondono, controllali.',
    accountTypes: {
      CONSUMER_CHECKING: 'Conto corrente personale',
      CONSUMER_SAVINGS: 'Conto di risparmio personale',
      CORPORATE_CHECKING: 'Conto corrente aziendale',
    },
  },
  ja_JA: {
    lang: 'ja-JP',
    labels: {
      'card.number': 'カード番号',
      'card.securityCode': 'セキュリティコード',
      'card.expiryMonth': '有効期限（月）',
      'card.expiryYear': '有効期限（年）',
      'card.nameOnCard': 'カード名義人',
      'giftCard.number': 'ギフトカード番号',
      'giftCard.pin': 'ギフトカードのPIN',
      'ach.accountType': '口座の種類',
      'ach.bankAccountHolder': '口座名義人',
      'ach.bankAccountNumber': '口座番号',
      'ach.bankAccountNumberConfirmation': '口座番号（確認用）',
      'ach.routingNumber': '銀行のルーティング番号',
    },
    invalid: '{label}が正しくありません。正しい値を入力してください。',
    expired: 'カードの有効期限が切れています。有効期限をご確認ください。',
    mismatch: '口座番号が一致しません。ご確認ください。',
    accountTypes: {
      CONSUMER_CHECKING: '個人用当座預金口座',
      CONSUMER_SAVINGS: '個人用貯蓄預金口座',
      CORPORATE_CHECKING: '法人用当座預金口座',
    },
  },
  pl_PL: {
    lang: 'pl-PL',
    labels: {
      'card.number': 'Numer karty',
      'card.securityCode': 'Kod bezpieczeństwa',
      'card.expiryMonth': 'Miesiąc ważności',
      'card.expiryYear': 'Rok ważności',
      'card.nameOnCard': 'Imię i nazwisko na karcie',
      'giftCard.number': 'Numer karty podarunkowej',
      'giftCard.pin': 'PIN karty podarunkowej',
      'ach.accountType': 'Rodzaj konta',
      'ach.bankAccountHolder': 'Imię i nazwisko właściciela konta',
      'ach.bankAccountNumber': 'Numer konta',
      'ach.bankAccountNumberConfirmation': 'Potwierdź numer konta',
      'ach.routingNumber': 'Numer rozliczeniowy banku',
    },
    invalid: 'Pole „{label}” jest nieprawidłowe, wprowadź poprawną wartość.',
    expired: 'Karta straciła ważność, sprawdź datę ważności.',
    mismatch: 'Numery kont nie są zgodne, sprawdź je.',
    accountTypes: {
      CONSUMER_CHECKING: 'Osobiste konto rozliczeniowe',
      CONSUMER_SAVINGS: 'Osobiste konto oszczędnościowe',
      CORPORATE_CHECKING: 'Firmowe konto rozliczeniowe',
    },
  },
  pt_BR: {
    lang: 'pt-BR',
    labels: {
      'card.number': 'Número do cartão',
      'card.securityCode': 'Código de segurança',
      'card.expiryMonth': 'Mês de validade',
      'card.expiryYear': 'Ano de validade',
      'card.nameOnCard': 'Nome no cartão',
      'giftCard.number': 'Número do cartão-presente',
      'giftCard.pin': 'PIN do cartão-presente',
      'ach.accountType': 'Tipo de conta',
      'ach.bankAccountHolder': 'Nome do titular da conta',
      'ach.bankAccountNumber': 'Número da conta',
      'ach.bankAccountNumberConfirmation': 'Confirme o número da conta',
      'ach.routingNumber': 'Número de roteamento bancário',
    },
    invalid: 'O campo "{label}" é inválido, informe um valor correto.',
    expired: 'O cartão está vencido, verifique a data de validade.',
    mismatch: 'Os números da conta não coincidem, verifique-os.',
    accountTypes: {
      CONSUMER_CHECKING: 'Conta corrente pessoal',
      CONSUMER_SAVINGS: 'Conta poupança pessoal',
      CORPORATE_CHECKING: 'Conta corrente empresarial',
    },
  },
  ro_RO: {
    lang: 'ro-RO',
    labels: {
      'card.number': 'Numărul cardului',
      'card.securityCode': 'Codul de securitate',
      'card.expiryMonth': 'Luna expirării',
      'card.expiryYear': 'Anul expirării',
      'card.nameOnCard': 'Numele de pe card',
      'giftCard.number': 'Numărul cardului cadou',
      'giftCard.pin': 'Codul PIN al cardului cadou',
      'ach.accountType': 'Tipul contului',
      'ach.bankAccountHolder': 'Numele titularului contului',
      'ach.bankAccountNumber': 'Numărul contului',
      'ach.bankAccountNumberConfirmation': 'Confirmați numărul contului',
      'ach.routingNumber': 'Numărul de rutare al băncii',
    },
    invalid: 'Câmpul „{label}” nu este valid, vă rugăm să introduceți o valoare corectă.',
    expired: 'Cardul a expirat, vă rugăm să verificați data expirării.',
    mismatch: 'Numerele de cont nu coincid, vă rugăm să le verificați.',
    accountTypes: {
      CONSUMER_CHECKING: 'Cont curent personal',
      CONSUMER_SAVINGS: 'Cont de economii personal',
      CORPORATE_CHECKING: 'Cont curent de firmă',
    },
  },
  zh_CN: {
    lang: 'zh-CN',
    labels: {
      'card.number': '卡号',
      'card.securityCode': '安全码',
      'card.expiryMonth': '有效期（月）',
      'card.expiryYear': '有效期（年）',
      'card.nameOnCard': '持卡人姓名',
      'giftCard.number': '礼品卡卡号',
      'giftCard.pin': '礼品卡 PIN 码',
      'ach.accountType': '账户类型',
      'ach.bankAccountHolder': '账户持有人姓名',
      'ach.bankAccountNumber': '账号',
      'ach.bankAccountNumberConfirmation': '确认账号',
      'ach.routingNumber': '银行路由号码',
    },
    invalid: '{label}无效，请输入正确的值。',
    expired: '该卡已过期，请检查有效期。',
    mismatch: '两次输入的账号不一致，请检查。',
    accountTypes: {
      CONSUMER_CHECKING: '个人支票账户',
      CONSUMER_SAVINGS: '个人储蓄账户',
      CORPORATE_CHECKING: '企业支票账户',
    },
  },
};

/**
 * The texts for a locale: its own, else another country's of the same language (de_AT reads de_DE), else
 * en_US. The locale comes from the page, so anything unknown falls back rather than fails.
 */
export function fieldTexts(locale: string): FieldTexts {
  const own = TEXTS[locale as Locale] as FieldTexts | undefined;
  const language = /^[a-z]{2}_/.exec(locale)?.[0];
  const sibling = language ? Object.entries(TEXTS).find(([key]) => key.startsWith(language))?.[1] : undefined;
  return own ?? sibling ?? TEXTS[DEFAULT_LOCALE];
}
