import {
  encodePayerAuthenticationRequest,
  isFinal,
  threeDS1Xid,
  type AuthenticationRecord,
} from '../../../domain/threeds/index.ts';
import { escapeHtml } from '../../threeds/content.ts';

/** What the 3-D Secure 1 face keeps with its authentications (`face`). */
export interface ThreeDS1Face {
  kind: 'mastercard-3ds1';
  /** Where the ACS posts the PaRes: the merchant's page that then calls PROCESS_ACS_RESULT. */
  responseUrl: string;
  pageGenerationMode: 'SIMPLE' | 'CUSTOMIZED';
}

/** Mastercard's `3DSecure.summaryStatus`, and `response.3DSecure.gatewayCode` with it. */
export type ThreeDS1Status =
  | 'CARD_ENROLLED'
  | 'CARD_NOT_ENROLLED'
  | 'AUTHENTICATION_SUCCESSFUL'
  | 'AUTHENTICATION_ATTEMPTED'
  | 'AUTHENTICATION_FAILED'
  | 'AUTHENTICATION_NOT_AVAILABLE';

export interface ThreeDSecureIdBody {
  correlationId?: string;
  '3DSecure': {
    summaryStatus: ThreeDS1Status;
    veResEnrolled: 'Y' | 'N';
    xid?: string;
    paResStatus?: string;
    acsEci?: string;
    authenticationToken?: string;
    authenticationRedirect?:
      { simple: { htmlBodyContent: string } } | { customized: { acsUrl: string; paReq: string } };
  };
  '3DSecureId': string;
  merchant: string;
  response: { '3DSecure': { gatewayCode: ThreeDS1Status } };
}

export function threeDS1Face(record: AuthenticationRecord): ThreeDS1Face | undefined {
  return record.face.kind === 'mastercard-3ds1' ? (record.face as unknown as ThreeDS1Face) : undefined;
}

/** How a 3-D Secure 1 authentication's state reads in Mastercard's words. */
export function threeDS1Status(record: AuthenticationRecord): ThreeDS1Status {
  switch (record.status) {
    case 'pending':
    case 'processing':
    case 'challenged':
      return 'CARD_ENROLLED';
    case 'approved':
      return 'AUTHENTICATION_SUCCESSFUL';
    case 'attempted':
      return 'AUTHENTICATION_ATTEMPTED';
    case 'declined':
    case 'rejected':
    case 'challenge_abandoned':
      return 'AUTHENTICATION_FAILED';
    case 'unavailable':
      return record.result?.reason === 'card_not_enrolled'
        ? 'CARD_NOT_ENROLLED'
        : 'AUTHENTICATION_NOT_AVAILABLE';
    case 'expired':
      return 'AUTHENTICATION_NOT_AVAILABLE';
  }
}

/**
 * A 3DSecureId as CHECK_3DS_ENROLLMENT, PROCESS_ACS_RESULT and its retrieval show it: enrolment, and, while the
 * payer has yet to see the issuer, the ACS redirect (a form that posts the PaReq, or its parts); then the
 * issuer's result. Codes and ids only: the PaReq names the authentication and holds no card data.
 */
export function threeDSecureIdBody(
  record: AuthenticationRecord,
  context: { acsUrl: string; correlationId?: string },
): ThreeDSecureIdBody {
  const status = threeDS1Status(record);
  const enrolled = status !== 'CARD_NOT_ENROLLED';
  const result = isFinal(record.status) ? record.result : undefined;
  const face = threeDS1Face(record);
  const redirect =
    enrolled && !isFinal(record.status) && face ? acsRedirect(face, record, context.acsUrl) : undefined;
  return {
    ...(context.correlationId === undefined ? {} : { correlationId: context.correlationId }),
    '3DSecure': {
      summaryStatus: status,
      veResEnrolled: enrolled ? 'Y' : 'N',
      ...(enrolled ? { xid: threeDS1Xid(record.transactionId) } : {}),
      ...(result?.transStatus ? { paResStatus: result.transStatus } : {}),
      ...(result?.eci ? { acsEci: result.eci } : {}),
      ...(result?.authenticationValue ? { authenticationToken: result.authenticationValue } : {}),
      ...(redirect ? { authenticationRedirect: redirect } : {}),
    },
    '3DSecureId': record.threeDSecureId!,
    merchant: record.merchantId,
    response: { '3DSecure': { gatewayCode: status } },
  };
}

/**
 * The redirect to the issuer's ACS: SIMPLE, the body of a page whose form posts the PaReq, the merchant's
 * TermUrl and MD (the 3DSecureId) and submits itself; CUSTOMIZED, the ACS URL and the PaReq for the merchant's
 * own form.
 */
function acsRedirect(
  face: ThreeDS1Face,
  record: AuthenticationRecord,
  acsUrl: string,
): NonNullable<ThreeDSecureIdBody['3DSecure']['authenticationRedirect']> {
  const paReq = encodePayerAuthenticationRequest(record.transactionId);
  if (face.pageGenerationMode === 'CUSTOMIZED') return { customized: { acsUrl, paReq } };
  const field = (name: string, value: string) =>
    `<input type="hidden" name="${name}" value="${escapeHtml(value)}" />`;
  const htmlBodyContent =
    `<form name="echoForm" method="POST" action="${escapeHtml(acsUrl)}" accept-charset="UTF-8">` +
    field('PaReq', paReq) +
    field('TermUrl', face.responseUrl) +
    field('MD', record.threeDSecureId ?? '') +
    `<noscript><button type="submit">Continue to your bank</button></noscript></form>` +
    `<script>document.echoForm.submit();</script>`;
  return { simple: { htmlBodyContent } };
}
