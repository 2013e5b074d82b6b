import { randomInt } from 'node:crypto';
import type {
  CardPaymentRequest,
  FollowUpRequest,
  Processor,
  ProcessorCard,
  ProcessorResponse,
  VerifyRequest,
  VoidRequest,
} from './processor.ts';
import { simulatedCscResult, simulatedOutcome } from './simulator-outcomes.ts';

/** Random decimal digits; injectable so tests can pin codes and receipts. */
export type DigitSource = (count: number) => string;

const randomDigits: DigitSource = (count) =>
  Array.from({ length: count }, () => String(randomInt(10))).join('');

const AUTHORIZATION_CODE_DIGITS = 6;
const RECEIPT_DIGITS = 12;

/**
 * The acquirer of development and tests, following Mastercard's test-card convention (see
 * simulator-outcomes.ts). Follow-ups (capture, refund, void) always succeed: the convention has no card to
 * pick their outcome from.
 */
export class SimulatorProcessor implements Processor {
  constructor(private readonly digits: DigitSource = randomDigits) {}

  authorize(request: CardPaymentRequest): Promise<ProcessorResponse> {
    return Promise.resolve(this.withCard(request.card));
  }

  pay(request: CardPaymentRequest): Promise<ProcessorResponse> {
    return Promise.resolve(this.withCard(request.card));
  }

  verify(request: VerifyRequest): Promise<ProcessorResponse> {
    return Promise.resolve(this.withCard(request.card));
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

  private withCard(card: ProcessorCard): ProcessorResponse {
    const outcome = simulatedOutcome(card.expiry);
    const csc = outcome.issuerAnswered ? simulatedCscResult(card.securityCode) : undefined;
    return {
      gatewayCode: outcome.gatewayCode,
      acquirerCode: outcome.acquirerCode,
      ...(outcome.gatewayCode === 'APPROVED'
        ? { authorizationCode: this.digits(AUTHORIZATION_CODE_DIGITS) }
        : {}),
      receipt: this.digits(RECEIPT_DIGITS),
      ...(csc ? { cardSecurityCode: { gatewayCode: csc.gatewayCode, acquirerCode: csc.acquirerCode } } : {}),
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
