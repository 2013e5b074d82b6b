import type { TransactionCard } from '../domain/orders/index.ts';
import type { TokenRecord } from '../store/store.ts';

export interface TokenResponse {
  result: 'SUCCESS';
  status: 'VALID';
  token: string;
  sourceOfFunds: {
    provided: { card: Omit<TransactionCard, 'expiry'> & { expiry: string } };
    type: 'CARD';
  };
  verificationStrategy: 'NONE';
}

/** Mastercard's token body: the card masked, its expiry as MMYY ('0139'). */
export function tokenResponse(record: TokenRecord): TokenResponse {
  const { expiry, ...card } = record.card;
  return {
    result: 'SUCCESS',
    status: 'VALID',
    token: record.token,
    sourceOfFunds: {
      provided: { card: { ...card, expiry: `${expiry.month.padStart(2, '0')}${expiry.year}` } },
      type: 'CARD',
    },
    verificationStrategy: 'NONE',
  };
}
