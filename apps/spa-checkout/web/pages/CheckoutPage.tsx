import {
  brandIcon,
  cardLabel,
  checkoutText,
  fieldMessages,
  FIELD_OF_ERROR_KEY,
  isComplete,
  type FieldName,
  type FieldState as ShownState,
} from '@hosted-session/demo-checkout/checkout-text';
import {
  CardNumber,
  ExpiryMonth,
  ExpiryYear,
  HostedSessionProvider,
  NameOnCard,
  SecurityCode,
  useHostedSession,
  type FieldState,
} from '@hosted-session/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  formatMoney,
  getSavedCard,
  keepSavedCard,
  pay,
  payWithSavedCard,
  ShopRefusal,
  type CheckoutSession,
  type PayResult,
  type SavedCard,
} from '../api.ts';
import { Icon } from '../components/Icon.tsx';
import { OrderSummary } from '../components/OrderSummary.tsx';
import { TestCards } from '../components/TestCards.tsx';
import { consumeSaveSession, consumeSession, useCheckoutSession } from '../checkout-session.ts';
import { Link, navigate } from '../router.tsx';
import { useCart } from '../use-cart.ts';

const FIELDS: FieldName[] = ['number', 'expiryMonth', 'expiryYear', 'securityCode', 'nameOnCard'];
const text = checkoutText('en');
const option = (value: string, label = value) => ({ value, label });
const MONTHS = [
  option('', 'Month'),
  ...Array.from({ length: 12 }, (_, i) => option(String(i + 1).padStart(2, '0'))),
];
const YEARS = [
  option('', 'Year'),
  ...Array.from({ length: 21 }, (_, i) => {
    const year = String(new Date().getFullYear() + i);
    return option(year.slice(2), year);
  }),
];
// The focus ring is the page's box around the frame (as on the script-tag page), not the input's.
const STYLES = {
  focus: { color: '#1d2327', caretColor: '#1f5f4a', outline: 'none' },
  placeholder: { color: '#6b7480' },
};

type GatewayErrors = Partial<Record<FieldName, { problem: 'invalid' | 'missing'; shown: string }>>;

/** What a field's validity looked like, so an answer of the gateway stays shown until the payer edits. */
const signature = (state: FieldState | undefined): string =>
  state ? `${state.valid}|${state.hasError}|${state.errorReason}|${state.empty}` : '';

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return (
    <p className="field-error" id={id} aria-live="polite">
      {message}
    </p>
  );
}

interface DeclinedResult {
  result: Extract<PayResult, { approved: false }>;
}

/**
 * The card form: the hosted fields of @hosted-session/react, inside the provider CheckoutPage renders. It pays,
 * or (`saving`) saves the card for later: the gateway keeps the card in its token vault, the shop the token.
 */
function PaymentForm({
  session,
  total,
  saving,
  onDeclined,
  onSaveFailed,
}: {
  session: CheckoutSession;
  total: string;
  saving: boolean;
  onDeclined(d: DeclinedResult): void;
  onSaveFailed(): void;
}) {
  const hosted = useHostedSession();
  const [submitted, setSubmitted] = useState(false);
  const [paying, setPaying] = useState(false);
  // State updates land after this render; two submits in one task (Enter, then a click) must not both pay.
  const busy = useRef(false);
  const [banner, setBanner] = useState('');
  const [gatewayErrors, setGatewayErrors] = useState<GatewayErrors>({});

  const shown = Object.fromEntries(
    FIELDS.map((field): [FieldName, ShownState] => {
      const state = hosted.fields[`card.${field}`];
      const gateway = gatewayErrors[field];
      return [
        field,
        {
          validity: state && {
            isValid: state.valid,
            isIncomplete: state.incomplete,
            hasError: state.hasError,
            errorReason: state.errorReason,
          },
          isEmpty: state?.empty ?? true,
          touched: state?.touched ?? false,
          gatewayError: gateway && gateway.shown === signature(state) ? gateway.problem : undefined,
        },
      ];
    }),
  ) as Record<FieldName, ShownState>;
  const messages = fieldMessages(shown, submitted, text);
  const invalid = (field: FieldName) => Boolean(shown[field].validity?.hasError || shown[field].gatewayError);
  /** The wrapper around a field: it draws the field's border, red while the field is in error. */
  const controlClass = (field: FieldName, extra = '') =>
    `control${extra}${invalid(field) ? ' is-invalid' : ''}`;
  const brand = brandIcon(hosted.fields['card.number']?.cardType);

  function showGatewayErrors(errors: Partial<Record<string, 'invalid' | 'missing'>>): void {
    const next: GatewayErrors = {};
    for (const [key, problem] of Object.entries(errors)) {
      const field = FIELD_OF_ERROR_KEY[key];
      if (field && problem) next[field] = { problem, shown: signature(hosted.fields[`card.${field}`]) };
    }
    setGatewayErrors(next);
    // The error keys are listed in page order, so the first one found is the first field on the page.
    const first = FIELD_OF_ERROR_KEY[Object.keys(FIELD_OF_ERROR_KEY).find((key) => errors[key]) ?? ''];
    if (first) hosted.focus(`card.${first}`);
  }

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    setSubmitted(true);
    setBanner('');
    setPaying(true);
    try {
      const update = await hosted.updateFromForm();
      if (update.status === 'fields_in_error') {
        showGatewayErrors(update.errors);
        return;
      }
      if (update.status !== 'ok') throw new Error(update.status);
      if (saving) {
        consumeSaveSession();
        try {
          await keepSavedCard(session.sessionId);
          navigate('/checkout');
        } catch (error) {
          setBanner(error instanceof ShopRefusal ? error.message : text.networkFailed);
          onSaveFailed();
        }
        return;
      }
      consumeSession();
      let result: PayResult;
      try {
        // The bank's verification; whatever it says, the shop reads the result from the gateway, not from here.
        if (session.authentication) await hosted.authenticate(session.authentication).catch(() => undefined);
        result = await pay(session.sessionId, update.session.version);
      } catch {
        result = { approved: false, message: text.networkFailed };
      }
      if (result.approved) navigate('/receipt', { receipt: result.receipt });
      else onDeclined({ result });
    } catch {
      setBanner(text.updateFailed);
    } finally {
      busy.current = false;
      setPaying(false);
    }
  }

  return (
    <>
      {(banner || hosted.status === 'failed') && (
        <div className="banner" role="alert">
          {banner || text.initFailed}
        </div>
      )}
      {/* Busy until every frame answered: before the first mount (and between StrictMode's two) the status is idle. */}
      <form
        id="payment-form"
        noValidate
        aria-busy={hosted.status === 'idle' || hosted.status === 'loading'}
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
            <CardNumber
              id="card-number"
              className="placeholder"
              title="Card number"
              placeholder="1234 1234 1234 1234"
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
                <ExpiryMonth
                  id="expiry-month"
                  className="placeholder"
                  title="Expiry month"
                  options={MONTHS}
                />
              </div>
              <div className={controlClass('expiryYear')}>
                <ExpiryYear id="expiry-year" className="placeholder" title="Expiry year" options={YEARS} />
              </div>
            </div>
            <FieldError id="expiry-error" message={messages.expiry} />
          </fieldset>

          <div className="field csc">
            <label htmlFor="security-code">Security code</label>
            <div className={controlClass('securityCode')}>
              <SecurityCode
                id="security-code"
                className="placeholder"
                title="Security code"
                placeholder="CVC"
              />
            </div>
            <FieldError id="securityCode-error" message={messages.securityCode} />
          </div>
        </div>

        <div className="field">
          <label htmlFor="name-on-card">Name on card</label>
          <div className={controlClass('nameOnCard')}>
            <NameOnCard
              id="name-on-card"
              className="placeholder"
              title="Name on card"
              placeholder="Full name as on the card"
            />
          </div>
          <FieldError id="nameOnCard-error" message={messages.nameOnCard} />
        </div>

        <button
          className={`pay${paying ? ' is-paying' : ''}`}
          id="pay"
          type="submit"
          disabled={paying || !isComplete(shown)}
        >
          <span className="spinner" aria-hidden="true" />
          <span className="pay-label">
            {saving ? (paying ? 'Saving…' : 'Save card') : paying ? text.paying : `Pay ${total}`}
          </span>
        </button>
        {saving ? (
          <p className="fine-print">You can pay with the saved card at the checkout.</p>
        ) : (
          <p className="fine-print">
            By paying you agree to our terms. You will get a receipt on the next screen.{' '}
            <Link href="/save-card" id="save-card-link">
              Save a card for later
            </Link>
          </p>
        )}
      </form>
    </>
  );
}

/** "Save a card for later": the same form on a session token of the tokenization scenario. */
export function SaveCardPage() {
  return <CheckoutPage mode="save" />;
}

export function CheckoutPage({ mode = 'pay' }: { mode?: 'pay' | 'save' } = {}) {
  const saving = mode === 'save';
  const cart = useCart();
  const { session, failed, refusal, renew } = useCheckoutSession(mode);
  const [declined, setDeclined] = useState<DeclinedResult>();
  const [savedCard, setSavedCard] = useState<SavedCard | null>(null);
  const [payingSaved, setPayingSaved] = useState(false);
  useEffect(() => {
    if (saving) return;
    let live = true;
    getSavedCard().then(
      (card) => live && setSavedCard(card),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [saving]);

  const total = cart ? formatMoney(cart.total, cart.currency) : '';

  async function onPaySaved(): Promise<void> {
    if (payingSaved) return;
    setPayingSaved(true);
    let result: PayResult;
    try {
      result = await payWithSavedCard();
    } catch {
      result = { approved: false, message: text.networkFailed };
    } finally {
      setPayingSaved(false);
    }
    if (result.approved) navigate('/receipt', { receipt: result.receipt });
    else setDeclined({ result });
  }

  function tryAgain(): void {
    setDeclined(undefined);
    renew();
  }

  return (
    <>
      {declined && (
        <section className="panel result declined" aria-labelledby="result-title">
          <h1 id="result-title" tabIndex={-1} ref={(heading) => heading?.focus()}>
            <span className="badge" aria-hidden="true">
              !
            </span>
            {declined.result.gatewayCode ? 'Payment declined' : 'Payment not completed'}
          </h1>
          <p id="decline-message">{declined.result.message}</p>
          <button type="button" className="button-link" id="try-again" onClick={tryAgain}>
            Try again
          </button>
        </section>
      )}
      {/* Hidden, not unmounted, after a decline: the frames live as long as the fields. */}
      <section className="panel pay-panel" aria-labelledby="page-title" hidden={Boolean(declined)}>
        <Link className="back" href="/">
          ← Back to cart
        </Link>
        <h1 id="page-title" tabIndex={-1}>
          {saving ? 'Save a card for later' : 'Payment'}
        </h1>
        <p className="muted">
          Your card details go straight to our payment provider; they never touch our servers.
          {saving && ' We keep only a token to pay with next time, never the security code.'}
        </p>
        {!saving && savedCard && (
          <div className="saved-card" id="saved-card">
            <p>
              Saved card: <strong>{cardLabel(savedCard)}</strong>
            </p>
            <button
              type="button"
              className="button-link"
              id="pay-saved"
              disabled={payingSaved}
              onClick={onPaySaved}
            >
              Pay {total} with {cardLabel(savedCard)}
            </button>
            <p className="muted">Or enter a card below.</p>
          </div>
        )}
        {session ? (
          <HostedSessionProvider
            key={session.sessionId}
            gatewayUrl={session.gateway.url}
            merchantId={session.gateway.merchantId}
            apiVersion={session.gateway.apiVersion}
            {...(session.fromToken ? { sessionToken: session.sessionId } : { session: session.sessionId })}
            frameEmbeddingMitigation={['javascript', 'x-frame-options', 'csp']}
            interaction={{ displayControl: { formatCard: 'EMBOSSED', invalidFieldCharacters: 'REJECT' } }}
            locale="en_US"
            styles={STYLES}
          >
            <PaymentForm
              session={session}
              total={total}
              saving={saving}
              onDeclined={setDeclined}
              onSaveFailed={renew}
            />
          </HostedSessionProvider>
        ) : failed ? (
          <div className="banner" role="alert">
            {refusal || text.initFailed}
          </div>
        ) : (
          <form id="payment-form" aria-busy="true" />
        )}
      </section>
      <aside className="side">
        <OrderSummary cart={cart} />
        <TestCards />
      </aside>
    </>
  );
}
