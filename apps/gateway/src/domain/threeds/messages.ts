import { createHash } from 'node:crypto';
import * as z from 'zod';

/**
 * The EMV 3DS browser messages that pass through the cardholder's browser as base64url JSON: the 3DS Method
 * data, the CReq that opens a challenge and the CRes that ends one, and 3-D Secure 1's PAReq and PARes. They
 * carry ids only, never card data; whoever receives one looks the authentication up and trusts nothing else
 * in it.
 */
const uuid = z.uuid();

const MethodData = z.object({
  threeDSServerTransID: uuid,
  threeDSMethodNotificationURL: z.string().max(2048).optional(),
});
const ChallengeRequest = z.object({ threeDSServerTransID: uuid, acsTransID: uuid });
const ChallengeResponse = z.object({ threeDSServerTransID: uuid, acsTransID: uuid });
/** 3-D Secure 1's PAReq and PARes, in the same form: the ids only. The result is read from the engine. */
const PayerAuthenticationRequest = z.object({ messageType: z.literal('PAReq'), threeDSServerTransID: uuid });
const PayerAuthenticationResponse = z.object({
  messageType: z.literal('PARes'),
  threeDSServerTransID: uuid,
  acsTransID: uuid.optional(),
});

export function encodeMethodData(transactionId: string, notificationUrl: string): string {
  return encode({ threeDSServerTransID: transactionId, threeDSMethodNotificationURL: notificationUrl });
}

export function encodeChallengeRequest(
  ids: { transactionId: string; acsTransactionId: string },
  messageVersion: string,
): string {
  return encode({
    threeDSServerTransID: ids.transactionId,
    acsTransID: ids.acsTransactionId,
    messageType: 'CReq',
    messageVersion,
    // 05: full screen, the interceptor's whole page or frame.
    challengeWindowSize: '05',
  });
}

export function encodeChallengeResponse(
  ids: { transactionId: string; acsTransactionId: string },
  messageVersion: string,
  transStatus: string,
): string {
  return encode({
    threeDSServerTransID: ids.transactionId,
    acsTransID: ids.acsTransactionId,
    messageType: 'CRes',
    messageVersion,
    transStatus,
  });
}

/** 3-D Secure 1's XID, 20 bytes in base64: derived from the 3DS Server Transaction ID, so it needs no storing. */
export function threeDS1Xid(transactionId: string): string {
  return createHash('sha1').update(transactionId).digest('base64');
}

export function encodePayerAuthenticationRequest(transactionId: string): string {
  return encode({ messageType: 'PAReq', version: '1.0.2', threeDSServerTransID: transactionId });
}

export function encodePayerAuthenticationResponse(ids: {
  transactionId: string;
  acsTransactionId?: string;
}): string {
  return encode({
    messageType: 'PARes',
    version: '1.0.2',
    threeDSServerTransID: ids.transactionId,
    ...(ids.acsTransactionId ? { acsTransID: ids.acsTransactionId } : {}),
  });
}

export function decodePayerAuthenticationRequest(
  value: unknown,
): z.infer<typeof PayerAuthenticationRequest> | undefined {
  return decode(PayerAuthenticationRequest, value);
}

export function decodePayerAuthenticationResponse(
  value: unknown,
): z.infer<typeof PayerAuthenticationResponse> | undefined {
  return decode(PayerAuthenticationResponse, value);
}

export function decodeMethodData(value: unknown): z.infer<typeof MethodData> | undefined {
  return decode(MethodData, value);
}

export function decodeChallengeRequest(value: unknown): z.infer<typeof ChallengeRequest> | undefined {
  return decode(ChallengeRequest, value);
}

export function decodeChallengeResponse(value: unknown): z.infer<typeof ChallengeResponse> | undefined {
  return decode(ChallengeResponse, value);
}

function encode(message: object): string {
  return Buffer.from(JSON.stringify(message)).toString('base64url');
}

function decode<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  if (typeof value !== 'string' || value.length > 4096 || !/^[A-Za-z0-9_-]*={0,2}$/.test(value))
    return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
