/**
 * What the payer is told for each gateway code. Written for a shopper, not a developer: what happened,
 * whether money moved, and what to do next.
 */
const DECLINE_MESSAGES: Record<string, string> = {
  DECLINED: 'Your bank declined this payment. Try another card, or contact your bank.',
  EXPIRED_CARD: 'This card has expired. Check the expiry date, or use another card.',
  TIMED_OUT:
    'Your bank took too long to answer, so the payment did not go through. You have not been charged; please try again.',
  ACQUIRER_SYSTEM_ERROR:
    'The payment network had a problem, so the payment did not go through. You have not been charged; please try again in a moment.',
  UNSPECIFIED_FAILURE: 'The payment could not be completed. Please try again, or use another card.',
  UNKNOWN:
    'We could not confirm the payment with your bank. Please check with your bank before trying again.',
  INSUFFICIENT_FUNDS: 'There are not enough funds on this card. Try another card.',
  INVALID_CSC:
    'The security code does not match this card. Check the code on the back of your card and try again.',
};

const FALLBACK = 'The payment was not approved. Please try again, or use another card.';

export function declineMessage(gatewayCode: string | undefined): string {
  return (gatewayCode && DECLINE_MESSAGES[gatewayCode]) || FALLBACK;
}

/** What the payer is told when their bank did not verify the payment (the 3-D Secure session's status). */
const AUTHENTICATION_MESSAGES: Record<string, string> = {
  declined:
    'Your bank could not confirm it was you, so the payment was not made. Try again, or use another card.',
  rejected: 'Your bank refused this payment. Use another card, or contact your bank.',
  challenge_abandoned:
    'You cancelled the check with your bank, so the payment was not made. You can try again.',
  expired: 'We could not reach your bank in time. You have not been charged; please try again.',
  unavailable:
    'Your bank’s verification service is not available right now. You have not been charged; please try again later.',
};

export function authenticationMessage(status: string | undefined): string {
  return (status && AUTHENTICATION_MESSAGES[status]) || FALLBACK;
}
