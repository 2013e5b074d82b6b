import { checkBankAccountHolder, checkRoutingNumber, maskTail } from '@hosted-session/card';
import type { AchInput } from '@hosted-session/rest';
import type { SessionContent } from '../store/store.ts';
import { FieldError } from './errors.ts';

const ACH = 'sourceOfFunds.provided.ach';

/** The clear bank account a payment takes from a session. */
export interface ClearBankAccount {
  accountType: NonNullable<AchInput['accountType']>;
  bankAccountHolder?: string;
  bankAccountNumber: string;
  routingNumber: string;
  secCode: NonNullable<AchInput['secCode']>;
}

/**
 * Checks the account fields given on the server (the trust anchor): the routing number's ABA checksum, and a
 * holder name that could not carry a card number. Throws a FieldError naming the first bad field.
 */
export function validateBankAccount(ach: AchInput): void {
  if (ach.routingNumber !== undefined && !checkRoutingNumber(ach.routingNumber).isValid) {
    throw new FieldError(`${ACH}.routingNumber`, 'INVALID');
  }
  if (ach.bankAccountHolder !== undefined && !checkBankAccountHolder(ach.bankAccountHolder).isValid) {
    throw new FieldError(`${ACH}.bankAccountHolder`, 'INVALID');
  }
}

/** What the session shows of an account: the number's last digits; type, holder, routing number and entry class as given. */
export function maskBankAccount(ach: AchInput): SessionContent {
  const { bankAccountNumber, ...shown } = ach;
  return {
    ...shown,
    ...(bankAccountNumber === undefined ? {} : { bankAccountNumber: maskTail(bankAccountNumber) }),
  };
}

/** The fields an account must end up with, from this update or the session, for an ACH debit. */
export function requireBankAccount(masked: Partial<Record<keyof AchInput, unknown>> | undefined): void {
  for (const field of ['accountType', 'bankAccountNumber', 'routingNumber'] as const) {
    if (masked?.[field] === undefined) throw new FieldError(`${ACH}.${field}`, 'MISSING');
  }
}
