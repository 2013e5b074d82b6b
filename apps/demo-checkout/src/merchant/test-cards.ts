/**
 * The simulator's public test cards and outcomes, for the sandbox panel beside the checkout. These numbers
 * are published test data, not card data; a real shop would not show this panel.
 */
export interface TestCard {
  brand: string;
  /** The id of the brand's icon in brands.svg. */
  icon: string;
  number: string;
  /** The number grouped for reading, as printed on the card. */
  display: string;
}

const CARDS: Array<Omit<TestCard, 'display'>> = [
  { brand: 'Mastercard', icon: 'mastercard', number: '5123450000000008' },
  { brand: 'Mastercard', icon: 'mastercard', number: '2223000000000007' },
  { brand: 'Visa', icon: 'visa', number: '4508750015741019' },
  { brand: 'American Express', icon: 'amex', number: '371881634498004' },
  { brand: 'Diners Club', icon: 'diners', number: '30123400000000' },
  { brand: 'JCB', icon: 'jcb', number: '3528000000000007' },
  { brand: 'Discover', icon: 'discover', number: '6011003179988686' },
  { brand: 'Maestro', icon: 'maestro', number: '5000000000000000005' },
  { brand: 'UATP', icon: 'uatp', number: '135492354874528' },
];

export const EXPIRY_OUTCOMES: Array<{ expiry: string; outcome: string }> = [
  { expiry: '01/39', outcome: 'APPROVED' },
  { expiry: '05/39', outcome: 'DECLINED' },
  { expiry: '04/27', outcome: 'EXPIRED_CARD' },
  { expiry: '08/28', outcome: 'TIMED_OUT' },
  { expiry: '01/37', outcome: 'ACQUIRER_SYSTEM_ERROR' },
  { expiry: '02/37', outcome: 'UNSPECIFIED_FAILURE' },
  { expiry: '05/37', outcome: 'UNKNOWN' },
];

/** American Express has four-digit codes of its own; UATP cards have none. */
export const CSC_OUTCOMES: Array<{ securityCode: string; amex: string; outcome: string }> = [
  { securityCode: '100', amex: '1000', outcome: 'MATCH' },
  { securityCode: '101', amex: '1010', outcome: 'NOT_PROCESSED' },
  { securityCode: '102', amex: '1020', outcome: 'NO_MATCH' },
];

/**
 * The gateway's 3-D Secure test cards: the card decides what the payer's bank does (any expiry, any CSC).
 * Every other card is outside 3-D Secure and pays straight away.
 */
export const THREEDS_OUTCOMES: Array<{ number: string; outcome: string }> = [
  { number: '5123450000000008', outcome: 'Code from your bank: 1234' },
  { number: '371881634498004', outcome: 'Code from your bank: 1234' },
  { number: '5123456789012346', outcome: 'Verified, no code' },
  { number: '4508750015741019', outcome: 'Verified, no code' },
  { number: '5500005555555559', outcome: 'Attempted' },
  { number: '5111111111111118', outcome: 'Not verified' },
  { number: '5506900140100503', outcome: 'Rejected' },
  { number: '5123459999998221', outcome: 'Bank unavailable' },
  { number: '4012000033330026', outcome: 'Bank never answers' },
];

/** 4-4-4-4, and 4-6-rest for Amex and Diners. */
function groupNumber(number: string): string {
  if (/^3[0-9]/.test(number) && number.length < 16)
    return number.replace(/^(\d{4})(\d{6})(\d+)$/, '$1 $2 $3');
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export const TEST_CARDS: TestCard[] = CARDS.map((card) => ({ ...card, display: groupNumber(card.number) }));

export { groupNumber };
