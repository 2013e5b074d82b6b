// Harbor & Pine's checkout script. It never sees the card: the hosted fields tell it only their state
// (valid, empty, brand), the gateway's ThreeDS script asks the payer's bank with the session, and the page
// sends only the session id to its own server, which reads the bank's answer from the gateway and pays.
/* global PaymentSession, ThreeDS */
import {
  authenticationLabel,
  brandIcon,
  cardLabel,
  checkoutText,
  emptyFieldState,
  FIELD_OF_ERROR_KEY,
  fieldMessages,
  installCopyButtons,
  isComplete,
} from './checkout-text.js';

const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
const sessionId = meta('hosted-session');
const orderId = meta('order');
const authenticationId = meta('authentication');
const challengeContainer = document.getElementById('threeds-container');
const form = document.getElementById('payment-form');
const payButton = document.getElementById('pay');
const payLabel = payButton.querySelector('.pay-label');
const idleLabel = payLabel.textContent;
const formError = document.getElementById('form-error');
const checkoutPanel = document.getElementById('checkout');
const resultPanel = document.getElementById('result');
const brandSvg = document.getElementById('brand-icon');
const text = checkoutText(document.documentElement.lang);

/** The hosted fields by name, in page order. */
const SELECTORS = {
  number: '#card-number',
  expiryMonth: '#expiry-month',
  expiryYear: '#expiry-year',
  securityCode: '#security-code',
  nameOnCard: '#name-on-card',
};
const ROLES = Object.keys(SELECTORS).map((field) => `card.${field}`);
const fieldOf = (selector) => Object.keys(SELECTORS).find((field) => SELECTORS[field] === selector);
const controlOf = (selector) => document.querySelector(selector).closest('.control');

const states = Object.fromEntries(Object.keys(SELECTORS).map((field) => [field, emptyFieldState()]));
let submitted = false;
let paying = false;

function render() {
  const messages = fieldMessages(states, submitted, text);
  for (const [field, selector] of Object.entries(SELECTORS)) {
    const entry = states[field];
    controlOf(selector).classList.toggle(
      'is-invalid',
      Boolean(entry.validity?.hasError || entry.gatewayError),
    );
  }
  for (const key of ['number', 'expiry', 'securityCode', 'nameOnCard']) {
    document.getElementById(`${key}-error`).textContent = messages[key] ?? '';
  }
  payButton.disabled = paying || !isComplete(states);
}

function setPaying(on) {
  paying = on;
  payButton.classList.toggle('is-paying', on);
  payLabel.textContent = on ? text.paying : idleLabel;
  render();
}

function showBanner(message) {
  formError.textContent = message;
  formError.hidden = !message;
}

let threeDSReady = false;
ThreeDS.configure({
  merchantId: meta('merchant'),
  sessionId,
  containerId: 'threeds-container',
  configuration: { userLanguage: document.documentElement.lang, wsVersion: meta('api-version') },
  callback(response) {
    threeDSReady = !response.error;
  },
});

// The bank's challenge, once ThreeDS puts its frame in the container, takes the place of the form, and the
// view and the keyboard each time the bank's page loads in it (browsers never autofocus inside another
// origin's frame, so the payer's first Tab reaches the code field). When ThreeDS removes it, the form is back.
new MutationObserver((changes) => {
  const added = changes.flatMap((change) => [...change.addedNodes]);
  for (const frame of added.filter((node) => node.matches?.('iframe.hs-3ds-challenge')))
    frame.addEventListener('load', () => {
      frame.scrollIntoView({ block: 'start' });
      frame.focus();
    });
  const challenge = challengeContainer.querySelector('iframe.hs-3ds-challenge');
  challengeContainer.hidden = !challenge;
  form.hidden = Boolean(challenge);
}).observe(challengeContainer, { childList: true });

PaymentSession.configure({
  session: sessionId,
  fields: { card: SELECTORS },
  // This page defends itself three ways: the frame-breaker in <head>, and both headers from the server.
  frameEmbeddingMitigation: ['javascript', 'x-frame-options', 'csp'],
  interaction: { displayControl: { formatCard: 'EMBOSSED', invalidFieldCharacters: 'REJECT' } },
  locale: 'en_US',
  callbacks: {
    initialized(response) {
      form.setAttribute('aria-busy', 'false');
      if (response.status !== 'ok' || !threeDSReady) showBanner(text.initFailed);
    },
    formSessionUpdate: onFormSessionUpdate,
  },
});

// The fields copy the placeholders' font, colour and padding; these are the page's accent colours. The
// focus ring is the .control box's, around the frame, so the input draws none of its own.
PaymentSession.setFocusStyle(ROLES, { color: '#1d2327', caretColor: '#1f5f4a', outline: 'none' });
PaymentSession.setPlaceholderStyle(ROLES, { color: '#6b7480' });

PaymentSession.onValidityChange(ROLES, (selector, validity) => {
  Object.assign(states[fieldOf(selector)], { validity, gatewayError: undefined });
  render();
});
PaymentSession.onEmptinessChange(ROLES, (selector, { isEmpty }) => {
  states[fieldOf(selector)].isEmpty = isEmpty;
  render();
});
PaymentSession.onFocus(ROLES, (selector) => controlOf(selector).classList.add('is-focused'));
PaymentSession.onBlur(ROLES, (selector) => {
  controlOf(selector).classList.remove('is-focused');
  states[fieldOf(selector)].touched = true;
  render();
});
PaymentSession.onCardTypeChange((_selector, cardType) => {
  const { icon, name, brand } = brandIcon(cardType);
  brandSvg.querySelector('use').setAttribute('href', `/static/brands.svg#${icon}`);
  brandSvg.setAttribute('aria-label', name);
  brandSvg.dataset.brand = brand;
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (paying) return;
  submitted = true;
  showBanner('');
  setPaying(true);
  // The frames put the card into the session; the answer arrives in formSessionUpdate.
  PaymentSession.updateSessionFromForm('card');
});

async function onFormSessionUpdate(response) {
  if (response.status === 'fields_in_error') {
    for (const [key, problem] of Object.entries(response.errors ?? {})) {
      const field = FIELD_OF_ERROR_KEY[key];
      if (field) states[field].gatewayError = problem;
    }
    setPaying(false);
    const first = Object.keys(SELECTORS).find((field) => states[field].gatewayError);
    if (first) PaymentSession.setFocus(`card.${first}`);
    return;
  }
  if (response.status !== 'ok') {
    setPaying(false);
    showBanner(text.updateFailed);
    return;
  }
  await authenticatePayer();
  try {
    const reply = await fetch('/api/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId, sessionVersion: response.session.version }),
    });
    showResult(await reply.json());
  } catch {
    setPaying(false);
    showBanner(text.networkFailed);
  }
}

const threeDS = (operation) =>
  new Promise((resolve) => ThreeDS[operation](orderId, authenticationId, resolve));

/**
 * 3-D Secure with the card in the session: the bank's device check, then its decision, with a challenge in
 * the container when it wants one. Whatever it answers, the shop's server reads the result from the gateway
 * (never from this page) and pays with it, or tells the payer why not.
 */
async function authenticatePayer() {
  const initiated = await threeDS('initiateAuthentication');
  if (initiated.authenticationStatus === 'AUTHENTICATION_AVAILABLE') await threeDS('authenticatePayer');
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** The receipt, or what went wrong and a way to start again (a fresh page, so a fresh session). */
function showResult(result) {
  const title = result.approved
    ? 'Payment approved'
    : result.gatewayCode
      ? 'Payment declined'
      : result.authentication
        ? 'Payment not verified'
        : 'Payment not completed';
  const badge = element('span', { class: 'badge', 'aria-hidden': 'true' }, result.approved ? '✓' : '!');
  resultPanel.replaceChildren(element('h1', { id: 'result-title' }, badge, title));
  resultPanel.classList.toggle('declined', !result.approved);
  resultPanel.setAttribute('aria-labelledby', 'result-title');
  if (result.approved) {
    const { receipt } = result;
    const rows = [
      ['Order', receipt.orderId],
      ['Amount paid', receipt.amount],
      ['Card', cardLabel(receipt.card)],
      ['Authorization code', receipt.authorizationCode],
      ['Receipt number', receipt.receiptNumber],
      ['Date', new Date(receipt.time).toLocaleString('en-US')],
      ...(receipt.authentication ? [['3-D Secure', authenticationLabel(receipt.authentication)]] : []),
    ];
    resultPanel.append(
      element('p', {}, 'Thank you! Your order is confirmed and your coffee is on its way.'),
      element(
        'dl',
        { class: 'receipt', id: 'receipt' },
        ...rows.flatMap(([name, value]) => [element('dt', {}, name), element('dd', {}, value)]),
      ),
      element('a', { class: 'button-link', href: '/' }, 'Back to the shop'),
    );
  } else {
    resultPanel.append(
      element('p', { id: 'decline-message' }, result.message),
      element('a', { class: 'button-link', href: '/', id: 'try-again' }, 'Try again'),
    );
  }
  checkoutPanel.hidden = true;
  resultPanel.hidden = false;
  resultPanel.focus();
}

installCopyButtons(document.querySelector('.test-cards'), document.getElementById('copied'));
render();
