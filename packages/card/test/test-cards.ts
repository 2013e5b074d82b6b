import type { Brand } from '../src/index.ts';

/** The public test cards (Mastercard Gateway's test card list); the browser tests type them too. */
export const TEST_CARDS: ReadonlyArray<readonly [string, Brand]> = [
  ['5123450000000008', 'MASTERCARD'],
  ['2223000000000007', 'MASTERCARD'],
  ['5111111111111118', 'MASTERCARD'],
  ['5123456789012346', 'MASTERCARD'],
  ['5500005555555559', 'MASTERCARD'],
  ['5506900140100503', 'MASTERCARD'],
  ['5123459999998221', 'MASTERCARD'],
  ['4508750015741019', 'VISA'],
  ['4012000033330026', 'VISA'],
  ['371881634498004', 'AMEX'],
  ['30123400000000', 'DINERS_CLUB'],
  ['36259600000012', 'DINERS_CLUB'],
  ['3528000000000007', 'JCB'],
  ['6011003179988686', 'DISCOVER'],
  ['5000000000000000005', 'MAESTRO'],
  ['135492354874528', 'UATP'],
];
