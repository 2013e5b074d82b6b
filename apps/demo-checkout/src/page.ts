// Renders the checkout page: the template in public/, filled with the cart, the session and the test cards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  authenticationOrderOf,
  CSC_OUTCOMES,
  currentCart,
  EXPIRY_OUTCOMES,
  formatMoney,
  groupNumber,
  TEST_CARDS,
  THREEDS_OUTCOMES,
  type Cart,
  type MerchantConfig,
  type PinnedScripts,
} from './merchant/index.ts';

const template = readFileSync(join(import.meta.dirname, '..', 'public', 'checkout.html'), 'utf8');

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function cartLines(cart: Cart): string {
  return cart.lines
    .map(
      (line) =>
        `<li class="line"><span class="line-qty"><span class="visually-hidden">Quantity </span>${line.quantity}</span>` +
        `<span class="line-name">${escapeHtml(line.name)}<small>${escapeHtml(line.detail)}</small></span>` +
        `<span class="line-price">${formatMoney(line.quantity * line.unitPrice, cart.currency)}</span></li>`,
    )
    .join('');
}

function testCards(): string {
  return TEST_CARDS.map(
    (card) =>
      `<li><svg class="card-icon" viewBox="0 0 40 26" aria-hidden="true"><use href="/static/brands.svg#${card.icon}"></use></svg>` +
      `<span class="card-brand">${escapeHtml(card.brand)}</span><code>${card.display}</code>` +
      `<button type="button" class="copy" data-copy="${card.number}" aria-label="Copy ${escapeHtml(card.brand)} number ${card.display}">Copy</button></li>`,
  ).join('');
}

const outcomeRows = (rows: Array<[string, string]>): string =>
  rows.map(([key, outcome]) => `<tr><th scope="row">${key}</th><td>${outcome}</td></tr>`).join('');

/** This year and the next twenty; values are two digits, as Mastercard's expiry year field takes them. */
function yearOptions(): string {
  const first = new Date().getFullYear();
  return Array.from({ length: 21 }, (_, i) => first + i)
    .map((year) => `<option value="${String(year).slice(2)}">${year}</option>`)
    .join('');
}

/**
 * The page with a fresh session, the order and authentication transaction ThreeDS runs for it, and the
 * gateway's scripts pinned to the gateway's build.
 */
export function renderCheckoutPage(
  sessionId: string,
  scripts: PinnedScripts,
  config: Pick<MerchantConfig, 'merchantId' | 'apiVersion'>,
): string {
  const cart = currentCart();
  const money = (minor: number) => formatMoney(minor, cart.currency);
  const { orderId, transactionId } = authenticationOrderOf(sessionId);
  const values: Record<string, string> = {
    SESSION_JS: escapeHtml(scripts.sessionJs.src),
    SESSION_JS_INTEGRITY: escapeHtml(scripts.sessionJs.integrity),
    THREE_DS_JS: escapeHtml(scripts.threeDSJs.src),
    THREE_DS_JS_INTEGRITY: escapeHtml(scripts.threeDSJs.integrity),
    SESSION_ID: escapeHtml(sessionId),
    MERCHANT_ID: escapeHtml(config.merchantId),
    API_VERSION: escapeHtml(config.apiVersion),
    ORDER_ID: escapeHtml(orderId),
    TRANSACTION_ID: escapeHtml(transactionId),
    LINES: cartLines(cart),
    SUBTOTAL: money(cart.subtotal),
    SHIPPING: money(cart.shipping),
    TAX: money(cart.tax),
    TOTAL: money(cart.total),
    YEARS: yearOptions(),
    TEST_CARDS: testCards(),
    EXPIRY_OUTCOMES: outcomeRows(EXPIRY_OUTCOMES.map((row) => [row.expiry, row.outcome])),
    CSC_OUTCOMES: outcomeRows(CSC_OUTCOMES.map((row) => [`${row.securityCode} / ${row.amex}`, row.outcome])),
    THREEDS_OUTCOMES: outcomeRows(THREEDS_OUTCOMES.map((row) => [groupNumber(row.number), row.outcome])),
  };
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => values[key] ?? '');
}

/** The page a payer sees when the shop refuses to start another checkout for their address. */
export function renderBusyPage(message: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Please wait · Harbor &amp; Pine Coffee</title>
    <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/static/checkout.css" />
  </head>
  <body>
    <header class="site-header">
      <a class="logo" href="/"><svg aria-hidden="true" viewBox="0 0 32 32"><use href="/static/brands.svg#logo"></use></svg>Harbor &amp; Pine</a>
    </header>
    <main class="checkout">
      <section class="panel result declined" aria-labelledby="busy-title">
        <h1 id="busy-title"><span class="badge" aria-hidden="true">!</span>Please wait a moment</h1>
        <p id="busy-message">${escapeHtml(message)}</p>
        <a class="button-link" href="/">Try again</a>
      </section>
    </main>
  </body>
</html>
`;
}
