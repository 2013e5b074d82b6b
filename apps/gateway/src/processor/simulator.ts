import { randomInt } from 'node:crypto';
import type {
  FollowUpRequest,
  PaymentRequest,
  Processor,
  ProcessorFunds,
  ProcessorResponse,
  VerifyRequest,
  VoidRequest,
} from './processor.ts';
import {
  SIMULATOR_ACH_APPROVAL,
  SIMULATOR_DEFAULT_OUTCOME,
  simulatedAccountOutcome,
  simulatedCscResult,
  simulatedOutcome,
  type SimulatedOutcome,
} from './simulator-outcomes.ts';

/** Random decimal digits; injectable so tests can pin codes and receipts. */
export type DigitSource = (count: number) => string;

const randomDigits: DigitSource = (count) =>
  Array.from({ length: count }, () => String(randomInt(10))).join('');

const AUTHORIZATION_CODE_DIGITS = 6;
const RECEIPT_DIGITS = 12;

/**
 * The acquirer of development and tests, following Mastercard's test-card convention (see
 * simulator-outcomes.ts): a card's expiry picks the outcome, a gift card's or bank account's last two digits
 * do. Follow-ups (capture, refund, void) always succeed: the convention has nothing to pick their outcome from.
 */
export class SimulatorProcessor implements Processor {
  constructor(private readonly digits: DigitSource = randomDigits) {}

  authorize(request: PaymentRequest): Promise<ProcessorResponse> {
    return Promise.resolve(this.withFunds(request.sourceOfFunds));
  }

  pay(request: PaymentRequest): Promise<ProcessorResponse> {
    return Promise.resolve(this.withFunds(request.sourceOfFunds));
  }

  verify(request: VerifyRequest): Promise<ProcessorResponse> {
    return Promise.resolve(this.withFunds(request.sourceOfFunds));
  }

  capture(request: FollowUpRequest): Promise<ProcessorResponse> {
    return Promise.resolve(this.followUp(request));
  }

  refund(request: FollowUpRequest): Promise<ProcessorResponse> {
    return Promise.resolve(this.followUp(request));
  }

  voidTransaction(request: VoidRequest): Promise<ProcessorResponse> {
    return Promise.resolve(this.followUp(request));
  }

  private withFunds(funds: ProcessorFunds): ProcessorResponse {
    switch (funds.type) {
      case 'CARD': {
        const outcome = simulatedOutcome(funds.card.expiry);
        const csc = outcome.issuerAnswered ? simulatedCscResult(funds.card.securityCode) : undefined;
        return {
          ...this.answer(outcome),
          ...(csc
            ? { cardSecurityCode: { gatewayCode: csc.gatewayCode, acquirerCode: csc.acquirerCode } }
            : {}),
        };
      }
      case 'GIFT_CARD':
        return this.answer(simulatedAccountOutcome(funds.giftCard.number, SIMULATOR_DEFAULT_OUTCOME));
      case 'ACH':
        return this.answer(simulatedAccountOutcome(funds.ach.bankAccountNumber, SIMULATOR_ACH_APPROVAL));
    }
  }

  private answer(outcome: SimulatedOutcome): ProcessorResponse {
    return {
      gatewayCode: outcome.gatewayCode,
      acquirerCode: outcome.acquirerCode,
      ...(outcome.result === 'SUCCESS' ? { authorizationCode: this.digits(AUTHORIZATION_CODE_DIGITS) } : {}),
      receipt: this.digits(RECEIPT_DIGITS),
    };
  }

  // A follow-up carries the approval code of the transaction it acts on, as acquirers match them by it.
  private followUp(request: FollowUpRequest): ProcessorResponse {
    const { authorizationCode } = request.target;
    return {
      gatewayCode: 'APPROVED',
      acquirerCode: '00',
      ...(authorizationCode ? { authorizationCode } : {}),
      receipt: this.digits(RECEIPT_DIGITS),
    };
  }
}
