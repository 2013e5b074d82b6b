// A script in the merchant page turned against the payer: it owns the labels around the frames, can add
// gateway frames of its own with any fragment, and can talk to every gateway frame as their parent. Runs in
// every engine (support/engine-test.ts).
import { CheckoutPage, FIELD_INPUT, fieldFrame } from './support/checkout-page.ts';
import { expect, needs, test, type BrowserPage } from './support/engine-test.ts';
import { createSession, retrieveSession } from './support/gateway-client.ts';
import { GATEWAY_URL, MERCHANT_URL } from './support/ports.ts';
import { recordEverything } from './support/record-everything.ts';
import { leaks, numberForms } from './support/secrets.ts';

const ROLES = ['card.number', 'card.securityCode', 'card.expiryMonth', 'card.expiryYear', 'card.nameOnCard'];

test('a name field relabelled "Card number" or "Security code" hands the page neither', async ({
  browserPage: page,
}) => {
  needs(page, 'initScript', 'console', 'requests');
  // Two whole cards and two names, key by key.
  test.slow();
  const skimmedPan = '4508750015741019';
  const skimmedCsc = '8264';
  await page.addInitScript(recordEverything);

  const [a, b] = [await createSession(), await createSession()];
  await page.goto(`${MERCHANT_URL}/pages/name-skimmer.html?a=${a.id}&b=${b.id}`);
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.initialized))
    .toEqual({ a: 'ok', b: 'ok' });

  const field = (placeholder: string) => page.frame(fieldFrame(placeholder));
  for (const scope of ['a', 'b']) {
    await (await field(`#${scope}-number`)).type(FIELD_INPUT, '5123450000000008');
    await (await field(`#${scope}-month`)).select(FIELD_INPUT, '01');
    await (await field(`#${scope}-year`)).select(FIELD_INPUT, '39');
    await (await field(`#${scope}-csc`)).type(FIELD_INPUT, '100');
  }
  // The payer does what the labels say.
  await (await field('#a-name')).type(FIELD_INPUT, '4508 7500 1574 1019');
  await (await field('#b-name')).type(FIELD_INPUT, skimmedCsc);

  // The frames flag the value, as they would any invalid one.
  const validity = () => page.evaluate(() => (window as any).recorded.validity);
  await expect
    .poll(async () => (await validity()).a.at(-1))
    .toMatchObject({ hasError: true, errorReason: 'INVALID_CHARACTERS' });
  await expect
    .poll(async () => (await validity()).b.at(-1))
    .toMatchObject({ hasError: true, errorReason: 'INVALID_CHARACTERS' });

  await page.click('#pay-a');
  await page.click('#pay-b');
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.updates))
    .toEqual({
      a: [
        {
          status: 'fields_in_error',
          session: { id: a.id },
          errors: { nameOnCard: 'invalid' },
          version: '100',
        },
      ],
      b: [
        {
          status: 'fields_in_error',
          session: { id: b.id },
          errors: { nameOnCard: 'invalid' },
          version: '100',
        },
      ],
    });

  // Nothing the page could see holds the number or the code: not a message, not its DOM or storage, not
  // an answer; nor did any request of any frame carry them, so the hub never sent them to the gateway.
  const seen = [
    await page.evaluate(() => document.documentElement.outerHTML),
    ...(await page.evaluate(() => (window as any).__seen as string[])),
    JSON.stringify(await page.evaluate(() => (window as any).recorded)),
    await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })),
    ...page.console().map((message) => message.text),
    ...(await page.requests()).map((request) => `${request.url} ${request.postData}`),
  ].join('\n');
  expect(leaks(seen, [...numberForms(skimmedPan), skimmedCsc])).toEqual([]);
  for (const session of [a, b]) {
    const stored = await retrieveSession(session.id);
    expect(stored.session.updateStatus).toBe('NO_UPDATE');
    expect(stored).not.toHaveProperty('sourceOfFunds');
  }

  // A name typed as a name goes through, and the requests do show what the hub sends.
  const name = await field('#a-name');
  await name.clear(FIELD_INPUT);
  await name.type(FIELD_INPUT, 'Ada Lovelace');
  await page.click('#pay-a');
  await expect.poll(() => page.evaluate(() => (window as any).recorded.updates.a.length)).toBe(2);
  const update = await page.evaluate(() => (window as any).recorded.updates.a[1]);
  expect(update).toMatchObject({ status: 'ok', session: { id: a.id } });
  expect(update.sourceOfFunds.provided.card.nameOnCard).toBe('Ada Lovelace');
  const sent = (await page.requests()).map((request) => request.postData).join('\n');
  expect(sent).toContain('Ada Lovelace');
});

/** Types a card the hostile scripts below try to divert. */
async function typedCheckout(page: BrowserPage): Promise<CheckoutPage> {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  await checkout.fill({
    number: '2223000000000007',
    month: '01',
    year: '39',
    securityCode: '100',
    nameOnCard: 'Ada Lovelace',
  });
  return checkout;
}

/** Another session of the same merchant, as a hostile script could get one from the shop's own server. */
async function otherSession(): Promise<string> {
  return (await createSession()).id;
}

async function expectEmpty(sessionId: string): Promise<void> {
  const stored = await retrieveSession(sessionId);
  expect(stored.session.updateStatus).toBe('NO_UPDATE');
  expect(stored).not.toHaveProperty('sourceOfFunds');
}

async function expectPaidIntoOwnSession(checkout: CheckoutPage): Promise<void> {
  const response = await checkout.submit();
  expect(response).toMatchObject({ status: 'ok', session: { id: checkout.sessionId } });
  const stored = await retrieveSession(checkout.sessionId);
  expect(stored.sourceOfFunds.provided.card).toMatchObject({
    number: '222300xxxxxx0007',
    securityCode: 'xxx',
  });
}

test('a second hub frame for the scope gets nothing of the typed card', async ({ browserPage: page }) => {
  const checkout = await typedCheckout(page);
  const other = await otherSession();

  // The script copies the hub frame's URL, fragment and scope instance included, configures the copy with
  // its own session and asks it to update.
  const answer = await page.evaluate(
    async ({ other, gateway, roles }) => {
      const { connect, WindowMessenger } = await import(`${location.origin}/vendor/penpal.js`);
      const original = document.querySelector<HTMLIFrameElement>('iframe[aria-hidden="true"]')!;
      const copy = document.createElement('iframe');
      copy.src = original.src;
      document.body.append(copy);
      const hub = await connect({
        messenger: new WindowMessenger({ remoteWindow: copy.contentWindow, allowedOrigins: [gateway] }),
        methods: { emit() {} },
      }).promise;
      await hub.configure({ sessionId: other, roles, locale: 'en_US' });
      // Time for the fields to answer a hub that asks who is there, as hubs once did.
      await new Promise((resolve) => setTimeout(resolve, 500));
      return hub.updateSessionFromForm('card');
    },
    { other, gateway: GATEWAY_URL, roles: ROLES },
  );

  expect(answer).toMatchObject({ status: 'fields_in_error', errors: { cardNumber: 'missing' } });
  await expectEmpty(other);
  await expectPaidIntoOwnSession(checkout);
  await expectEmpty(other);
});

test('reconnecting to the hub, or calling it directly, cannot configure it again for another session', async ({
  browserPage: page,
}) => {
  const checkout = await typedCheckout(page);
  const other = await otherSession();

  const attempts = await page.evaluate(
    async ({ other, gateway, roles }) => {
      const { connect, WindowMessenger } = await import(`${location.origin}/vendor/penpal.js`);
      const frame = document.querySelector<HTMLIFrameElement>('iframe[aria-hidden="true"]')!;
      const options = { sessionId: other, roles, locale: 'en_US' };
      // A second handshake, to take the connection over and configure the hub anew.
      const reconnect = await connect({
        messenger: new WindowMessenger({ remoteWindow: frame.contentWindow, allowedOrigins: [gateway] }),
        methods: { emit() {} },
        timeout: 3000,
      }).promise.then(
        (hub: any) =>
          hub.configure(options).then(
            () => 'configured',
            (error: Error) => error.message,
          ),
        (error: Error) => error.message,
      );
      // A call posted straight to the hub, as penpal would send it; its answer goes to the SDK's port.
      frame.contentWindow!.postMessage(
        { namespace: 'penpal', type: 'CALL', id: 'hostile-1', methodPath: ['configure'], args: [options] },
        gateway,
      );
      return reconnect;
    },
    { other, gateway: GATEWAY_URL, roles: ROLES },
  );

  expect(attempts).toMatch(/timed out/);
  // The SDK's own connection survived both, and the card went where the SDK configured it.
  await expectPaidIntoOwnSession(checkout);
  await expectEmpty(other);
});

test('configuring the scope again through the SDK with another session starts from empty fields', async ({
  browserPage: page,
}) => {
  await typedCheckout(page);
  const other = await otherSession();
  await page.evaluate((other) => {
    const recorded = (window as any).recorded;
    recorded.initialized = null;
    (window as any).PaymentSession.configure({
      session: other,
      fields: {
        card: {
          number: '#card-number',
          securityCode: '#security-code',
          expiryMonth: '#expiry-month',
          expiryYear: '#expiry-year',
          nameOnCard: '#cardholder-name',
        },
      },
      frameEmbeddingMitigation: ['javascript'],
      callbacks: {
        initialized: (response: unknown) => (recorded.initialized = response),
        formSessionUpdate: (response: unknown) => recorded.updates.push(response),
      },
    });
  }, other);
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.initialized))
    .toEqual({ status: 'ok' });

  const response = await new CheckoutPage(page).submit();
  expect(response).toMatchObject({ status: 'fields_in_error', session: { id: other } });
  expect(response.errors).toMatchObject({ cardNumber: 'missing', securityCode: 'missing' });
  await expectEmpty(other);
});

test('removing the hidden hub frame takes the whole form down, and the next update says so', async ({
  browserPage: page,
}) => {
  const checkout = await typedCheckout(page);
  await page.evaluate(() => document.querySelector('iframe[aria-hidden="true"]')!.remove());

  // Nothing is left holding the card: every field frame went with the hub, and the page's inputs are back.
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('iframe').length)).toBe(0);
  expect(
    await page.evaluate(() => getComputedStyle(document.querySelector('#card-number')!).display),
  ).not.toBe('none');
  const response = await checkout.submit();
  expect(response).toMatchObject({ status: 'system_error', session: { id: checkout.sessionId } });
  expect(response.errors.message).toMatch(/payment session frame reloaded or went away/);
  await expectEmpty(checkout.sessionId);
});
