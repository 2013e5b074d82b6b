// The hosted fields end to end, in every engine (see support/engine-test.ts).
import { TEST_CARDS } from '../packages/card/test/test-cards.ts';
import { CheckoutPage, FIELD_INPUT, fieldFrame } from './support/checkout-page.ts';
import { expect, test } from './support/engine-test.ts';
import { createSession, retrieveSession } from './support/gateway-client.ts';
import { MERCHANT_URL } from './support/ports.ts';

test('a card typed into the hosted fields lands in the session, masked', async ({ browserPage }) => {
  const checkout = new CheckoutPage(browserPage);
  await checkout.open();
  await checkout.fill({
    number: '5123450000000008',
    month: '01',
    year: '39',
    securityCode: '100',
    nameOnCard: 'Ada Lovelace',
  });

  const events = await checkout.events();
  // Funding and issuer come from the gateway's BIN table, once the number is valid.
  await expect
    .poll(async () => (await checkout.events()).filter((e) => e.type === 'cardType').at(-1))
    .toEqual({
      type: 'cardType',
      selector: '#card-number',
      payload: {
        status: 'SUPPORTED',
        brand: 'MASTERCARD',
        scheme: 'MASTERCARD',
        fundingMethod: 'DEBIT',
        issuer: 'Sandbox Bank Debit',
      },
    });
  const typing = events.filter((e) => e.type === 'cardType' && e.payload.status === 'SUPPORTED');
  expect(typing[0]?.payload).not.toHaveProperty('fundingMethod');
  expect(events.filter((e) => e.type === 'bin').at(-1)?.payload).toEqual({ BIN: '512345' });
  const numberValidity = events.filter((e) => e.type === 'validity' && e.selector === '#card-number').at(-1);
  expect(numberValidity?.payload).toEqual({ isValid: true, isIncomplete: false, hasError: false });
  // Mastercard's handler arguments: (selector, bare role) for focus, blur and change.
  for (const type of ['focus', 'blur', 'change']) {
    expect(events).toContainEqual({ type, selector: '#card-number', payload: 'number' });
    expect(events).toContainEqual({ type, selector: '#security-code', payload: 'securityCode' });
  }
  expect(events).toContainEqual({ type: 'emptiness', selector: '#card-number', payload: { isEmpty: false } });
  expect(events).toContainEqual({
    type: 'emptiness',
    selector: '#cardholder-name',
    payload: { isEmpty: false },
  });
  for (const selector of ['#expiry-month', '#expiry-year', '#security-code', '#cardholder-name']) {
    const validity = events.filter((e) => e.type === 'validity' && e.selector === selector).at(-1);
    expect(validity?.payload, selector).toMatchObject({ isValid: true, hasError: false });
  }

  const response = await checkout.submit();
  expect(response).toMatchObject({
    status: 'ok',
    merchant: 'TESTMERCHANT',
    session: { id: checkout.sessionId, updateStatus: 'SUCCESS' },
    sourceOfFunds: {
      type: 'CARD',
      provided: {
        card: {
          brand: 'MASTERCARD',
          scheme: 'MASTERCARD',
          number: '512345xxxxxx0008',
          expiry: { month: '1', year: '39' },
          securityCode: 'xxx',
          nameOnCard: 'Ada Lovelace',
        },
      },
    },
    version: '100',
  });
  expect(response.session.version).toMatch(/^.{10}$/);

  const stored = await retrieveSession(checkout.sessionId);
  expect(stored.sourceOfFunds.provided.card).toMatchObject({
    number: '512345xxxxxx0008',
    securityCode: 'xxx',
  });
  expect(stored.session.updateStatus).toBe('SUCCESS');
  expect(JSON.stringify(stored)).not.toContain('5123450000000008');
});

test('every public test card is recognised by brand and accepted', async ({ browserPage }) => {
  // Every card, key by key.
  test.slow();
  const checkout = new CheckoutPage(browserPage);
  await checkout.open();
  for (const [card, brand] of TEST_CARDS) {
    await checkout.clear('#card-number');
    await checkout.type('#card-number', card);
    await expect.poll(() => checkout.lastEvent('cardType')).toMatchObject({ status: 'SUPPORTED', brand });
    await expect.poll(() => checkout.lastEvent('validity', '#card-number')).toMatchObject({ isValid: true });
  }
});

test('card type is INSUFFICIENT_LENGTH below ten digits, and no BIN until the number is complete', async ({
  browserPage,
}) => {
  const checkout = new CheckoutPage(browserPage);
  await checkout.open();
  await checkout.type('#card-number', '512345678');
  const cardTypes = async () =>
    (await checkout.events()).filter((e) => e.type === 'cardType').map((e) => e.payload.status);
  for (const status of await cardTypes()) expect(status).toBe('INSUFFICIENT_LENGTH');

  await checkout.type('#card-number', '901');
  await expect.poll(async () => (await cardTypes()).at(-1)).toBe('SUPPORTED');
  for (let i = 0; i < 3; i += 1) await checkout.press('#card-number', 'Backspace');
  await expect.poll(async () => (await cardTypes()).at(-1)).toBe('INSUFFICIENT_LENGTH');
  expect((await checkout.events()).some((e) => e.type === 'bin')).toBe(false);
});

test('EMBOSSED groups the number as on the card, PLAIN does not', async ({ browserPage }) => {
  const checkout = new CheckoutPage(browserPage);
  await checkout.open();
  await checkout.type('#card-number', '5123450000000008');
  await expect.poll(() => checkout.value('#card-number')).toBe('5123 4500 0000 0008');
  await checkout.clear('#card-number');
  await checkout.type('#card-number', '371881634498004');
  await expect.poll(() => checkout.value('#card-number')).toBe('3718 816344 98004');

  await checkout.open({ query: { formatCard: 'PLAIN' } });
  await checkout.type('#card-number', '5123450000000008');
  await expect.poll(() => checkout.value('#card-number')).toBe('5123450000000008');
});

test('REJECT drops characters that cannot be valid; ALLOW keeps them and reports INVALID_CHARACTERS', async ({
  browserPage,
}) => {
  const checkout = new CheckoutPage(browserPage);
  await checkout.open();
  await checkout.type('#card-number', '5123ab45');
  await expect.poll(() => checkout.value('#card-number')).toBe('5123 45');

  await checkout.open({ query: { invalidFieldCharacters: 'ALLOW' } });
  await checkout.type('#card-number', '5123ab45');
  await expect.poll(() => checkout.value('#card-number')).toMatch(/^5123\s?ab45$/);
  await expect
    .poll(() => checkout.lastEvent('validity', '#card-number'))
    .toMatchObject({ isValid: false, hasError: true, errorReason: 'INVALID_CHARACTERS' });
});

test('fields in error are reported by name, and nothing reaches the session', async ({ browserPage }) => {
  const checkout = new CheckoutPage(browserPage);
  await checkout.open();
  // Luhn fails on the last digit.
  await checkout.fill({ number: '5123450000000009', securityCode: '100' });
  const response = await checkout.submit();
  expect(response).toMatchObject({
    status: 'fields_in_error',
    session: { id: checkout.sessionId },
    errors: { cardNumber: 'invalid', expiryMonth: 'missing', expiryYear: 'missing' },
    version: '100',
  });
  const stored = await retrieveSession(checkout.sessionId);
  expect(stored.session.updateStatus).toBe('NO_UPDATE');
  expect(stored.sourceOfFunds).toBeUndefined();
});

test('an expiry in the past is EXPIRED', async ({ browserPage }) => {
  const checkout = new CheckoutPage(browserPage);
  await checkout.open();
  await checkout.fill({ month: '01', year: '26' });
  await expect
    .poll(async () =>
      (await checkout.events())
        .filter((e) => e.type === 'validity' && e.selector.startsWith('#expiry-'))
        .map((e) => e.payload.errorReason),
    )
    .toContain('EXPIRED');
});

test('the authentication limit is enforced from the browser', async ({ browserPage }) => {
  const checkout = new CheckoutPage(browserPage);
  await checkout.open({ authenticationLimit: 1 });
  await checkout.fill({ number: '4508750015741019', month: '01', year: '39', securityCode: '100' });
  expect((await checkout.submit()).status).toBe('ok');
  // The limit is used up: validate says so for every field, before the page even tries again.
  // As JSON: an engine's driver may hand back nested objects only to a depth.
  const validated = JSON.parse(
    await browserPage.evaluate(
      () =>
        new Promise<string>((resolve) =>
          (window as any).PaymentSession.validate('card', (result: unknown) =>
            resolve(JSON.stringify(result)),
          ),
        ),
    ),
  );
  const usedUp = {
    isValid: false,
    isIncomplete: false,
    hasError: true,
    errorReason: 'SESSION_AUTHENTICATION_LIMIT_EXCEEDED',
  };
  expect(validated).toEqual({
    card: {
      isValid: false,
      number: usedUp,
      securityCode: usedUp,
      expiryMonth: usedUp,
      expiryYear: usedUp,
      nameOnCard: usedUp,
    },
  });
  const refused = await checkout.submit();
  expect(refused.status).toBe('system_error');
  expect(refused.errors.message).toMatch(/limit/i);
});

test("clicking the page's label focuses the hosted field", async ({ browserPage }) => {
  const checkout = new CheckoutPage(browserPage);
  await checkout.open();
  await browserPage.click('label[for="card-number"]');
  await expect
    .poll(async () =>
      (await checkout.events()).some((e) => e.type === 'focus' && e.selector === '#card-number'),
    )
    .toBe(true);
  // The page's focus is the field's iframe, so the payer's keys go into the field.
  await expect
    .poll(() => browserPage.evaluate(() => document.activeElement?.getAttribute('title')))
    .toBe('Card number');
  await browserPage.type('4508');
  await expect.poll(() => checkout.value('#card-number')).toBe('4508');
});

test('Tab and Shift-Tab move through the fields across their frames, and the keys type into them', async ({
  browserPage,
}) => {
  const checkout = new CheckoutPage(browserPage);
  await checkout.open();
  const titles = ['Card number', 'Expiry month', 'Expiry year', 'Security code', 'Name on card'];
  // The top page's active element is the iframe whose field has the focus.
  const focused = () => browserPage.evaluate(() => document.activeElement?.getAttribute('title') ?? '');
  const focusEvents = async () =>
    (await checkout.events()).filter((e) => e.type === 'focus').map((e) => e.selector);

  // From the page's own button, back through every field to the first, then forward again. Focus crossing
  // into another site's frame settles after the key: each step waits for it.
  await browserPage.evaluate(() => document.getElementById('pay')!.focus());
  for (const title of [...titles].reverse()) {
    await browserPage.press('Shift+Tab');
    await expect.poll(focused).toBe(title);
  }
  for (const title of titles.slice(1)) {
    await browserPage.press('Tab');
    await expect.poll(focused).toBe(title);
  }
  // Each move reached the input inside the frame: the SDK heard every field gain the focus.
  await expect
    .poll(focusEvents)
    .toEqual([
      '#cardholder-name',
      '#security-code',
      '#expiry-year',
      '#expiry-month',
      '#card-number',
      '#expiry-month',
      '#expiry-year',
      '#security-code',
      '#cardholder-name',
    ]);

  await browserPage.type('Ada Lovelace');
  await browserPage.press('Shift+Tab');
  await expect.poll(focused).toBe('Security code');
  await browserPage.type('100');
  await expect.poll(() => checkout.value('#cardholder-name')).toBe('Ada Lovelace');
  await expect.poll(() => checkout.value('#security-code')).toBe('100');
  const inFrame = await checkout.field('#security-code');
  expect(await inFrame.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
});

test('several scopes on one page work independently', async ({ browserPage }) => {
  const [first, second] = [await createSession(), await createSession()];
  await browserPage.goto(`${MERCHANT_URL}/pages/two-cards.html?first=${first.id}&second=${second.id}`);
  await expect
    .poll(() => browserPage.evaluate(() => (window as any).recorded.initialized))
    .toEqual({ first: 'ok', second: 'ok' });

  const type = async (placeholder: string, text: string) =>
    (await browserPage.frame(fieldFrame(placeholder))).type(FIELD_INPUT, text);
  const select = async (placeholder: string, value: string) =>
    (await browserPage.frame(fieldFrame(placeholder))).select(FIELD_INPUT, value);
  await type('#first-number', '5123450000000008');
  await select('#first-month', '01');
  await select('#first-year', '39');
  await type('#first-csc', '100');
  await type('#second-number', '4508750015741019');
  await select('#second-month', '05');
  await select('#second-year', '39');
  await type('#second-csc', '101');

  // Events of one scope reach only that scope's handlers.
  const brands = () => browserPage.evaluate(() => (window as any).recorded.brands);
  await expect.poll(async () => (await brands()).second.at(-1)).toBe('VISA');
  expect((await brands()).first.at(-1)).toBe('MASTERCARD');

  const updates = () => browserPage.evaluate(() => (window as any).recorded.updates);
  await browserPage.click('#pay-second');
  await expect.poll(async () => (await updates()).second?.status).toBe('ok');
  expect((await updates()).first).toBeUndefined();
  await browserPage.click('#pay-first');
  await expect.poll(async () => (await updates()).first?.status).toBe('ok');

  expect((await retrieveSession(first.id)).sourceOfFunds.provided.card.number).toBe('512345xxxxxx0008');
  expect((await retrieveSession(second.id)).sourceOfFunds.provided.card.number).toBe('450875xxxxxx1019');
  expect((await retrieveSession(second.id)).sourceOfFunds.provided.card.expiry).toMatchObject({
    month: '5',
    year: '39',
  });
});
