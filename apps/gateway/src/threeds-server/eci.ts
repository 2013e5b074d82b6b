import type { Brand } from '@hosted-session/card';
import type { FinalTransStatus } from './three-ds-server.ts';

/**
 * The Electronic Commerce Indicator an issuer returns, by scheme: Mastercard (and Maestro) 02 authenticated,
 * 01 attempted, 00 not authenticated; Visa, American Express, JCB, Diners and the others 05, 06, 07.
 * Rejected authentications carry none.
 */
export function eciOf(brand: Brand | 'UNKNOWN', transStatus: FinalTransStatus): string | undefined {
  if (transStatus === 'R') return undefined;
  const mastercard = brand === 'MASTERCARD' || brand === 'MAESTRO';
  if (transStatus === 'Y') return mastercard ? '02' : '05';
  if (transStatus === 'A') return mastercard ? '01' : '06';
  return mastercard ? '00' : '07';
}
