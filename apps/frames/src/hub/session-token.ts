import * as z from 'zod/mini';
import {
  BROWSER_SESSION_CLAIM_METHOD,
  HOSTED_FIELDS_SCENARIOS,
  LIB_VERSION_PATTERN,
  browserSessionPath,
  paymentTypeOf,
  type BrowserSessionClaim,
  type FieldRole,
  type FrameConfig,
  type HubOptions,
} from '@hosted-session/protocol';

const CHECK_TIMEOUT_MS = 20_000;

const DescriptionSchema = z.object({
  session: z.object({ id: z.string() }),
  expired: z.boolean(),
  expiresAt: z.string().check(z.maxLength(40)),
  hostedFields: z.optional(
    z.object({
      scenario: z.enum(HOSTED_FIELDS_SCENARIOS),
      libVersion: z.string().check(z.regex(LIB_VERSION_PATTERN)),
    }),
  ),
  usedByAnotherPage: z.boolean(),
});

/** An error penpal hands the page with its name, which the SDK turns into the HostedSessionError of that code. */
function refusal(
  code: 'SESSION_EXPIRED' | 'SESSION_TOKEN_USED' | 'LIB_VERSION_MISMATCH' | 'INVALID_CONFIG',
  message: string,
): Error {
  const error = new Error(message);
  error.name = code;
  return error;
}

export interface TokenCheckDeps {
  config: FrameConfig;
  fetch: typeof fetch;
}

/**
 * Before the fields of a session token take a card: the token must name a live session made from a token and
 * held by no other page load (the gateway binds it to this one as it answers), for the library version the page
 * loads, whatever the form's payment types; a tokenization token, which saves a card, takes card fields only.
 * The gateway's answer carries no card data; the versions it names are checked against the pattern before they
 * go into a message.
 */
export async function checkSessionToken(
  token: string,
  { libVersion: pageLibVersion, pageLoad }: NonNullable<HubOptions['sessionToken']>,
  roles: readonly FieldRole[],
  { config, fetch }: TokenCheckDeps,
): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CHECK_TIMEOUT_MS);
  let response: Response;
  let json: unknown;
  try {
    const claim: BrowserSessionClaim = { pageLoad };
    response = await fetch(browserSessionPath(config.apiVersion, config.merchantId, token), {
      method: BROWSER_SESSION_CLAIM_METHOD,
      headers: {
        authorization: `Basic ${btoa(`merchant.${config.merchantId}:${token}`)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(claim),
      credentials: 'omit',
      cache: 'no-store',
      signal: controller.signal,
    });
    json = await response.json().catch(() => undefined);
  } catch {
    throw new Error('The gateway could not be reached to check the session token.');
  } finally {
    clearTimeout(timer);
  }
  const description = DescriptionSchema.safeParse(json).data;
  if (!response.ok || !description || description.session.id !== token) {
    throw refusal(
      'INVALID_CONFIG',
      `Invalid configuration: sessionToken is not a session token of merchant ${config.merchantId} (HTTP ${response.status}).`,
    );
  }
  if (description.expired) {
    throw refusal(
      'SESSION_EXPIRED',
      `The session token expired at ${description.expiresAt}; the merchant's server makes a new one for each page load.`,
    );
  }
  if (description.usedByAnotherPage) {
    throw refusal(
      'SESSION_TOKEN_USED',
      "The session token is already used by another page load; the merchant's server makes a new one for each page load.",
    );
  }
  const made = description.hostedFields;
  if (!made) {
    throw refusal(
      'INVALID_CONFIG',
      'Invalid configuration: this is a session id, not a session token; pass it as session.',
    );
  }
  if (made.libVersion !== pageLibVersion) {
    throw refusal(
      'LIB_VERSION_MISMATCH',
      `The session token was made for library version ${made.libVersion}, but this page loads version ${pageLibVersion}; make the token with libVersion ${pageLibVersion}.`,
    );
  }
  if (made.scenario === 'tokenization' && roles.some((role) => paymentTypeOf(role) !== 'card')) {
    throw refusal(
      'INVALID_CONFIG',
      'Invalid configuration: a session token of the tokenization scenario saves a card; configure card fields only.',
    );
  }
}
