import {
  CardNumber,
  ExpiryMonth,
  ExpiryYear,
  HostedSessionProvider,
  NameOnCard,
  SecurityCode,
  useHostedSession,
  type FormSessionUpdateResponse,
} from '@hosted-session/react';
import { useEffect, useState, type FormEvent } from 'react';

/** What the merchant's server answers: a session it created, and the gateway that holds it. */
interface SessionAnswer {
  id: string;
  gatewayUrl: string;
  merchantId: string;
  apiVersion: string;
}

function CardForm() {
  const { ready, fields, error, updateFromForm } = useHostedSession();
  const [result, setResult] = useState<FormSessionUpdateResponse['status']>();
  const number = fields['card.number'];

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const response = await updateFromForm();
    // The session now holds the card: post response.session.id to your server, which pays with it.
    setResult(response.status);
  }

  return (
    <form onSubmit={onSubmit} aria-busy={!ready}>
      <label htmlFor="card-number">Card number</label>
      <CardNumber id="card-number" placeholder="1234 1234 1234 1234" />
      <span id="brand">{number?.cardType?.brand}</span>
      <label htmlFor="expiry-month">Expiry</label>
      <ExpiryMonth id="expiry-month" placeholder="MM" />
      <ExpiryYear title="Expiry year" placeholder="YY" />
      <label htmlFor="security-code">Security code</label>
      <SecurityCode id="security-code" placeholder="CVC" />
      <label htmlFor="name-on-card">Name on card</label>
      <NameOnCard id="name-on-card" />
      <button type="submit" disabled={!ready}>
        Pay
      </button>
      <output id="result">{error ? error.message : result}</output>
    </form>
  );
}

export function Checkout() {
  const [session, setSession] = useState<SessionAnswer>();
  useEffect(() => {
    let live = true;
    fetch('/api/session', { method: 'POST' })
      .then((response) => response.json() as Promise<SessionAnswer>)
      .then((answer) => live && setSession(answer));
    return () => {
      live = false;
    };
  }, []);
  if (!session) return <p>Loading…</p>;
  return (
    <HostedSessionProvider
      gatewayUrl={session.gatewayUrl}
      merchantId={session.merchantId}
      apiVersion={session.apiVersion}
      session={session.id}
      frameEmbeddingMitigation={['javascript']}
      styles={{ invalid: { color: '#b00020' } }}
    >
      <CardForm />
    </HostedSessionProvider>
  );
}
