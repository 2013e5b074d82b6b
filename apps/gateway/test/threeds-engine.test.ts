import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Merchant } from '../src/domain/merchants.ts';
import type { Currency } from '../src/domain/money/index.ts';
import {
  AuthenticationService,
  decodeChallengeRequest,
  decodeMethodData,
  type AuthenticationRecord,
  type BrowserStep,
  type NewAuthentication,
} from '../src/domain/threeds/index.ts';
import { CardVault } from '../src/domain/vault.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import type { Store } from '../src/store/store.ts';
import { SimulatedThreeDSServer, type Exemption } from '../src/threeds-server/index.ts';
import { TEST_BROWSER as BROWSER, TEST_URLS as URLS } from './checkout-helpers.ts';
import { manualClock, yieldingStore } from './helpers.ts';

const MERCHANT: Merchant = {
  id: 'TESTMERCHANT',
  name: 'Harbor & Pine',
  passwordHash: 'unused',
  allowedOrigins: ['http://localhost:*'],
  supportedBrands: ['MASTERCARD', 'VISA', 'AMEX'],
  cscRequired: true,
};
const CARDS = {
  challenge: '5123450000000008',
  frictionless: '5123456789012346',
  attempted: '5500005555555559',
  rejected: '5506900140100503',
  unavailable: '5123459999998221',
  declined: '5111111111111118',
  visa: '4508750015741019',
  silent: '4012000033330026',
  amex: '371881634498004',
  notEnrolled: '2223000000000007',
};
const METHOD_TIMEOUT_MS = 10_000;

function engine(store: Store = new MemoryStore()) {
  const clock = manualClock();
  const vault = new CardVault(randomBytes(32));
  const service = new AuthenticationService({
    store,
    vault,
    server: new SimulatedThreeDSServer(),
    ttlMs: 900_000,
    methodTimeoutMs: METHOD_TIMEOUT_MS,
    now: clock.now,
  });
  const completed: AuthenticationRecord[] = [];
  service.onComplete((record) => completed.push(record));
  return { service, clock, vault, completed, store };
}

function request(number: string, overrides: Partial<NewAuthentication> = {}): NewAuthentication {
  return {
    merchant: MERCHANT,
    card: { number, expiry: { month: '01', year: '39' } },
    amount: 4500n,
    currency: 'EUR',
    challengePreference: 'no_preference',
    purpose: { type: 'regular', category: 'payment', transactionType: 'goods_service' },
    riskData: {},
    face: { kind: 'test' },
    ...overrides,
  };
}

/** Runs the browser side up to the first step that needs the cardholder or ends it. */
async function runBrowser(
  service: AuthenticationService,
  record: AuthenticationRecord,
): Promise<BrowserStep> {
  let step = await service.start(record.id, BROWSER, URLS);
  if (step.kind === 'method') {
    const data = decodeMethodData(step.threeDSMethodData);
    expect(data).toEqual({
      threeDSServerTransID: record.transactionId,
      threeDSMethodNotificationURL: URLS.method,
    });
    expect(await service.completeMethod(record.transactionId)).toBe(true);
    step = await service.continue(record.id, URLS);
  }
  return step;
}

async function challenge(service: AuthenticationService, record: AuthenticationRecord) {
  const step = await runBrowser(service, record);
  expect(step.kind).toBe('challenge');
  const creq = decodeChallengeRequest(step.kind === 'challenge' ? step.creq : undefined)!;
  expect(creq.threeDSServerTransID).toBe(record.transactionId);
  return creq;
}

describe('the 3-D Secure engine', () => {
  it('seals the card number to the authentication and shows it masked only', async () => {
    const { service, vault, store } = engine();
    const record = await service.create(request(CARDS.challenge));
    expect(record.id).toMatch(/^sid_[a-z2-7]{26}$/);
    expect(record.transactionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(record.card).toEqual({
      brand: 'MASTERCARD',
      number: '512345xxxxxx0008',
      expiry: { month: '1', year: '39' },
    });
    const stored = await store.getAuthentication(record.id);
    expect(
      JSON.stringify(stored, (_key, value) => (typeof value === 'bigint' ? String(value) : value)),
    ).not.toContain(CARDS.challenge);
    expect(vault.open(record.panEnvelope, record.id)).toBe(CARDS.challenge);
    expect(() => vault.open(record.panEnvelope, 'sid_another')).toThrow();
    expect(record).toMatchObject({
      status: 'pending',
      protocolVersion: '2.2.0',
      merchantName: 'Harbor & Pine',
    });
  });

  it('answers a card outside 3-D Secure at once: unavailable, no liability shift', async () => {
    const { service, completed } = engine();
    const record = await service.create(request(CARDS.notEnrolled));
    expect(record.status).toBe('unavailable');
    expect(record.result).toMatchObject({ reason: 'card_not_enrolled', liabilityShift: false });
    expect(record.result!.transStatus).toBeUndefined();
    expect(completed.map((r) => r.id)).toEqual([record.id]);
  });

  it.each([
    [CARDS.frictionless, 'approved', 'Y', '02', true],
    [CARDS.visa, 'approved', 'Y', '05', true],
    [CARDS.attempted, 'attempted', 'A', '01', true],
    [CARDS.declined, 'declined', 'N', '00', false],
    [CARDS.rejected, 'rejected', 'R', undefined, false],
    [CARDS.unavailable, 'unavailable', 'U', '00', false],
  ])('runs card %s frictionless to %s (%s, ECI %s)', async (number, status, transStatus, eci, shift) => {
    const { service, completed } = engine();
    const created = await service.create(request(number));
    const step = await runBrowser(service, created);
    expect(step.kind).toBe('complete');
    const record = (step as { record: AuthenticationRecord }).record;
    expect(record.status).toBe(status);
    expect(record.result).toMatchObject({ transStatus, flow: 'frictionless', liabilityShift: shift });
    expect(record.result!.eci).toBe(eci);
    const authenticated = transStatus === 'Y' || transStatus === 'A';
    expect(record.result!.authenticationValue !== undefined).toBe(authenticated);
    if (authenticated) expect(Buffer.from(record.result!.authenticationValue!, 'base64')).toHaveLength(20);
    expect(record.result!.dsTransactionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(completed).toHaveLength(1);
  });

  it('runs a range without a 3DS Method straight to the AReq, at version 2.1.0, then drops the risk data', async () => {
    const { service } = engine();
    const created = await service.create(
      request(CARDS.attempted, { riskData: { email: 'payer@example.com' } }),
    );
    expect(created.riskData).toEqual({ email: 'payer@example.com' });
    expect(created.protocolVersion).toBe('2.1.0');
    const step = await service.start(created.id, BROWSER, URLS);
    expect(step).toMatchObject({ kind: 'complete', record: { status: 'attempted', riskData: {} } });
    expect((await service.forBrowser(created.id)).riskData).toEqual({});
  });

  it('challenges: a wrong code leaves attempts, the right one approves with the scheme’s ECI', async () => {
    const { service, completed } = engine();
    const created = await service.create(request(CARDS.challenge));
    const creq = await challenge(service, created);
    expect((await service.forBrowser(created.id)).status).toBe('challenged');
    const wrong = await service.answerChallenge(creq.threeDSServerTransID, creq.acsTransID, {
      kind: 'code',
      code: '0000',
      trustMerchant: false,
    });
    expect(wrong).toMatchObject({ kind: 'retry', attemptsLeft: 2 });
    const right = await service.answerChallenge(creq.threeDSServerTransID, creq.acsTransID, {
      kind: 'code',
      code: '1234',
      trustMerchant: false,
    });
    expect(right.record).toMatchObject({
      status: 'approved',
      result: { transStatus: 'Y', eci: '02', flow: 'challenged', liabilityShift: true },
    });
    expect(right.record.result!.acsTransactionId).toBe(creq.acsTransID);
    expect(completed).toHaveLength(1);
    // Answers after the end change nothing.
    const late = await service.answerChallenge(creq.threeDSServerTransID, creq.acsTransID, {
      kind: 'cancel',
    });
    expect(late.record.status).toBe('approved');
  });

  it('declines after three wrong codes, and a cancel abandons the challenge', async () => {
    const { service } = engine();
    const first = await service.create(request(CARDS.amex, { currency: 'USD' }));
    const creq = await challenge(service, first);
    const wrong = { kind: 'code' as const, code: '9999', trustMerchant: false };
    await service.answerChallenge(creq.threeDSServerTransID, creq.acsTransID, wrong);
    await service.answerChallenge(creq.threeDSServerTransID, creq.acsTransID, wrong);
    const third = await service.answerChallenge(creq.threeDSServerTransID, creq.acsTransID, wrong);
    expect(third.record).toMatchObject({ status: 'declined', result: { transStatus: 'N', eci: '07' } });

    const second = await service.create(request(CARDS.challenge));
    const other = await challenge(service, second);
    const cancelled = await service.answerChallenge(other.threeDSServerTransID, other.acsTransID, {
      kind: 'cancel',
    });
    expect(cancelled.record).toMatchObject({
      status: 'challenge_abandoned',
      result: { cancelled: true, liabilityShift: false },
    });
  });

  it('refuses a challenge answer with the wrong ACS transaction id', async () => {
    const { service } = engine();
    const created = await service.create(request(CARDS.challenge));
    const creq = await challenge(service, created);
    await expect(
      service.answerChallenge(creq.threeDSServerTransID, '00000000-0000-4000-8000-000000000000', {
        kind: 'cancel',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lets two browsers answer one challenge together and records one result', async () => {
    const { service, completed } = engine(yieldingStore());
    const created = await service.create(request(CARDS.challenge));
    const creq = await challenge(service, created);
    const answers = await Promise.all([
      service.answerChallenge(creq.threeDSServerTransID, creq.acsTransID, {
        kind: 'code',
        code: '1234',
        trustMerchant: false,
      }),
      service.answerChallenge(creq.threeDSServerTransID, creq.acsTransID, { kind: 'cancel' }),
      service.answerChallenge(creq.threeDSServerTransID, creq.acsTransID, {
        kind: 'code',
        code: '1234',
        trustMerchant: false,
      }),
    ]);
    const statuses = new Set(answers.map((answer) => answer.record.status));
    expect(statuses.size).toBe(1);
    expect(completed).toHaveLength(1);
    expect((await service.forBrowser(created.id)).status).toBe([...statuses][0]);
  });

  it('expires when the 3DS Method never reports back within the limit', async () => {
    const { service, clock, completed } = engine();
    const created = await service.create(request(CARDS.silent));
    const started = await service.start(created.id, BROWSER, URLS);
    expect(started).toMatchObject({
      kind: 'method',
      url: '/3ds/acs/unresponsive/method',
      waitMs: METHOD_TIMEOUT_MS,
    });
    clock.advance(METHOD_TIMEOUT_MS - 1);
    expect(await service.continue(created.id, URLS)).toEqual({ kind: 'wait', waitMs: 1 });
    clock.advance(1);
    expect(await service.completeMethod(created.transactionId)).toBe(false);
    const step = await service.continue(created.id, URLS);
    expect(step).toMatchObject({
      kind: 'complete',
      record: { status: 'expired', result: { reason: 'device_data_timeout', liabilityShift: false } },
    });
    expect(completed).toHaveLength(1);
  });

  it('starts once for two browsers, and tells a returning browser where things stand', async () => {
    const { service } = engine(yieldingStore());
    const created = await service.create(request(CARDS.challenge));
    const [a, b] = await Promise.all([
      service.start(created.id, BROWSER, URLS),
      service.start(created.id, BROWSER, URLS),
    ]);
    expect([a.kind, b.kind].sort()).toEqual(['method', 'wait']);
    await service.completeMethod(created.transactionId);
    const [c, d] = await Promise.all([
      service.continue(created.id, URLS),
      service.continue(created.id, URLS),
    ]);
    expect([c.kind, d.kind]).toContain('challenge');
    expect((await service.start(created.id, BROWSER, URLS)).kind).toBe('challenge');
  });

  it('runs the 3DS Method first and takes the browser data and the amount later, as Mastercard’s face does', async () => {
    const { service } = engine();
    const created = await service.create(request(CARDS.frictionless, { amount: 0n }));
    const method = await service.start(created.id, undefined, URLS);
    expect(method.kind).toBe('method');
    await service.completeMethod(created.transactionId);
    await expect(service.continue(created.id, URLS)).rejects.toMatchObject({ code: 'step_not_allowed' });
    const step = await service.continue(created.id, URLS, { browser: BROWSER, amount: 4500n });
    expect(step).toMatchObject({ kind: 'complete', record: { status: 'approved', amount: 4500n } });
    await expect(service.continue(created.id, URLS, { amount: 1n })).rejects.toMatchObject({
      code: 'step_not_allowed',
    });
    const used = await service.use(MERCHANT.id, created.transactionId, {
      cardNumber: CARDS.frictionless,
      amount: 4500n,
      currency: 'EUR',
      orderId: 'order-1',
      transactionId: 'pay-1',
    });
    expect(used.result.transStatus).toBe('Y');
  });

  it('starts a range without a 3DS Method at continue, with the browser, the amount and the framing page', async () => {
    const { service } = engine();
    const created = await service.create(request(CARDS.attempted, { amount: 0n }));
    // Without the browser there is nothing to send the issuer yet.
    await expect(service.continue(created.id, URLS)).rejects.toMatchObject({ code: 'step_not_allowed' });
    const step = await service.continue(created.id, URLS, {
      browser: BROWSER,
      amount: 4500n,
      parentOrigin: 'http://localhost:4601',
      face: { kind: 'test', redirectResponseUrl: 'http://localhost:4601/back' },
    });
    expect(step).toMatchObject({
      kind: 'complete',
      record: {
        status: 'attempted',
        amount: 4500n,
        parentOrigin: 'http://localhost:4601',
        face: { kind: 'test', redirectResponseUrl: 'http://localhost:4601/back' },
      },
    });
  });

  it('authenticates with 3-D Secure 1 when named by a 3DSecureId: version 1.0.2, no 3DS Method, no R', async () => {
    const { service } = engine();
    const challenged = await service.create(request(CARDS.challenge, { threeDSecureId: '3ds-1' }));
    expect(challenged).toMatchObject({ protocolVersion: '1.0.2', threeDSecureId: '3ds-1' });
    expect(challenged.directory).not.toHaveProperty('methodUrl');
    // The issuer sees the browser when it posts the PAReq: straight to the challenge, no 3DS Method first.
    expect((await service.start(challenged.id, BROWSER, URLS)).kind).toBe('challenge');
    expect(await service.byThreeDSecureId(MERCHANT.id, '3ds-1')).toMatchObject({ status: 'challenged' });
    expect(await service.byThreeDSecureId('OTHERMERCHANT', '3ds-1')).toBeUndefined();

    const rejected = await service.create(request(CARDS.rejected, { threeDSecureId: '3ds-2' }));
    const step = await service.start(rejected.id, BROWSER, URLS);
    expect(step.kind === 'complete' && step.record).toMatchObject({
      status: 'declined',
      result: { transStatus: 'N' },
    });
    // Without a 3DSecureId the same card is a 3-D Secure 2 authentication that the issuer rejects.
    const twoRejected = await service.create(request(CARDS.rejected));
    const twoStep = await runBrowser(service, twoRejected);
    expect(twoStep.kind === 'complete' && twoStep.record.status).toBe('rejected');
  });

  it('shows an unfinished authentication as expired after its lifetime', async () => {
    const { service, clock } = engine();
    const created = await service.create(request(CARDS.challenge));
    clock.advance(900_000);
    expect((await service.get(MERCHANT.id, created.id)).status).toBe('expired');
    await expect(service.get('OTHER', created.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  describe('exemptions and challenge preferences', () => {
    async function outcome(number: string, overrides: Partial<NewAuthentication>) {
      const { service } = engine();
      const step = await runBrowser(service, await service.create(request(number, overrides)));
      return step.kind === 'complete' ? step.record : step.kind;
    }

    it.each<[Exemption, bigint, Currency, string]>([
      ['low_value', 3000n, 'EUR', 'low_value'],
      ['low_value', 3200n, 'USD', 'low_value'],
      ['transaction_risk_assessment', 25_000n, 'EUR', 'transaction_risk_assessment'],
      ['secure_corporate_payment', 1_000_000n, 'EUR', 'secure_corporate_payment'],
      ['trusted_listing', 1_000_000n, 'GBP', 'trusted_listing'],
    ])(
      'grants %s for %s %s: approved without liability shift',
      async (exemption, amount, currency, applied) => {
        const record = await outcome(CARDS.frictionless, { exemption, amount, currency });
        expect(record).toMatchObject({
          status: 'approved',
          result: { transStatus: 'I', exemptionApplied: applied, liabilityShift: false, eci: '00' },
        });
      },
    );

    it('ignores low_value above €30, and authenticates as usual', async () => {
      const record = await outcome(CARDS.visa, { exemption: 'low_value', amount: 3001n });
      expect(record).toMatchObject({
        status: 'approved',
        result: { transStatus: 'Y', liabilityShift: true, eci: '05' },
      });
      expect((record as AuthenticationRecord).result!.exemptionApplied).toBeUndefined();
    });

    it('challenges a risk analysis above €250, a trust prompt, and a requested challenge', async () => {
      expect(
        await outcome(CARDS.frictionless, { exemption: 'transaction_risk_assessment', amount: 25_001n }),
      ).toBe('challenge');
      expect(await outcome(CARDS.frictionless, { exemption: 'trusted_listing_prompt' })).toBe('challenge');
      expect(await outcome(CARDS.frictionless, { challengePreference: 'challenge_requested' })).toBe(
        'challenge',
      );
      expect(await outcome(CARDS.frictionless, { challengePreference: 'challenge_requested_mandate' })).toBe(
        'challenge',
      );
    });

    it('has a card that refuses every exemption and challenges', async () => {
      for (const exemption of ['low_value', 'secure_corporate_payment', 'trusted_listing'] as const) {
        expect(await outcome(CARDS.challenge, { exemption, amount: 100n })).toBe('challenge');
      }
    });

    it('answers a granted exemption with Y at version 2.1.0, which has no I', async () => {
      const server = new SimulatedThreeDSServer();
      const response = await server.authenticate({
        threeDSServerTransactionId: 'x',
        protocolVersion: '2.1.0',
        card: { number: CARDS.frictionless, brand: 'MASTERCARD', expiry: { month: '1', year: '39' } },
        amount: 100n,
        currency: 'EUR',
        merchantName: 'm',
        challengePreference: 'no_preference',
        exemption: 'low_value',
        methodCompletion: 'Y',
        browser: BROWSER,
        notificationUrl: URLS.challenge,
        purpose: { type: 'regular', category: 'payment' },
        riskData: {},
      });
      expect(response).toMatchObject({ transStatus: 'Y', outcome: { exemptionApplied: 'low_value' } });
    });

    it('records whether the cardholder trusted the merchant after a trust prompt', async () => {
      const { service } = engine();
      const created = await service.create(
        request(CARDS.frictionless, { exemption: 'trusted_listing_prompt' }),
      );
      const creq = await challenge(service, created);
      const done = await service.answerChallenge(creq.threeDSServerTransID, creq.acsTransID, {
        kind: 'code',
        code: '1234',
        trustMerchant: true,
      });
      expect(done.record).toMatchObject({
        status: 'approved',
        result: { transStatus: 'Y', trustedBeneficiary: true, liabilityShift: true },
      });
    });
  });

  describe('use by a payment', () => {
    async function approved(store?: Store) {
      const setup = engine(store);
      const record = (
        await runBrowser(setup.service, await setup.service.create(request(CARDS.frictionless)))
      ).kind;
      expect(record).toBe('complete');
      const [authentication] = setup.completed;
      return { ...setup, authentication: authentication! };
    }
    const payment = (overrides: object = {}) => ({
      cardNumber: CARDS.frictionless,
      amount: 4500n,
      currency: 'EUR' as Currency,
      orderId: 'order-1',
      transactionId: 'pay-1',
      ...overrides,
    });

    it('gives its result to one payment, again to that payment, and to no other', async () => {
      const { service, authentication } = await approved();
      const used = await service.use(MERCHANT.id, authentication.transactionId, payment());
      expect(used.result).toMatchObject({ transStatus: 'Y', eci: '02', liabilityShift: true });
      expect(used.use).toEqual({ orderId: 'order-1', transactionId: 'pay-1' });
      await expect(service.use(MERCHANT.id, authentication.transactionId, payment())).resolves.toBeDefined();
      await expect(
        service.use(MERCHANT.id, authentication.transactionId, payment({ orderId: 'order-2' })),
      ).rejects.toMatchObject({ code: 'used' });
    });

    it('lets exactly one of many racing payments take it', async () => {
      const { service, authentication } = await approved(yieldingStore());
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          service.use(MERCHANT.id, authentication.transactionId, payment({ orderId: `order-${i}` })),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes.filter((o) => o.status === 'rejected')) {
        expect((o as PromiseRejectedResult).reason).toMatchObject({ code: 'used' });
      }
    });

    it.each([
      [{ cardNumber: CARDS.visa }, 'card_mismatch'],
      [{ amount: 4501n }, 'amount_mismatch'],
      [{ currency: 'USD' }, 'currency_mismatch'],
    ])('refuses a payment with %o: %s', async (change, code) => {
      const { service, authentication } = await approved();
      await expect(
        service.use(MERCHANT.id, authentication.transactionId, payment(change)),
      ).rejects.toMatchObject({
        code,
      });
      // Nothing was taken by the refused payment.
      await expect(service.use(MERCHANT.id, authentication.transactionId, payment())).resolves.toBeDefined();
    });

    it('refuses another merchant, an expired or failed authentication, and gives one back on release', async () => {
      const { service, authentication, clock } = await approved();
      await expect(service.use('OTHER', authentication.transactionId, payment())).rejects.toMatchObject({
        code: 'not_found',
      });
      await service.use(MERCHANT.id, authentication.transactionId, payment());
      await service.release(authentication.transactionId, { orderId: 'order-1', transactionId: 'pay-1' });
      await expect(
        service.use(MERCHANT.id, authentication.transactionId, payment({ orderId: 'order-9' })),
      ).resolves.toBeDefined();
      clock.advance(900_000);
      await expect(
        service.use(MERCHANT.id, authentication.transactionId, payment({ orderId: 'order-9' })),
      ).rejects.toMatchObject({ code: 'expired' });

      const declined = engine();
      const failed = await runBrowser(
        declined.service,
        await declined.service.create(request(CARDS.declined)),
      );
      const record = (failed as { record: AuthenticationRecord }).record;
      await expect(
        declined.service.use(MERCHANT.id, record.transactionId, payment({ cardNumber: CARDS.declined })),
      ).rejects.toMatchObject({ code: 'not_successful' });
    });
  });
});
