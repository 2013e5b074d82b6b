import type { AuthenticationRecord } from '../../domain/threeds/model.ts';

/** The columns of an authentication that SQL conditions read; everything else is in the JSON document. */
type Columns =
  | 'id'
  | 'transactionId'
  | 'merchantId'
  | 'revision'
  | 'status'
  | 'panEnvelope'
  | 'use'
  | 'createdAt'
  | 'expiresAt';

/** The rest of the record as JSON holds it: the amount a decimal string of minor units, exact beyond 2^53. */
export type AuthenticationDocument = Omit<AuthenticationRecord, Columns | 'amount'> & { amount: string };

export function toAuthenticationDocument(record: AuthenticationRecord): AuthenticationDocument {
  const {
    id: _id,
    transactionId: _transactionId,
    merchantId: _merchantId,
    revision: _revision,
    status: _status,
    panEnvelope: _panEnvelope,
    use: _use,
    createdAt: _createdAt,
    expiresAt: _expiresAt,
    amount,
    ...rest
  } = record;
  return { ...rest, amount: amount.toString() };
}

export function fromAuthenticationDocument(
  columns: Pick<AuthenticationRecord, Columns>,
  document: AuthenticationDocument,
): AuthenticationRecord {
  const { use, ...fixed } = columns;
  return { ...document, ...fixed, amount: BigInt(document.amount), ...(use ? { use } : {}) };
}
