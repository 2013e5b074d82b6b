import * as z from 'zod';
import {
  Authentication,
  CurrencyCode,
  DecimalValue,
  orderDetailFields,
  payerFields,
} from './request-fields.ts';
import { CardInput, TOKEN_PATTERN } from './session.ts';
import { SessionReference } from './transaction.ts';

/** The two operations of Mastercard's 3-D Secure API, on `PUT …/order/{orderId}/transaction/{transactionId}`. */
export const AUTHENTICATION_OPERATIONS = ['INITIATE_AUTHENTICATION', 'AUTHENTICATE_PAYER'] as const;
export type AuthenticationOperation = (typeof AUTHENTICATION_OPERATIONS)[number];

export function isAuthenticationOperation(body: unknown): boolean {
  const operation = (body as { apiOperation?: unknown } | null | undefined)?.apiOperation;
  return (AUTHENTICATION_OPERATIONS as readonly unknown[]).includes(operation);
}

const correlationId = z.string().min(1).max(100);

const AuthenticationSourceOfFunds = z.strictObject({
  type: z.literal('CARD').optional(),
  token: z.string().regex(TOKEN_PATTERN).optional(),
  provided: z.strictObject({ card: CardInput }).optional(),
});

const AuthenticationOrder = z.strictObject({
  amount: DecimalValue.optional(),
  currency: CurrencyCode.optional(),
  ...orderDetailFields,
});

// Both operations take the same fields; only what the gateway does with them differs.
const operationFields = {
  correlationId: correlationId.optional(),
  authentication: Authentication.optional(),
  order: AuthenticationOrder.optional(),
  session: SessionReference.optional(),
  sourceOfFunds: AuthenticationSourceOfFunds.optional(),
  ...payerFields,
};

/**
 * INITIATE_AUTHENTICATION: which 3-D Secure version the card can use, and the issuer's 3DS Method to run in
 * the payer's browser. The card comes from a session, a token or the request; the currency from the request
 * or the session.
 */
export const InitiateAuthenticationRequest = z.strictObject({
  apiOperation: z.literal('INITIATE_AUTHENTICATION'),
  ...operationFields,
});
export type InitiateAuthenticationRequest = z.infer<typeof InitiateAuthenticationRequest>;

/**
 * AUTHENTICATE_PAYER: the payer's browser data and the amount go to the issuer, which answers at once
 * (frictionless) or wants to see the payer (a challenge in `authentication.redirect.html`).
 */
export const AuthenticatePayerRequest = z.strictObject({
  apiOperation: z.literal('AUTHENTICATE_PAYER'),
  ...operationFields,
});
export type AuthenticatePayerRequest = z.infer<typeof AuthenticatePayerRequest>;

export const AuthenticationOperationRequest = z.discriminatedUnion('apiOperation', [
  InitiateAuthenticationRequest,
  AuthenticatePayerRequest,
]);
export type AuthenticationOperationRequest = z.infer<typeof AuthenticationOperationRequest>;

/** How CHECK_3DS_ENROLLMENT hands over the ACS redirect: a ready form (SIMPLE), or its parts (CUSTOMIZED). */
export const PAGE_GENERATION_MODES = ['SIMPLE', 'CUSTOMIZED'] as const;

/**
 * CHECK_3DS_ENROLLMENT (`PUT …/3DSecureId/{id}`): whether the card takes part in 3-D Secure 1, and the form
 * that takes the payer's browser to the issuer's ACS with the PaReq. The ACS posts the PaRes back to
 * `3DSecure.authenticationRedirect.responseUrl`.
 */
export const Check3dsEnrollmentRequest = z.strictObject({
  apiOperation: z.literal('CHECK_3DS_ENROLLMENT'),
  correlationId: correlationId.optional(),
  order: AuthenticationOrder.optional(),
  session: SessionReference.optional(),
  sourceOfFunds: AuthenticationSourceOfFunds.optional(),
  '3DSecure': z.strictObject({
    authenticationRedirect: z.strictObject({
      responseUrl: z.url({ protocol: /^https?$/ }).max(2048),
      pageGenerationMode: z.enum(PAGE_GENERATION_MODES).optional(),
    }),
    /** Shown to the payer on the issuer's page in 3-D Secure 1; kept as given. */
    goodsDescription: z.string().min(1).max(125).optional(),
  }),
});
export type Check3dsEnrollmentRequest = z.infer<typeof Check3dsEnrollmentRequest>;

/** PROCESS_ACS_RESULT (`POST …/3DSecureId/{id}`): the PaRes the ACS posted to the merchant's responseUrl. */
export const ProcessAcsResultRequest = z.strictObject({
  apiOperation: z.literal('PROCESS_ACS_RESULT'),
  correlationId: correlationId.optional(),
  '3DSecure': z.strictObject({ paRes: z.string().min(1).max(8192) }),
});
export type ProcessAcsResultRequest = z.infer<typeof ProcessAcsResultRequest>;

export const ThreeDSecureIdRequest = z.discriminatedUnion('apiOperation', [
  Check3dsEnrollmentRequest,
  ProcessAcsResultRequest,
]);
export type ThreeDSecureIdRequest = z.infer<typeof ThreeDSecureIdRequest>;
