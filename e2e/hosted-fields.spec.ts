import { expect, test } from '@playwright/test';
import { TEST_CARDS } from '../packages/card/test/test-cards.ts';
import { CheckoutPage } from './support/checkout-page.ts';
import { createSession, retrieveSession } from './support/gateway-client.ts';
import { MERCHANT_URL } from './support/ports.ts';

test('a card typed into the hosted fields lands in the session, masked', async ({ page }) => {
  const checkout = new CheckoutPage(page);
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

test('every public test card is recognised by brand and accepted', async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  const number = checkout.input('#card-number');
  for (const [card, brand] of TEST_CARDS) {
    await number.fill('');
    await number.pressSequentially(card);
    await expect
      .poll(async () => (await checkout.events()).filter((e) => e.type === 'cardType').at(-1)?.payload)
      .toMatchObject({ status: 'SUPPORTED', brand });
    await expect
      .poll(
        async () =>
          (await checkout.events())
            .filter((e) => e.type === 'validity' && e.selector === '#card-number')
            .at(-1)?.payload,
      )
      .toMatchObject({ isValid: true });
  }
});

test('card type is INSUFFICIENT_LENGTH below ten digits, and no BIN until the number is complete', async ({
  page,
}) => {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  const number = checkout.input('#card-number');
  await number.pressSequentially('512345678');
  const cardTypes = async () =>
    (await checkout.events()).filter((e) => e.type === 'cardType').map((e) => e.payload.status);
  for (const status of await cardTypes()) expect(status).toBe('INSUFFICIENT_LENGTH');

  await number.pressSequentially('901');
  await expect.poll(async () => (await cardTypes()).at(-1)).toBe('SUPPORTED');
  for (let i = 0; i < 3; i += 1) await number.press('Backspace');
  await expect.poll(async () => (await cardTypes()).at(-1)).toBe('INSUFFICIENT_LENGTH');
  expect((await checkout.events()).some((e) => e.type === 'bin')).toBe(false);
});

test('EMBOSSED groups the number as on the card, PLAIN does not', async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  const number = checkout.input('#card-number');
  await number.pressSequentially('5123450000000008');
  await expect(number).toHaveValue('5123 4500 0000 0008');
  await number.fill('');
  await number.pressSequentially('371881634498004');
  await expect(number).toHaveValue('3718 816344 98004');

  await checkout.open({ query: { formatCard: 'PLAIN' } });
  await checkout.input('#card-number').pressSequentially('5123450000000008');
  await expect(checkout.input('#card-number')).toHaveValue('5123450000000008');
});

test('REJECT drops characters that cannot be valid; ALLOW keeps them and reports INVALID_CHARACTERS', async ({
  page,
}) => {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  await checkout.input('#card-number').pressSequentially('5123ab45');
  await expect(checkout.input('#card-number')).toHaveValue('5123 45');

  await checkout.open({ query: { invalidFieldCharacters: 'ALLOW' } });
  await checkout.input('#card-number').pressSequentially('5123ab45');
  await expect(checkout.input('#card-number')).toHaveValue(/5123\s?ab45/);
  await expect
    .poll(
      async () =>
        (await checkout.events()).filter((e) => e.type === 'validity' && e.selector === '#card-number').at(-1)
          ?.payload,
    )
    .toMatchObject({ isValid: false, hasError: true, errorReason: 'INVALID_CHARACTERS' });
});

test('fields in error are reported by name, and nothing reaches the session', async ({ page }) => {
  const checkout = new CheckoutPage(page);
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

test('an expiry in the past is EXPIRED', async ({ page }) => {
  const checkout = new CheckoutPage(page);
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

test('the authentication limit is enforced from the browser', async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.open({ authenticationLimit: 1 });
  await checkout.fill({ number: '4508750015741019', month: '01', year: '39', securityCode: '100' });
  expect((await checkout.submit()).status).toBe('ok');
  // The limit is used up: validate says so for every field, before the page even tries again.
  const validated = await page.evaluate(
    () => new Promise((resolve) => (window as any).PaymentSession.validate('card', resolve)),
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

test("clicking the page's label focuses the hosted field", async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.open();
  await page.click('label[for="card-number"]');
  await expect
    .poll(async () =>
      (await checkout.events()).some((e) => e.type === 'focus' && e.selector === '#card-number'),
    )
    .toBe(true);
  await page.keyboard.type('4508');
  await expect(checkout.input('#card-number')).toHaveValue('4508');
});

test('several scopes on one page work independently', async ({ page }) => {
  const [first, second] = [await createSession(), await createSession()];
  await page.goto(`${MERCHANT_URL}/pages/two-cards.html?first=${first.id}&second=${second.id}`);
  await expect
    .poll(() => page.evaluate(() => (window as any).recorded.initialized))
    .toEqual({ first: 'ok', second: 'ok' });

  const frame = (selector: string) =>
    page.frameLocator(`iframe:has(+ ${selector})`).locator('input, select').first();
  await frame('#first-number').pressSequentially('5123450000000008');
  await frame('#first-month').selectOption('01');
  await frame('#first-year').selectOption('39');
  await frame('#first-csc').pressSequentially('100');
  await frame('#second-number').pressSequentially('4508750015741019');
  await frame('#second-month').selectOption('05');
  await frame('#second-year').selectOption('39');
  await frame('#second-csc').pressSequentially('101');

  // Events of one scope reach only that scope's handlers.
  const brands = await page.evaluate(() => (window as any).recorded.brands);
  expect(brands.first.at(-1)).toBe('MASTERCARD');
  expect(brands.second.at(-1)).toBe('VISA');

  await page.click('#pay-second');
  await expect.poll(() => page.evaluate(() => (window as any).recorded.updates.second?.status)).toBe('ok');
  expect(await page.evaluate(() => (window as any).recorded.updates.first)).toBeUndefined();
  await page.click('#pay-first');
  await expect.poll(() => page.evaluate(() => (window as any).recorded.updates.first?.status)).toBe('ok');

  expect((await retrieveSession(first.id)).sourceOfFunds.provided.card.number).toBe('512345xxxxxx0008');
  expect((await retrieveSession(second.id)).sourceOfFunds.provided.card.number).toBe('450875xxxxxx1019');
  expect((await retrieveSession(second.id)).sourceOfFunds.provided.card.expiry).toMatchObject({
    month: '5',
    year: '39',
  });
});
