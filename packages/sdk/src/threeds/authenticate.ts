import { HostedSessionError } from '../errors.ts';
import { openChallengeDialog } from './challenge-dialog.ts';
import {
  callOperation,
  challengeOf,
  deviceOf,
  runMethod,
  showChallenge,
  type AuthenticationTarget,
  type RestAnswer,
  type RestBody,
} from './payer-authentication.ts';

/** What `authenticate()` is asked: the order and authentication transaction ids, and the payment. */
export interface AuthenticateRequest {
  /** The merchant's ids (1–40 letters, digits or `_.:-`); PAY names the authentication by `transactionId`. */
  orderId: string;
  transactionId: string;
  /** The amount as Mastercard writes it ("45.99"); the session's order amount when left out. */
  amount?: string;
  /** ISO 4217; the session's order currency when left out. */
  currency?: string;
}

/** What the merchant's server needs to go on: which authentication, and what the gateway recommends. */
export interface AuthenticationOutcome {
  orderId: string;
  transactionId: string;
  /** Mastercard's `transaction.authenticationStatus`: AUTHENTICATION_SUCCESSFUL, …_FAILED, …_NOT_SUPPORTED… */
  authenticationStatus: string;
  /** PROCEED (pay, with `authentication.transactionId` when it succeeded) or RESUBMIT_WITH_ALTERNATIVE_PAYMENT_DETAILS. */
  gatewayRecommendation: string;
  /** The payer closed the challenge without answering it. */
  abandoned: boolean;
  /** The gateway's last answer (the card masked). */
  restApiResponse: RestBody;
}

const ID = /^[0-9A-Za-z_.:-]{1,40}$/;

function refused(answer: RestAnswer): HostedSessionError {
  const explanation = answer.body.error?.explanation ?? `The gateway answered ${answer.status}.`;
  const field = answer.body.error?.field;
  return new HostedSessionError(
    'AUTHENTICATION_ERROR',
    `3-D Secure was refused: ${explanation}${field ? ` (${field})` : ''}`,
  );
}

function outcome(ids: AuthenticateRequest, body: RestBody, abandoned = false): AuthenticationOutcome {
  return {
    orderId: ids.orderId,
    transactionId: ids.transactionId,
    authenticationStatus: body.transaction?.authenticationStatus ?? 'AUTHENTICATION_UNAVAILABLE',
    gatewayRecommendation: abandoned
      ? 'RESUBMIT_WITH_ALTERNATIVE_PAYMENT_DETAILS'
      : (body.response?.gatewayRecommendation ?? 'RESUBMIT_WITH_ALTERNATIVE_PAYMENT_DETAILS'),
    abandoned,
    restApiResponse: body,
  };
}

/**
 * Runs 3-D Secure for the card in the session from the page: INITIATE_AUTHENTICATION (the issuer's 3DS Method
 * in a hidden frame), AUTHENTICATE_PAYER, and the issuer's challenge, if it wants one, in a modal dialog.
 * Resolves with the outcome (also when the issuer said no, or the payer abandoned); rejects with
 * INVALID_ARGUMENT or AUTHENTICATION_ERROR (the gateway refused a call, or could not be reached).
 */
export async function runAuthentication(
  win: Window,
  target: AuthenticationTarget,
  request: AuthenticateRequest,
): Promise<AuthenticationOutcome> {
  const { orderId, transactionId, amount, currency } = request ?? ({} as AuthenticateRequest);
  if (
    typeof orderId !== 'string' ||
    !ID.test(orderId) ||
    typeof transactionId !== 'string' ||
    !ID.test(transactionId)
  ) {
    throw new HostedSessionError(
      'INVALID_ARGUMENT',
      'orderId and transactionId must be 1–40 letters, digits or _.:-',
    );
  }
  const order = {
    ...(amount === undefined ? {} : { amount: String(amount) }),
    ...(currency === undefined ? {} : { currency }),
  };
  const call = async (body: Record<string, unknown>) => {
    let answer: RestAnswer;
    try {
      answer = await callOperation(target, orderId, transactionId, body);
    } catch {
      throw new HostedSessionError('AUTHENTICATION_ERROR', 'The gateway could not be reached.');
    }
    if (answer.status >= 400 || answer.body.result === 'ERROR') throw refused(answer);
    return answer.body;
  };

  const doc = win.document;
  const methodHolder = doc.createElement('div');
  methodHolder.hidden = true;
  doc.body.appendChild(methodHolder);
  try {
    const initiated = await call({
      apiOperation: 'INITIATE_AUTHENTICATION',
      authentication: { channel: 'PAYER_BROWSER', purpose: 'PAYMENT_TRANSACTION' },
      ...(Object.keys(order).length ? { order } : {}),
    });
    if (initiated.transaction?.authenticationStatus !== 'AUTHENTICATION_AVAILABLE') {
      return outcome(request, initiated);
    }
    runMethod(methodHolder, initiated, target.gatewayOrigin);
    const authenticatePayer = {
      apiOperation: 'AUTHENTICATE_PAYER',
      device: deviceOf(win),
      ...(Object.keys(order).length ? { order } : {}),
    };
    const authenticated = await call(authenticatePayer);
    const challenge = challengeOf(authenticated, target.gatewayOrigin);
    if (!challenge) return outcome(request, authenticated);

    const dialog = openChallengeDialog(doc, 'Confirm your payment with your bank');
    try {
      const { frame, done } = showChallenge(dialog.body, challenge, target.gatewayOrigin, dialog.abandoned);
      dialog.sizeFrame(frame);
      if ((await done) === 'cancelled') return outcome(request, authenticated, true);
    } finally {
      dialog.close();
    }
    // The result, from the gateway: the frame's message only says when to ask.
    return outcome(request, await call(authenticatePayer));
  } finally {
    methodHolder.remove();
  }
}
