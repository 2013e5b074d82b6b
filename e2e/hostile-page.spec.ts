// A script in the merchant page turned against the payer: it owns the labels around the frames, can add
// gateway frames of its own with any fragment, and can talk to every gateway frame as their parent. Runs in
// every engine (support/engine-test.ts).
import { CheckoutPage, FIELD_INPUT, fieldFrame } from './support/checkout-page.ts';
import { expect, needs, test, type BrowserPage } from './support/engine-test.ts';
import { createSession, gatewayRequest, retrieveSession } from './support/gateway-client.ts';
import { GATEWAY_URL, MERCHANT_URL, UNREGISTERED_URL } from './support/ports.ts';
import { recordEverything } from './support/record-everything.ts';
import { leaks, numberForms } from './support/secrets.ts';
import { challengeShown } from './support/threeds.ts';

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

test("a resize forged by the page or by another frame changes no field's height", async ({
  browserPage: page,
}) => {
  const checkout = new CheckoutPage(page);
  await checkout.open({ query: { height: 'content' } });
  const number = await checkout.field('#card-number');
  await expect
    .poll(() =>
      number.evaluate(
        () => innerHeight === Math.ceil(document.querySelector('input')!.getBoundingClientRect().bottom),
      ),
    )
    .toBe(true);
  const heights = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('iframe:not([aria-hidden])'), (frame) =>
        Math.round(frame.getBoundingClientRect().height),
      ),
    );
  const before = await heights();
  expect(before).not.toContain(400);

  // The call penpal carries from a field frame to the page, asking for 400 pixels, in penpal's current
  // shape and its older one; the page posts them to itself, then a frame of another site to the page.
  const forge = () => {
    const resize = [{ height: 400 }];
    const target = window === top ? window : parent;
    target.postMessage(
      { namespace: 'penpal', type: 'CALL', id: 'forged', methodPath: ['resize'], args: resize },
      '*',
    );
    target.postMessage({ penpal: 'call', id: 'forged-old', methodName: 'resize', args: resize }, '*');
    target.postMessage('forged', '*');
  };
  // Messages from one window arrive in order: once 'forged' is in, so are the calls before it, and two
  // animation frames later any height they set would be on the page.
  const forgeriesHeard = () =>
    page.evaluate(() => {
      (window as any).forgeriesHeard = new Promise<void>((resolve) =>
        addEventListener('message', (event) => event.data === 'forged' && resolve()),
      );
    });
  const settled = () =>
    page.evaluate(async () => {
      await (window as any).forgeriesHeard;
      for (let i = 0; i < 2; i += 1) await new Promise(requestAnimationFrame);
    });

  await forgeriesHeard();
  await page.evaluate(forge);
  await settled();
  expect(await heights()).toEqual(before);

  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.id = 'evil';
    frame.setAttribute('aria-hidden', 'true');
    document.body.append(frame);
    return new Promise((resolve) => frame.addEventListener('load', resolve));
  }, `${UNREGISTERED_URL}/pages/evil-frame.html`);
  const evil = await page.frame('#evil');
  await forgeriesHeard();
  await evil.evaluate(forge);
  await settled();
  expect(await heights()).toEqual(before);

  // The same call from the field's own frame is heard: the forgeries failed for who sent them, not for
  // their shape. (Only a test can post from inside a gateway frame.)
  await number.evaluate(() =>
    parent.postMessage(
      { namespace: 'penpal', type: 'CALL', id: 'own', methodPath: ['resize'], args: [{ height: 400 }] },
      '*',
    ),
  );
  await expect.poll(async () => (await heights())[0]).toBe(400);
  expect((await heights()).slice(1)).toEqual(before.slice(1));
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

/** The bank's challenge of a Mastercard-style checkout (the ThreeDS script), in a frame of the merchant's page. */
async function challengedCheckout(page: BrowserPage, card: string): Promise<void> {
  const session = await createSession();
  const updated = await gatewayRequest('PUT', `/session/${session.id}`, {
    order: { amount: '45.99', currency: 'EUR' },
    authentication: { acceptVersions: '3DS2', channel: 'PAYER_BROWSER', purpose: 'PAYMENT_TRANSACTION' },
  });
  expect(updated.status).toBe(200);
  const orderId = `hostile-3ds-${Date.now()}`;
  await page.goto(`${MERCHANT_URL}/pages/threeds-mastercard.html?session=${session.id}&order=${orderId}`);
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.initialized))
    .toEqual({ status: 'ok' });
  await (await page.frame(fieldFrame('#card-number'))).type(FIELD_INPUT, card);
  await (await page.frame(fieldFrame('#expiry-month'))).select(FIELD_INPUT, '01');
  await (await page.frame(fieldFrame('#expiry-year'))).select(FIELD_INPUT, '39');
  await (await page.frame(fieldFrame('#security-code'))).type(FIELD_INPUT, '100');
  await page.click('#pay');
}

const CHALLENGE_FRAME = '#threeds-container iframe.hs-3ds-challenge';

test("the bank's challenge frame: the page cannot read it or end it with a forged message, and it shows the last four digits only", async ({
  browserPage: page,
}) => {
  const pan = '5123450000000008';
  await challengedCheckout(page, pan);
  const challenge = await page.frame(CHALLENGE_FRAME);
  await challengeShown(challenge);

  // The frame is the gateway's document: the page reaches neither its DOM nor its window's contents.
  const reach = await page.evaluate((selector) => {
    const frame = document.querySelector<HTMLIFrameElement>(selector)!;
    let windowRead = 'refused';
    try {
      windowRead = String(frame.contentWindow!.document.body.innerHTML.length);
    } catch {
      // A cross-origin window: the expected refusal.
    }
    return { document: frame.contentDocument === null, windowRead };
  }, CHALLENGE_FRAME);
  expect(reach).toEqual({ document: true, windowRead: 'refused' });

  // The page forges the frame's completion message: posted to itself, and dispatched as an event that claims
  // the gateway's origin and the challenge frame as its source (what a listener checks).
  await page.evaluate(
    ({ selector, gateway }) => {
      const data = { type: 'hosted-session:3ds-complete', status: 'approved', transactionId: 'auth-1' };
      window.postMessage(data, '*');
      const frame = document.querySelector<HTMLIFrameElement>(selector)!;
      window.dispatchEvent(
        new MessageEvent('message', { data, origin: gateway, source: frame.contentWindow }),
      );
    },
    { selector: CHALLENGE_FRAME, gateway: GATEWAY_URL },
  );
  // None counted: had one, the script would have removed the challenge and called back with the pending status.
  await challengeShown(await page.frame(CHALLENGE_FRAME));
  expect(await page.evaluate(() => (window as any).recorded.authenticated)).toBeNull();

  // The challenge names the card by its last four digits; nothing of it reached the page.
  const shown = await challenge.evaluate(() => document.documentElement.outerHTML);
  expect(shown).toContain('•••• 0008');
  expect(leaks(shown, numberForms(pan))).toEqual([]);
  const seen =
    (await page.evaluate(() => document.documentElement.outerHTML)) +
    JSON.stringify(await page.evaluate(() => (window as any).recorded));
  expect(leaks(seen, numberForms(pan))).toEqual([]);

  // The real answer still ends it (and the script then removes the frame).
  await challenge.type('#otp', '1234');
  await challenge.click('button[value="verify"]');
  await expect
    .poll(() => page.evaluate(() => document.getElementById('result')!.textContent), { timeout: 20_000 })
    .toBe('PROCEED AUTHENTICATION_SUCCESSFUL');
});

test("an origin the merchant never registered cannot frame the bank's challenge page", async ({
  browserPage: page,
}) => {
  /** A page of `origin` posts a 3-D Secure 1 redirect (the PaReq) into a frame of its own. */
  async function frameChallenge(origin: string, id: string): Promise<boolean> {
    const session = await createSession();
    const card = { number: '5123450000000008', expiry: { month: '01', year: '39' }, securityCode: '100' };
    const updated = await gatewayRequest('PUT', `/session/${session.id}`, {
      sourceOfFunds: { provided: { card } },
    });
    expect(updated.status).toBe(200);
    const checked = await gatewayRequest('PUT', `/3DSecureId/${id}`, {
      apiOperation: 'CHECK_3DS_ENROLLMENT',
      order: { amount: '12.00', currency: 'USD' },
      session: { id: session.id },
      '3DSecure': {
        authenticationRedirect: {
          responseUrl: `${MERCHANT_URL}/shop/3ds1/return`,
          pageGenerationMode: 'CUSTOMIZED',
        },
      },
    });
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    const { acsUrl, paReq } = checked.body['3DSecure'].authenticationRedirect.customized;
    await page.goto(`${origin}/pages/threeds-frame.html#about%3Ablank`);
    await page.evaluate(
      ({ acsUrl, paReq, termUrl }) => {
        // The frame first loads a page of the shop's own, then the form posts into it: the second load is the
        // gateway's answer (an initial blank document's load can never be mistaken for it).
        const frame = document.createElement('iframe');
        frame.name = 'acs';
        const form = document.createElement('form');
        form.method = 'post';
        form.action = acsUrl;
        form.target = 'acs';
        for (const [name, value] of Object.entries({ PaReq: paReq, TermUrl: termUrl, MD: 'x' })) {
          const input = document.createElement('input');
          input.name = name;
          input.value = value;
          form.append(input);
        }
        document.body.append(form);
        frame.addEventListener('load', () => {
          const loads = Number(document.body.dataset.acsLoads ?? 0) + 1;
          document.body.dataset.acsLoads = String(loads);
          if (loads === 1) form.submit();
        });
        frame.src = '/healthz';
        document.body.append(frame);
      },
      { acsUrl, paReq, termUrl: `${MERCHANT_URL}/shop/3ds1/return` },
    );
    await expect.poll(() => page.evaluate(() => document.body.dataset.acsLoads ?? '')).toBe('2');
    const frame = await page.frame('iframe[name="acs"]');
    return frame.evaluate(() => document.getElementById('otp') !== null).catch(() => false);
  }

  expect(await frameChallenge(UNREGISTERED_URL, `hostile-${Date.now()}-a`)).toBe(false);
  // The same page on a registered origin does show it: the refusal is the origin's, not the test's.
  expect(await frameChallenge(MERCHANT_URL, `hostile-${Date.now()}-b`)).toBe(true);
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
