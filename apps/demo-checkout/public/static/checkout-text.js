// What the checkout tells the payer about the hosted fields, shared by the script-tag page and the SPA:
// the page's own wording (the frames localise only their hidden labels) and the brand icons.

/** Field → message key; expiry month and year share one message line. */
export const MESSAGE_OF = {
  number: 'number',
  expiryMonth: 'expiry',
  expiryYear: 'expiry',
  securityCode: 'securityCode',
  nameOnCard: 'nameOnCard',
};

/** formSessionUpdate's `errors` keys are Mastercard's, not the field names. */
export const FIELD_OF_ERROR_KEY = {
  cardNumber: 'number',
  expiryMonth: 'expiryMonth',
  expiryYear: 'expiryYear',
  securityCode: 'securityCode',
  nameOnCard: 'nameOnCard',
};

const TEXT = {
  en: {
    number: {
      EMPTY: 'Enter your card number.',
      INCOMPLETE: 'Your card number is incomplete.',
      INVALID_LENGTH: 'Your card number is incomplete.',
      NOT_SUPPORTED: 'We don’t accept this type of card.',
      INVALID_CHARACTERS: 'A card number has digits only.',
      OTHER: 'Your card number is invalid.',
    },
    expiry: {
      EMPTY: 'Choose the expiry month and year.',
      INCOMPLETE: 'Choose the expiry month and year.',
      EXPIRED: 'This card has expired.',
      OTHER: 'Check the expiry date.',
    },
    securityCode: {
      EMPTY: 'Enter the security code.',
      INCOMPLETE: 'Your security code is incomplete.',
      INVALID_LENGTH: 'Your security code is incomplete.',
      OTHER: 'Your security code is invalid.',
    },
    nameOnCard: {
      EMPTY: 'Enter the name on the card.',
      INCOMPLETE: 'Enter the name on the card.',
      OTHER: 'Check the name on the card.',
    },
    initFailed: 'The payment form could not load. Please refresh the page.',
    updateFailed: 'We could not reach our payment provider. Nothing was charged; please try again.',
    networkFailed:
      'We could not reach the shop. Nothing was charged; please check your connection and try again.',
    paying: 'Paying…',
  },
};

export function checkoutText(lang) {
  return TEXT[lang] ?? TEXT.en;
}

/** A field's entry: what it last told the page, whether the payer left it, and the gateway's verdict. */
export function emptyFieldState() {
  return { validity: undefined, isEmpty: true, touched: false, gatewayError: undefined };
}

/**
 * Which message a field shows, if any. Errors show at once; an incomplete field once the payer has left
 * it; an empty one only after an attempt to pay.
 */
export function reasonOf(entry, submitted) {
  if (entry.gatewayError === 'missing') return 'EMPTY';
  if (entry.gatewayError === 'invalid') return 'OTHER';
  const validity = entry.validity;
  // A field reports nothing until it changes: untouched, it is empty.
  if (!validity) return submitted ? 'EMPTY' : undefined;
  if (validity.isValid) return undefined;
  if (validity.hasError) return validity.errorReason ?? 'OTHER';
  if (validity.errorReason === 'EMPTY' || entry.isEmpty) return submitted ? 'EMPTY' : undefined;
  return entry.touched || submitted ? 'INCOMPLETE' : undefined;
}

/** The message line of each message key, for a form's field states. */
export function fieldMessages(states, submitted, text) {
  const messages = {};
  for (const [field, entry] of Object.entries(states)) {
    const key = MESSAGE_OF[field];
    const reason = reasonOf(entry, submitted);
    if (reason && !messages[key]) messages[key] = text[key][reason] ?? text[key].OTHER;
  }
  return messages;
}

export function isComplete(states) {
  return Object.values(states).every((entry) => entry.validity?.isValid && !entry.gatewayError);
}

/** Card brand → the icon's id in brands.svg and the name read to the payer. */
const BRANDS = {
  VISA: ['visa', 'Visa'],
  MASTERCARD: ['mastercard', 'Mastercard'],
  AMEX: ['amex', 'American Express'],
  DISCOVER: ['discover', 'Discover'],
  DINERS_CLUB: ['diners', 'Diners Club'],
  JCB: ['jcb', 'JCB'],
  MAESTRO: ['maestro', 'Maestro'],
  UATP: ['uatp', 'UATP'],
  CHINA_UNIONPAY: ['unionpay', 'UnionPay'],
};

/** The icon for an onCardTypeChange state: a plain card until the brand is known. */
export function brandIcon(cardType) {
  const known = cardType && cardType.status !== 'INSUFFICIENT_LENGTH' ? BRANDS[cardType.brand] : undefined;
  return known
    ? { icon: known[0], name: known[1], brand: cardType.brand }
    : { icon: 'card', name: 'Card brand not yet known', brand: '' };
}

/** How the payer's bank verified the payment, for the receipt. */
export function authenticationLabel({ status, flow, eci }) {
  const how =
    status === 'attempted'
      ? 'Attempted: your bank was not available'
      : flow === 'challenged'
        ? 'Verified by your bank with a one-time code'
        : 'Verified by your bank';
  return eci ? `${how} (ECI ${eci})` : how;
}

/** The card as a receipt names it: "Mastercard •••• 0008", from the gateway's masked number. */
export function cardLabel(card) {
  return `${BRANDS[card.brand]?.[1] ?? card.brand} •••• ${card.number.slice(-4)}`;
}

/**
 * Copy buttons (`<button data-copy="…">`) inside `container`: the clipboard API, or a selected textarea
 * where the clipboard is not allowed. Returns a function that removes the listener.
 */
export function installCopyButtons(container, status) {
  async function copy(value) {
    try {
      await navigator.clipboard.writeText(value);
      return true;
    } catch {
      const area = document.createElement('textarea');
      area.value = value;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      const copied = document.execCommand('copy');
      area.remove();
      return copied;
    }
  }
  async function onClick(event) {
    const button = event.target.closest('button[data-copy]');
    if (!button) return;
    const copied = await copy(button.dataset.copy);
    status.textContent = copied
      ? `Copied ${button.dataset.copy} — paste it into Card number.`
      : 'Copying is not allowed here: select the number and copy it.';
    if (!copied) return;
    button.textContent = 'Copied';
    setTimeout(() => (button.textContent = 'Copy'), 1500);
  }
  container.addEventListener('click', onClick);
  return () => container.removeEventListener('click', onClick);
}
