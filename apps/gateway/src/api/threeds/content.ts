/// <reference lib="es2023.intl" />
import type { Brand } from '@hosted-session/card';
import { currencyExponent, formatAmount } from '../../domain/money/index.ts';
import type { AuthenticationRecord } from '../../domain/threeds/index.ts';
import { SIMULATED_CHALLENGE_CODE } from '../../threeds-server/index.ts';

/** Text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const BRAND_NAMES: Partial<Record<Brand, string>> = {
  VISA: 'Visa',
  MASTERCARD: 'Mastercard',
  MAESTRO: 'Maestro',
  AMEX: 'American Express',
  JCB: 'JCB',
  DINERS_CLUB: 'Diners Club',
  DISCOVER: 'Discover',
};

/** The schemes' names for 3-D Secure, as the issuer's screen shows them. */
const PROGRAMMES: Partial<Record<Brand, string>> = {
  VISA: 'Visa Secure',
  MASTERCARD: 'Mastercard Identity Check',
  MAESTRO: 'Mastercard Identity Check',
  AMEX: 'American Express SafeKey',
  JCB: 'J/Secure',
  DINERS_CLUB: 'ProtectBuy',
  DISCOVER: 'ProtectBuy',
};

/** "Mastercard •••• 0008": the last four digits only, never more. */
export function cardLabel(record: AuthenticationRecord): string {
  const brand = BRAND_NAMES[record.card.brand as Brand] ?? 'Card';
  return `${brand} •••• ${record.card.number.slice(-4)}`;
}

export function amountLabel(record: AuthenticationRecord): string {
  const decimal = formatAmount(record.amount, record.currency);
  const digits = currencyExponent(record.currency);
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency: record.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    // The decimal string as it is: Number() would round an amount beyond 2^53 minor units.
  }).format(decimal as Intl.StringNumericLiteral);
}

export interface ChallengeView {
  record: AuthenticationRecord;
  /** The CReq the page was opened with; every answer carries it back. */
  creq: string;
  acsUrl: string;
  /** After a wrong code. */
  attemptsLeft?: number;
}

/**
 * The simulated issuer's challenge screen: who is paid, how much, with which card (last four digits), and
 * one labelled field for the one-time code. A plain form: keyboard, screen readers and any browser test can
 * drive it, and it needs no script.
 */
export function challengeContent({ record, creq, acsUrl, attemptsLeft }: ChallengeView): string {
  const brand = record.card.brand as Brand;
  const wrong = attemptsLeft !== undefined;
  const described = wrong ? 'otp-help otp-error' : 'otp-help';
  const trust = record.challenge?.trustPrompt
    ? `<div class="trust"><input type="checkbox" id="trust" name="trust" value="yes" />` +
      `<label for="trust">Add ${escapeHtml(record.merchantName)} to my trusted merchants, so I am not asked next time</label></div>`
    : '';
  return `<main aria-labelledby="acs-title">
  <header class="issuer"><p class="issuer-name">Sandbox Bank</p><p class="scheme">${escapeHtml(PROGRAMMES[brand] ?? '3-D Secure')}</p></header>
  <h1 id="acs-title">Confirm your payment</h1>
  <dl class="purchase">
    <dt>Merchant</dt><dd>${escapeHtml(record.merchantName)}</dd>
    <dt>Amount</dt><dd>${escapeHtml(amountLabel(record))}</dd>
    <dt>Card</dt><dd>${escapeHtml(cardLabel(record))}</dd>
  </dl>
  <form method="post" action="${escapeHtml(acsUrl)}">
    <input type="hidden" name="creq" value="${escapeHtml(creq)}" />
    <p id="otp-help">We sent a one-time code to the phone number registered with your card. <span class="hint">Sandbox: the code is ${SIMULATED_CHALLENGE_CODE}.</span></p>
    ${wrong ? `<p id="otp-error" class="error" role="alert">That code is not right. You have ${attemptsLeft} ${attemptsLeft === 1 ? 'attempt' : 'attempts'} left.</p>` : ''}
    <label for="otp">One-time code</label>
    <input type="text" id="otp" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="12" required autofocus aria-describedby="${described}"${wrong ? ' aria-invalid="true"' : ''} />
    ${trust}
    <div class="actions">
      <button type="submit" name="action" value="verify">Verify</button>
      <button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Cancel</button>
    </div>
  </form>
</main>`;
}

/** A relay page's visible part: what is happening, and a way on for a browser without script. */
export function relayContent(title: string, text: string, next?: { href: string; label: string }): string {
  return `<main class="threeds" aria-labelledby="title">
  <h1 id="title">${escapeHtml(title)}</h1>
  <p role="status">${escapeHtml(text)}</p>
  ${next ? `<p><a class="button" href="${escapeHtml(next.href)}">${escapeHtml(next.label)}</a></p>` : ''}
</main>`;
}

/** An issuer's page that posts back to the gateway: a form with a button, which the page's script submits. */
export function postBackContent(action: string, fields: Record<string, string>, title: string): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}" />`)
    .join('');
  return `<main class="threeds" aria-labelledby="title">
  <h1 id="title">${escapeHtml(title)}</h1>
  <form method="post" action="${escapeHtml(action)}">${inputs}<button type="submit">Continue</button></form>
</main>`;
}
