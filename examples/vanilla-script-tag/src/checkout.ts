// Typed by "types": ["@hosted-session/sdk/session.js"] in tsconfig.json: PaymentSession is a global.
export {};

interface SessionAnswer {
  id: string;
}

const result = document.querySelector<HTMLOutputElement>('#result')!;
const pay = document.querySelector<HTMLButtonElement>('#pay')!;
const { id } = (await (await fetch('/api/session', { method: 'POST' })).json()) as SessionAnswer;

PaymentSession.configure({
  session: id,
  fields: {
    card: {
      number: '#card-number',
      expiryMonth: '#expiry-month',
      expiryYear: '#expiry-year',
      securityCode: '#security-code',
      nameOnCard: '#name-on-card',
    },
  },
  frameEmbeddingMitigation: ['javascript'],
  callbacks: {
    initialized(answer) {
      pay.disabled = answer.status !== 'ok';
      if (answer.status !== 'ok') result.textContent = answer.message ?? answer.status;
    },
    formSessionUpdate(response) {
      // The session now holds the card: post response.session.id to your server, which pays with it.
      result.textContent = response.status;
    },
  },
});

document.querySelector('#checkout')!.addEventListener('submit', (event) => {
  event.preventDefault();
  PaymentSession.updateSessionFromForm('card');
});
