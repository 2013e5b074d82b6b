import type { CreateSessionResponse, SessionResponse } from '@hosted-session/rest';
import type { SessionRecord } from '../store/store.ts';

export function createSessionResponse(record: SessionRecord, correlationId?: string): CreateSessionResponse {
  const { lineOfBusiness } = record.content;
  return {
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(typeof lineOfBusiness === 'string' ? { lineOfBusiness } : {}),
    merchant: record.merchantId,
    result: 'SUCCESS',
    session: {
      aes256Key: record.aes256Key,
      authenticationLimit: record.authenticationLimit,
      id: record.id,
      updateStatus: record.updateStatus,
      version: record.version,
    },
  };
}

/** Update and Retrieve: the stored fields (card already masked in the record) plus the session's identity. */
export function sessionResponse(record: SessionRecord, correlationId?: string): SessionResponse {
  return {
    ...(correlationId === undefined ? {} : { correlationId }),
    ...record.content,
    merchant: record.merchantId,
    session: {
      id: record.id,
      authenticationLimit: record.authenticationLimit,
      updateStatus: record.updateStatus,
      version: record.version,
    },
  };
}
