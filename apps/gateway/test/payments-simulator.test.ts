import { describe, expect, it } from 'vitest';
import {
  GATEWAY_CODES,
  RESULT_OF_GATEWAY_CODE,
  SIMULATOR_CSC_RESULTS,
  SIMULATOR_OUTCOMES,
  SimulatorProcessor,
  type ProcessorCard,
} from '../src/processor/index.ts';

const MASTERCARD = '5123450000000008';
const VISA = '4508750015741019';
const AMEX = '371881634498004';

const ids = { merchantId: 'TESTMERCHANT', orderId: 'order-1', transactionId: 'txn-1' };

function card(number: string, month: string, year: string, securityCode?: string): ProcessorCard {
  return { number, expiry: { month, year }, ...(securityCode ? { securityCode } : {}) };
}

function pay(processor: SimulatorProcessor, c: ProcessorCard) {
  return processor.pay({ ...ids, amount: 100n, currency: 'USD', sourceOfFunds: { type: 'CARD', card: c } });
}

describe('SimulatorProcessor: the expiry picks the outcome', () => {
  const processor = new SimulatorProcessor();

  // The documented Mastercard test convention, written out here rather than read from the exported table,
  // so a wrong table fails this test.
  it.each([
    ['1', '39', 'APPROVED', '00', 'SUCCESS'],
    ['5', '39', 'DECLINED', '05', 'FAILURE'],
    ['4', '27', 'EXPIRED_CARD', '54', 'FAILURE'],
    ['8', '28', 'TIMED_OUT', '91', 'FAILURE'],
    ['1', '37', 'ACQUIRER_SYSTEM_ERROR', '96', 'FAILURE'],
    ['2', '37', 'UNSPECIFIED_FAILURE', '06', 'FAILURE'],
    ['5', '37', 'UNKNOWN', '68', 'UNKNOWN'],
  ])('%s/%s → %s (acquirer %s, result %s)', async (month, year, gatewayCode, acquirerCode, result) => {
    const response = await pay(processor, card(MASTERCARD, month, year));
    expect(response.gatewayCode).toBe(gatewayCode);
    expect(response.acquirerCode).toBe(acquirerCode);
    expect(RESULT_OF_GATEWAY_CODE[response.gatewayCode]).toBe(result);
    expect(response.receipt).toMatch(/^\d{12}$/);
    if (gatewayCode === 'APPROVED') expect(response.authorizationCode).toMatch(/^\d{6}$/);
    else expect(response).not.toHaveProperty('authorizationCode');
  });

  it('exports exactly the documented table, with each row’s result', () => {
    expect(SIMULATOR_OUTCOMES.map((r) => [r.expiry, r.gatewayCode, r.result])).toEqual([
      ['01/39', 'APPROVED', 'SUCCESS'],
      ['05/39', 'DECLINED', 'FAILURE'],
      ['04/27', 'EXPIRED_CARD', 'FAILURE'],
      ['08/28', 'TIMED_OUT', 'FAILURE'],
      ['01/37', 'ACQUIRER_SYSTEM_ERROR', 'FAILURE'],
      ['02/37', 'UNSPECIFIED_FAILURE', 'FAILURE'],
      ['05/37', 'UNKNOWN', 'UNKNOWN'],
    ]);
  });

  it('exports its tables frozen, so a docs generator cannot change what the simulator does', () => {
    expect(Object.isFrozen(SIMULATOR_OUTCOMES)).toBe(true);
    expect(SIMULATOR_OUTCOMES.every((row) => Object.isFrozen(row))).toBe(true);
    expect(Object.isFrozen(SIMULATOR_CSC_RESULTS)).toBe(true);
    expect(SIMULATOR_CSC_RESULTS.map((r) => [r.securityCode, r.gatewayCode])).toEqual([
      ['100', 'MATCH'],
      ['101', 'NOT_PROCESSED'],
      ['102', 'NO_MATCH'],
      ['1000', 'MATCH'],
      ['1010', 'NOT_PROCESSED'],
      ['1020', 'NO_MATCH'],
    ]);
  });

  it('reads the expiry in every form the gateway carries (1/39, 01/39, 05/2039)', async () => {
    expect((await pay(processor, card(MASTERCARD, '01', '39'))).gatewayCode).toBe('APPROVED');
    expect((await pay(processor, card(MASTERCARD, '05', '2039'))).gatewayCode).toBe('DECLINED');
    expect((await pay(processor, card(MASTERCARD, '8', '2028'))).gatewayCode).toBe('TIMED_OUT');
  });

  it('approves any expiry outside the table', async () => {
    for (const [month, year] of [
      ['12', '30'],
      ['6', '39'],
      ['1', '38'],
      ['5', '36'],
    ] as const) {
      expect((await pay(processor, card(VISA, month, year))).gatewayCode).toBe('APPROVED');
    }
  });

  it('applies the same convention to AUTHORIZE and VERIFY, for every test card', async () => {
    const numbers = [
      MASTERCARD,
      '2223000000000007',
      '5111111111111118',
      VISA,
      '4012000033330026',
      AMEX,
      '30123400000000',
      '36259600000012',
      '3528000000000007',
      '6011003179988686',
      '5000000000000000005',
      '135492354874528',
    ];
    for (const number of numbers) {
      const declined = card(number, '5', '39');
      expect(
        (
          await processor.authorize({
            ...ids,
            amount: 1n,
            currency: 'EUR',
            sourceOfFunds: { type: 'CARD', card: declined },
          })
        ).gatewayCode,
      ).toBe('DECLINED');
      expect(
        (
          await processor.verify({
            ...ids,
            currency: 'EUR',
            sourceOfFunds: { type: 'CARD', card: card(number, '1', '39') },
          })
        ).gatewayCode,
      ).toBe('APPROVED');
    }
  });
});

describe('SimulatorProcessor: the CSC picks the CSC result', () => {
  const processor = new SimulatorProcessor();

  it.each([
    [MASTERCARD, '100', 'MATCH', 'M'],
    [MASTERCARD, '101', 'NOT_PROCESSED', 'P'],
    [MASTERCARD, '102', 'NO_MATCH', 'N'],
    [VISA, '102', 'NO_MATCH', 'N'],
    [AMEX, '1000', 'MATCH', 'Y'],
    [AMEX, '1010', 'NOT_PROCESSED', 'U'],
    [AMEX, '1020', 'NO_MATCH', 'N'],
    [MASTERCARD, '123', 'MATCH', 'M'],
    [AMEX, '4321', 'MATCH', 'M'],
  ])('%s with CSC %s → %s (%s)', async (number, csc, gatewayCode, acquirerCode) => {
    const response = await pay(processor, card(number, '1', '39', csc));
    expect(response.cardSecurityCode).toEqual({ gatewayCode, acquirerCode });
  });

  it('reports no CSC result when no CSC was given (e.g. UATP)', async () => {
    const response = await pay(processor, card('135492354874528', '1', '39'));
    expect(response.gatewayCode).toBe('APPROVED');
    expect(response).not.toHaveProperty('cardSecurityCode');
  });

  it('reports the CSC result on an issuer decline, since the issuer did check it', async () => {
    const response = await pay(processor, card(MASTERCARD, '5', '39', '102'));
    expect(response.gatewayCode).toBe('DECLINED');
    expect(response.cardSecurityCode?.gatewayCode).toBe('NO_MATCH');
  });

  it.each([
    ['8', '28'],
    ['1', '37'],
    ['2', '37'],
    ['5', '37'],
  ])('reports no CSC result when the issuer never answered (%s/%s)', async (month, year) => {
    const response = await pay(processor, card(MASTERCARD, month, year, '100'));
    expect(response).not.toHaveProperty('cardSecurityCode');
  });
});

describe('SimulatorProcessor: follow-ups and responses', () => {
  it('approves capture, refund and void, carrying the target’s approval code with a fresh receipt', async () => {
    let n = 0;
    const processor = new SimulatorProcessor((count) => String(++n % 10).repeat(count));
    const target = { transactionId: 'auth-1', receipt: '111111111111', authorizationCode: '654321' };
    const request = { ...ids, amount: 50n, currency: 'USD' as const, target };
    const capture = await processor.capture(request);
    const refund = await processor.refund(request);
    const voided = await processor.voidTransaction({ ...request, targetType: 'AUTHORIZATION' });
    for (const response of [capture, refund, voided]) {
      expect(response.gatewayCode).toBe('APPROVED');
      expect(response.acquirerCode).toBe('00');
      expect(response.authorizationCode).toBe('654321');
      expect(response.receipt).toMatch(/^\d{12}$/);
    }
    expect(new Set([capture.receipt, refund.receipt, voided.receipt]).size).toBe(3);
  });

  it('uses the injected digit source for approval codes and receipts', async () => {
    const processor = new SimulatorProcessor((count) => '7'.repeat(count));
    const response = await pay(processor, card(MASTERCARD, '1', '39', '100'));
    expect(response).toEqual({
      gatewayCode: 'APPROVED',
      acquirerCode: '00',
      authorizationCode: '777777',
      receipt: '777777777777',
      cardSecurityCode: { gatewayCode: 'MATCH', acquirerCode: 'M' },
    });
  });

  it('returns nothing of the card: no number, no digits of it beyond what codes hold, no CSC, no expiry', async () => {
    const processor = new SimulatorProcessor((count) => '9'.repeat(count));
    const c = { ...card(MASTERCARD, '1', '39', '100'), nameOnCard: 'Jane Payer' };
    const text = JSON.stringify(await pay(processor, c));
    for (const secret of [MASTERCARD, '512345', '0008', '100', 'Jane', '39'])
      expect(text).not.toContain(secret);
  });

  it('gives a random 6-digit approval code and 12-digit receipt by default, different each time', async () => {
    const processor = new SimulatorProcessor();
    const receipts = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const response = await pay(processor, card(VISA, '1', '39'));
      expect(response.authorizationCode).toMatch(/^\d{6}$/);
      receipts.add(response.receipt);
    }
    expect(receipts.size).toBeGreaterThan(15);
  });
});

describe('result of each gateway code', () => {
  it('only APPROVED (and ACH’s APPROVED_PENDING_SETTLEMENT) is a SUCCESS; UNKNOWN stays UNKNOWN; SUBMITTED is PENDING; the rest FAIL', () => {
    for (const code of GATEWAY_CODES) {
      const expected =
        code === 'APPROVED' || code === 'APPROVED_PENDING_SETTLEMENT'
          ? 'SUCCESS'
          : code === 'UNKNOWN'
            ? 'UNKNOWN'
            : code === 'SUBMITTED'
              ? 'PENDING'
              : 'FAILURE';
      expect([code, RESULT_OF_GATEWAY_CODE[code]]).toEqual([code, expected]);
    }
  });
});
