import {
  ThreeDSecureIdRequest,
  type Check3dsEnrollmentRequest,
  type ProcessAcsResultRequest,
} from '@hosted-session/rest';
import { InvalidRequestError } from '../../../domain/errors.ts';
import { FundsSources } from '../../../domain/funds-source.ts';
import { isReturnUrl } from '../../../domain/merchants.ts';
import { amountAt, currencyAt } from '../../../domain/orders/fields.ts';
import { invalidField } from '../../../domain/orders/index.ts';
import type { SessionScope } from '../../../domain/sessions.ts';
import {
  ThreeDSError,
  decodePayerAuthenticationResponse,
  isFinal,
  type AuthenticationRecord,
} from '../../../domain/threeds/index.ts';
import { parseRequest } from '../../../domain/validation.ts';
import { SIMULATED_ACS_PATHS } from '../../../threeds-server/index.ts';
import type { GatewayContext } from '../../gateway-context.ts';
import { absolute, cardToAuthenticate, objectAt, stringAt, type Caller } from './operations.ts';
import {
  threeDSecureIdBody,
  type ThreeDS1Face,
  type ThreeDSecureIdBody,
} from './three-d-secure-id-response.ts';

const RESPONSE_URL = '3DSecure.authenticationRedirect.responseUrl';

/**
 * Mastercard's 3-D Secure 1 resource (`…/3DSecureId/{id}`) over the one authentication engine: an
 * authentication at protocol version 1.0.2, named by the merchant's 3DSecureId. CHECK_3DS_ENROLLMENT asks the
 * directory and answers the form that takes the payer's browser to the issuer's ACS with the PaReq; the ACS
 * posts the PaRes to the merchant's responseUrl; PROCESS_ACS_RESULT takes it and answers the issuer's result,
 * which a PAY with `3DSecureId` then carries.
 */
export class ThreeDSecureIds {
  private readonly funds: FundsSources;

  constructor(private readonly context: GatewayContext) {
    this.funds = new FundsSources(context.sessions, context.tokens, context.bins, context.now);
  }

  async submit(
    scope: SessionScope,
    threeDSecureId: string,
    body: unknown,
    caller: Caller,
  ): Promise<ThreeDSecureIdBody> {
    const request = parseRequest(ThreeDSecureIdRequest, body);
    return request.apiOperation === 'CHECK_3DS_ENROLLMENT'
      ? this.checkEnrollment(scope, threeDSecureId, request, caller)
      : this.processAcsResult(scope, threeDSecureId, request, caller);
  }

  async retrieve(scope: SessionScope, threeDSecureId: string, caller: Caller): Promise<ThreeDSecureIdBody> {
    const record = await this.existing(scope, threeDSecureId);
    return threeDSecureIdBody(record, { acsUrl: acsUrl(caller) });
  }

  private async checkEnrollment(
    scope: SessionScope,
    threeDSecureId: string,
    request: Check3dsEnrollmentRequest,
    caller: Caller,
  ): Promise<ThreeDSecureIdBody> {
    const authentications = this.context.authentications;
    if (await authentications.byThreeDSecureId(scope.merchant.id, threeDSecureId)) throw alreadyUsed();
    const redirect = request['3DSecure'].authenticationRedirect;
    if (!isReturnUrl(redirect.responseUrl, scope.merchant)) {
      throw invalidField(RESPONSE_URL, "The URL must be on one of the merchant's registered origins.");
    }
    const { card, fields } = await cardToAuthenticate(this.funds, scope, request);
    const order = objectAt(fields, 'order');
    const currency = currencyAt('order.currency', stringAt(order, 'currency'));
    const amount = amountAt('order.amount', order.amount as string | undefined, currency);
    const face: ThreeDS1Face = {
      kind: 'mastercard-3ds1',
      responseUrl: redirect.responseUrl,
      pageGenerationMode: redirect.pageGenerationMode ?? 'SIMPLE',
    };
    let record: AuthenticationRecord;
    try {
      record = await authentications.create({
        merchant: scope.merchant,
        card,
        amount,
        currency,
        challengePreference: 'no_preference',
        purpose: { type: 'regular', category: 'payment', transactionType: 'goods_service' },
        riskData: {},
        face: { ...face },
        threeDSecureId,
      });
    } catch (error) {
      // Two requests raced for one id: the store kept the first.
      if (await authentications.byThreeDSecureId(scope.merchant.id, threeDSecureId)) throw alreadyUsed();
      throw error;
    }
    return threeDSecureIdBody(record, { acsUrl: acsUrl(caller), correlationId: request.correlationId });
  }

  private async processAcsResult(
    scope: SessionScope,
    threeDSecureId: string,
    request: ProcessAcsResultRequest,
    caller: Caller,
  ): Promise<ThreeDSecureIdBody> {
    const record = await this.existing(scope, threeDSecureId);
    const paRes = decodePayerAuthenticationResponse(request['3DSecure'].paRes);
    const acsTransactionId = record.challenge?.acsTransactionId;
    if (
      !paRes ||
      paRes.threeDSServerTransID !== record.transactionId ||
      paRes.acsTransID !== acsTransactionId
    ) {
      throw invalidField('3DSecure.paRes', "The PaRes is not the issuer's answer for this 3DSecureId.");
    }
    if (!isFinal(record.status)) {
      throw new InvalidRequestError('The payer has not finished authenticating with the issuer.');
    }
    return threeDSecureIdBody(record, { acsUrl: acsUrl(caller), correlationId: request.correlationId });
  }

  /** The merchant's 3-D Secure 1 authentication; another merchant's is as unknown as a missing one. */
  private async existing(scope: SessionScope, threeDSecureId: string): Promise<AuthenticationRecord> {
    const record = await this.context.authentications.byThreeDSecureId(scope.merchant.id, threeDSecureId);
    if (!record) throw new ThreeDSError('not_found');
    return record;
  }
}

/** The simulated issuers' 3-D Secure 1 ACS, on the gateway as the caller reached it. */
function acsUrl(caller: Caller): string {
  return absolute(caller, SIMULATED_ACS_PATHS.payerAuthentication);
}

function alreadyUsed(): InvalidRequestError {
  return new InvalidRequestError('A 3-D Secure authentication with this 3DSecureId already exists.');
}
