import type { BinRange } from './bin-table.ts';

/**
 * A sample BIN table, enough for the sandbox: every public test card, and what each major brand's ranges say
 * about funding where the brand itself decides it. It is not a real issuer table: issuers here are named
 * only for the test cards, and the funding of mixed ranges is UNKNOWN. A live gateway loads its acquirer's or
 * a BIN data provider's table from `BIN_TABLE_FILE` instead (same rows as JSON; see the README).
 */
export const SAMPLE_BIN_RANGES: readonly BinRange[] = [
  // Maestro and Visa Electron are debit brands; Diners Club and UATP issue charge cards.
  { bin: '50', fundingMethod: 'DEBIT' },
  { bin: '56-58', fundingMethod: 'DEBIT' },
  { bin: '6304', fundingMethod: 'DEBIT' },
  { bin: '6759', fundingMethod: 'DEBIT' },
  { bin: '4026', fundingMethod: 'DEBIT' },
  { bin: '417500', fundingMethod: 'DEBIT' },
  { bin: '4508', fundingMethod: 'DEBIT' },
  { bin: '4844', fundingMethod: 'DEBIT' },
  { bin: '4913', fundingMethod: 'DEBIT' },
  { bin: '4917', fundingMethod: 'DEBIT' },
  { bin: '36', fundingMethod: 'CHARGE' },
  { bin: '300-305', fundingMethod: 'CHARGE' },
  { bin: '3095', fundingMethod: 'CHARGE' },
  { bin: '38-39', fundingMethod: 'CHARGE' },
  { bin: '1', fundingMethod: 'CHARGE' },
  // The public test cards, one issuer each, so every funding method can be tried in the sandbox.
  { bin: '512345', fundingMethod: 'DEBIT', issuer: 'Sandbox Bank Debit' },
  { bin: '222300', fundingMethod: 'CREDIT', issuer: 'Sandbox Bank Credit' },
  { bin: '511111', fundingMethod: 'CREDIT', issuer: 'Sandbox Bank Credit' },
  { bin: '550000', fundingMethod: 'CREDIT', issuer: 'Sandbox Bank Credit' },
  { bin: '550690', fundingMethod: 'CREDIT', issuer: 'Sandbox Bank Credit' },
  { bin: '450875', fundingMethod: 'DEBIT', issuer: 'Sandbox Bank Debit' },
  // Co-badged with a local brand, so the sandbox can try `updateSessionFromForm('card', 'CARTES_BANCAIRES')`.
  {
    bin: '401200',
    fundingMethod: 'CREDIT',
    issuer: 'Sandbox Bank Credit',
    localBrands: ['CARTES_BANCAIRES'],
  },
  { bin: '371881', fundingMethod: 'CHARGE', issuer: 'Sandbox Charge Card Company' },
  { bin: '301234', fundingMethod: 'CHARGE', issuer: 'Sandbox Charge Card Company' },
  { bin: '362596', fundingMethod: 'CHARGE', issuer: 'Sandbox Charge Card Company' },
  { bin: '352800', fundingMethod: 'CREDIT', issuer: 'Sandbox Bank Credit' },
  { bin: '601100', fundingMethod: 'CREDIT', issuer: 'Sandbox Bank Credit' },
  { bin: '500000', fundingMethod: 'DEBIT', issuer: 'Sandbox Bank Debit' },
  { bin: '135492', fundingMethod: 'CHARGE', issuer: 'Sandbox Air Travel Card' },
];
