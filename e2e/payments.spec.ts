// A card typed into the hosted fields pays through the session, in every engine (support/engine-test.ts).
import { CheckoutPage } from './support/checkout-page.ts';
import { expect, test } from './support/engine-test.ts';
import { gatewayRequest, retrieveSession } from './support/gateway-client.ts';

// The simulator's convention: the expiry picks the outcome (01/39 approves, 05/39 declines). The declined
// card is one the demo shops' tests do not decline: the gateway refuses a card after a few declines an hour,
// and this suite runs once per engine.
const OUTCOMES = [
  {
    month: '01',
    number: '5123450000000008',
    masked: '512345xxxxxx0008',
    gatewayCode: 'APPROVED',
    result: 'SUCCESS',
    status: 'CAPTURED',
  },
  {
    month: '05',
    number: '2223000000000007',
    masked: '222300xxxxxx0007',
    gatewayCode: 'DECLINED',
    result: 'FAILURE',
    status: 'FAILED',
  },
];

for (const outcome of OUTCOMES) {
  test(`a card typed into the hosted fields pays through the session: ${outcome.month}/39 is ${outcome.gatewayCode}`, async ({
    browserPage,
  }) => {
    const checkout = new CheckoutPage(browserPage);
    await checkout.open();
    await checkout.fill({
      number: outcome.number,
      month: outcome.month,
      year: '39',
      securityCode: '100',
      nameOnCard: 'Ada Lovelace',
    });
    const update = await checkout.submit();
    expect(update).toMatchObject({
      status: 'ok',
      session: { id: checkout.sessionId, updateStatus: 'SUCCESS' },
    });

    // From here on it is the merchant's server: the page only handed over the session id and version.
    const orderId = `e2e-${outcome.month}-${Date.now()}`;
    const paid = await gatewayRequest('PUT', `/order/${orderId}/transaction/pay-1`, {
      apiOperation: 'PAY',
      order: { amount: '10.00', currency: 'USD' },
      session: { id: checkout.sessionId, version: update.session.version },
      sourceOfFunds: { type: 'CARD' },
    });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({
      result: outcome.result,
      response: { gatewayCode: outcome.gatewayCode, cardSecurityCode: { gatewayCode: 'MATCH' } },
      order: { id: orderId, amount: '10.00', currency: 'USD', status: outcome.status },
      transaction: { id: 'pay-1', type: 'PAYMENT' },
      sourceOfFunds: { provided: { card: { number: outcome.masked, nameOnCard: 'Ada Lovelace' } } },
    });
    expect(JSON.stringify(paid.body)).not.toContain(outcome.number);

    // The CSC went with the first use of the session.
    const session = await retrieveSession(checkout.sessionId);
    expect(session.sourceOfFunds.provided.card).not.toHaveProperty('securityCode');

    const order = await gatewayRequest('GET', `/order/${orderId}`);
    expect(order.body).toMatchObject({ status: outcome.status, transaction: [paid.body] });
  });
}
