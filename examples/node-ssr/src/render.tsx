// A server render, as a Next.js or Remix page would do it: the fields render their placeholders, and no
// frame, no window and no session is touched on the server.
import { strict as assert } from 'node:assert';
import {
  CardNumber,
  ExpiryMonth,
  ExpiryYear,
  HostedSessionProvider,
  NameOnCard,
  SecurityCode,
  useHostedSession,
} from '@hosted-session/react';
import { createPaymentSession, HostedSessionError } from '@hosted-session/sdk';
import { renderToString } from 'react-dom/server';

function Status() {
  const { status } = useHostedSession();
  return <output id="status">{status}</output>;
}

const html = renderToString(
  <HostedSessionProvider
    gatewayUrl="https://gateway.example"
    merchantId="TESTMERCHANT"
    apiVersion="100"
    session="SESSION0002816562472I0271878F98"
    frameEmbeddingMitigation={['javascript']}
  >
    <CardNumber id="card-number" placeholder="Card number" />
    <ExpiryMonth options={[{ value: '01', label: '01' }]} />
    <ExpiryYear placeholder="YY" />
    <SecurityCode placeholder="CVC" />
    <NameOnCard placeholder="Name on card" />
    <Status />
  </HostedSessionProvider>,
);

assert.match(html, /<input[^>]*id="card-number"[^>]*readOnly=""/);
assert.match(html, /<select/);
assert.match(html, /<output id="status">idle<\/output>/);
assert.doesNotMatch(html, /<iframe/);
assert.equal(typeof createPaymentSession, 'function');
assert.equal(new HostedSessionError('TIMEOUT', 'x').code, 'TIMEOUT');
console.log(html);
