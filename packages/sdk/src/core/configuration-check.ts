import { configurationCheckPath, type ConfigurationCheck } from '@hosted-session/protocol';
import { HostedSessionError } from '../errors.ts';
import type { Gateway } from './scope.ts';

/**
 * Asks the gateway, while the frames load, whether it knows the merchant and the page's origin, so that a
 * wrong merchant id, an origin the merchant never registered or a gateway out of reach fails in seconds with
 * its own code instead of waiting for TIMEOUT. Resolves with the error, or undefined when nothing is wrong or
 * nothing can be told: an answer it cannot read, or a page whose CSP keeps it from asking (its
 * `connect-src` lacks the gateway); the frames then decide.
 */
export async function checkConfiguration(gateway: Gateway): Promise<HostedSessionError | undefined> {
  let blocked = false;
  const onViolation = (event: SecurityPolicyViolationEvent): void => {
    if (event.blockedURI.startsWith(gateway.origin)) blocked = true;
  };
  addEventListener('securitypolicyviolation', onViolation);
  let response: Response;
  try {
    response = await fetch(gateway.origin + configurationCheckPath(gateway.apiVersion, gateway.merchantId), {
      credentials: 'omit',
    });
  } catch {
    // The violation is reported in a task queued before the fetch fails; one more task lets it arrive.
    await new Promise((resolve) => setTimeout(resolve));
    return blocked
      ? undefined
      : new HostedSessionError('GATEWAY_UNREACHABLE', `No answer from ${gateway.origin}`);
  } finally {
    removeEventListener('securitypolicyviolation', onViolation);
  }
  const { status } = ((await response.json().catch(() => ({}))) ?? {}) as Partial<ConfigurationCheck>;
  if (status === 'unknown_merchant')
    return new HostedSessionError(
      'UNKNOWN_MERCHANT',
      `No merchant ${gateway.merchantId} at ${gateway.origin}`,
    );
  if (status === 'origin_not_allowed')
    return new HostedSessionError(
      'ORIGIN_NOT_ALLOWED',
      `${location.origin} is not registered for this merchant`,
    );
  return undefined;
}
