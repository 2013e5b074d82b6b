import type { ProtocolVersion } from './three-ds-server.ts';

/** What the simulated issuer does with an authentication request for the card. */
export type SimulatedBehaviour =
  'challenge' | 'frictionless' | 'attempted' | 'declined' | 'rejected' | 'unavailable';

export interface SimulatedCard {
  number: string;
  protocolVersion: ProtocolVersion;
  /** 'answers': the issuer runs a 3DS Method; 'silent': its 3DS Method never reports back; 'none': no method. */
  method: 'answers' | 'silent' | 'none';
  behaviour: SimulatedBehaviour;
  /** Whether the issuer grants exemptions the merchant asks for (Visa and Mastercard only). */
  grantsExemptions: boolean;
}

/**
 * The card ranges of the simulated directory servers. The Mastercard cards are the 3-D Secure emulator cards
 * of Mastercard's test environment; the others are public test cards of the same gateway. Every other card
 * is outside 3-D Secure: an authentication for it is `unavailable` at once.
 */
export const SIMULATED_CARDS: readonly SimulatedCard[] = Object.freeze([
  {
    number: '5123450000000008',
    protocolVersion: '2.2.0',
    method: 'answers',
    behaviour: 'challenge',
    grantsExemptions: false,
  },
  {
    number: '5123456789012346',
    protocolVersion: '2.2.0',
    method: 'answers',
    behaviour: 'frictionless',
    grantsExemptions: true,
  },
  {
    number: '5500005555555559',
    protocolVersion: '2.1.0',
    method: 'none',
    behaviour: 'attempted',
    grantsExemptions: false,
  },
  {
    number: '5506900140100503',
    protocolVersion: '2.2.0',
    method: 'answers',
    behaviour: 'rejected',
    grantsExemptions: false,
  },
  {
    number: '5123459999998221',
    protocolVersion: '2.2.0',
    method: 'answers',
    behaviour: 'unavailable',
    grantsExemptions: false,
  },
  {
    number: '5111111111111118',
    protocolVersion: '2.2.0',
    method: 'answers',
    behaviour: 'declined',
    grantsExemptions: false,
  },
  {
    number: '4508750015741019',
    protocolVersion: '2.2.0',
    method: 'answers',
    behaviour: 'frictionless',
    grantsExemptions: true,
  },
  {
    number: '4012000033330026',
    protocolVersion: '2.2.0',
    method: 'silent',
    behaviour: 'frictionless',
    grantsExemptions: true,
  },
  {
    number: '371881634498004',
    protocolVersion: '2.1.0',
    method: 'none',
    behaviour: 'challenge',
    grantsExemptions: false,
  },
]);

/** The one-time code the simulated issuers accept in a challenge. */
export const SIMULATED_CHALLENGE_CODE = '1234';
/** Wrong codes after which the issuer declines. */
export const SIMULATED_CHALLENGE_ATTEMPTS = 3;

export function simulatedCard(number: string): SimulatedCard | undefined {
  return SIMULATED_CARDS.find((card) => card.number === number);
}
