import {
  brandIcon,
  checkoutText,
  fieldMessages,
  isComplete,
} from '@hosted-session/demo-checkout/checkout-text';
import type { CardFieldSelectors } from '@hosted-session/sdk';
import { useRef, useState, type FormEvent } from 'react';
import { formatMoney, pay, type PayResult } from '../api.ts';
import { Icon } from '../components/Icon.tsx';
import { OrderSummary } from '../components/OrderSummary.tsx';
import { TestCards } from '../components/TestCards.tsx';
import { consumeSession, useCheckoutSession } from '../checkout-session.ts';
import { Link, navigate } from '../router.tsx';
import { useCart } from '../use-cart.ts';
import { useHostedFields } from '../use-hosted-fields.ts';

const FIELDS: CardFieldSelectors = {
  number: '#card-number',
  expiryMonth: '#expiry-month',
  expiryYear: '#expiry-year',
  securityCode: '#security-code',
  nameOnCard: '#name-on-card',
};
const text = checkoutText('en');
const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
const YEARS = Array.from({ length: 21 }, (_, i) => new Date().getFullYear() + i);

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return (
    <p className="field-error" id={id} aria-live="polite">
      {message}
    </p>
  );
}

export function CheckoutPage() {
  const cart = useCart();
  const { session, failed, refusal, renew } = useCheckoutSession();
  const form = useRef<HTMLFormElement>(null);
  const fields = useHostedFields(session, FIELDS, () => form.current?.requestSubmit());
  const [submitted, setSubmitted] = useState(false);
  const [paying, setPaying] = useState(false);
  // State updates land after this render; two submits in one task (Enter, then a click) must not both pay.
  const busy = useRef(false);
  const [banner, setBanner] = useState('');
  const [declined, setDeclined] = useState<Extract<PayResult, { approved: false }>>();

  const messages = fieldMessages(fields.states, submitted, text);
  const invalid = (field: keyof typeof fields.states) =>
    Boolean(fields.states[field]?.validity?.hasError || fields.states[field]?.gatewayError);
  /** The wrapper around a placeholder: it draws the field's border, red while the field is in error. */
  const controlClass = (field: keyof typeof fields.states, extra = '') =>
    `control${extra}${invalid(field) ? ' is-invalid' : ''}`;
  const brand = brandIcon(fields.cardType);

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy.current || !session) return;
    busy.current = true;
    setSubmitted(true);
    setBanner('');
    setPaying(true);
    try {
      const update = await fields.updateFromForm();
      if (update.status === 'fields_in_error') {
        fields.showErrors(update.errors);
        return;
      }
      if (update.status !== 'ok') throw new Error(update.status);
      consumeSession();
      let result: PayResult;
      try {
        // The bank's verification; whatever it says, the shop reads the result from the gateway, not from here.
        if (session.authentication) await fields.authenticate(session.authentication).catch(() => undefined);
        result = await pay(session.sessionId, update.session.version);
      } catch {
        result = { approved: false, message: text.networkFailed };
      }
      if (result.approved) navigate('/receipt', { receipt: result.receipt });
      else setDeclined(result);
    } catch {
      setBanner(text.updateFailed);
    } finally {
      busy.current = false;
      setPaying(false);
    }
  }

  function tryAgain(): void {
    setDeclined(undefined);
    setSubmitted(false);
    renew();
  }

  const total = cart ? formatMoney(cart.total, cart.currency) : '';
  return (
    <>
      {declined && (
        <section className="panel result declined" aria-labelledby="result-title">
          <h1 id="result-title" tabIndex={-1} ref={(heading) => heading?.focus()}>
            <span className="badge" aria-hidden="true">
              !
            </span>
            {declined.gatewayCode ? 'Payment declined' : 'Payment not completed'}
          </h1>
          <p id="decline-message">{declined.message}</p>
          <button type="button" className="button-link" id="try-again" onClick={tryAgain}>
            Try again
          </button>
        </section>
      )}
      {/* Hidden, not unmounted, after a decline: the hook's frames live as long as the placeholders. */}
      <section className="panel pay-panel" aria-labelledby="page-title" hidden={Boolean(declined)}>
        <Link className="back" href="/">
          ← Back to cart
        </Link>
        <h1 id="page-title" tabIndex={-1}>
          Payment
        </h1>
        <p className="muted">
          Your card details go straight to our payment provider; they never touch our servers.
        </p>
        {(banner || failed || fields.status === 'failed') && (
          <div className="banner" role="alert">
            {banner || refusal || text.initFailed}
          </div>
        )}
        <form
          ref={form}
          id="payment-form"
          noValidate
          aria-busy={fields.status === 'loading'}
          onSubmit={onSubmit}
        >
          <div className="field">
            <div className="label-row">
              <label htmlFor="card-number">Card number</label>
              <span className="accepted" aria-hidden="true">
                {['visa', 'mastercard', 'amex', 'discover'].map((id) => (
                  <Icon key={id} id={id} />
                ))}
              </span>
            </div>
            <div className={controlClass('number', ' has-icon')}>
              <input
                id="card-number"
                className="placeholder"
                title="Card number"
                placeholder="1234 1234 1234 1234"
                readOnly
              />
              <Icon id={brand.icon} className="brand-icon" label={brand.name} />
            </div>
            <FieldError id="number-error" message={messages.number} />
          </div>

          <div className="row">
            <fieldset className="field expiry">
              <legend>Expiry date</legend>
              <div className="expiry-selects">
                <div className={controlClass('expiryMonth')}>
                  <select id="expiry-month" className="placeholder" title="Expiry month" defaultValue="">
                    <option value="">Month</option>
                    {MONTHS.map((month) => (
                      <option key={month} value={month}>
                        {month}
                      </option>
                    ))}
                  </select>
                </div>
                <div className={controlClass('expiryYear')}>
                  <select id="expiry-year" className="placeholder" title="Expiry year" defaultValue="">
                    <option value="">Year</option>
                    {YEARS.map((year) => (
                      <option key={year} value={String(year).slice(2)}>
                        {year}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <FieldError id="expiry-error" message={messages.expiry} />
            </fieldset>

            <div className="field csc">
              <label htmlFor="security-code">Security code</label>
              <div className={controlClass('securityCode')}>
                <input
                  id="security-code"
                  className="placeholder"
                  title="Security code"
                  placeholder="CVC"
                  readOnly
                />
              </div>
              <FieldError id="securityCode-error" message={messages.securityCode} />
            </div>
          </div>

          <div className="field">
            <label htmlFor="name-on-card">Name on card</label>
            <div className={controlClass('nameOnCard')}>
              <input
                id="name-on-card"
                className="placeholder"
                title="Name on card"
                placeholder="Full name as on the card"
                readOnly
              />
            </div>
            <FieldError id="nameOnCard-error" message={messages.nameOnCard} />
          </div>

          <button
            className={`pay${paying ? ' is-paying' : ''}`}
            id="pay"
            type="submit"
            disabled={paying || !isComplete(fields.states)}
          >
            <span className="spinner" aria-hidden="true" />
            <span className="pay-label">{paying ? text.paying : `Pay ${total}`}</span>
          </button>
          <p className="fine-print">
            By paying you agree to our terms. You will get a receipt on the next screen.
          </p>
        </form>
      </section>
      <aside className="side">
        <OrderSummary cart={cart} />
        <TestCards />
      </aside>
    </>
  );
}
