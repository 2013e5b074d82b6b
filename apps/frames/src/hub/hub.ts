import {
  AUTHENTICATION_ROLES,
  fieldOf,
  isPaymentType,
  paymentTypeOf,
  type FieldRole,
  type FrameConfig,
  type HubEvent,
  type PaymentType,
  type ValidateResult,
} from '@hosted-session/protocol';
import type { FieldMessage, HubMessage } from '../shared/channel-messages.ts';
import { createFormModel } from './form-model.ts';
import { parseHubOptions, parseSessionId, type ParsedHubOptions } from './hub-options.ts';
import { checkSessionToken } from './session-token.ts';
import { updateSession, type SessionProblem } from './update-session.ts';
import { validateForm } from './validate-form.ts';

export interface HubDeps {
  config: FrameConfig;
  /** This hub's random id, which names its channels: fields configured with it talk to this hub alone. */
  id: string;
  emit(event: HubEvent): void;
  post(message: HubMessage): void;
  fetch: typeof fetch;
}

const LOCAL_BRAND = /^[A-Za-z0-9_-]{1,40}$/;

function paymentType(value: unknown): PaymentType {
  if (!isPaymentType(value)) throw new TypeError('The payment type must be card, giftCard or ach');
  return value;
}

/** The hub of one scope: the form model, and the methods the page calls on the whole form. */
export function createHub(deps: HubDeps) {
  const model = createFormModel({
    post: deps.post,
    fieldLost: (role: FieldRole) => deps.emit({ type: 'fieldLost', role }),
  });
  let options: ParsedHubOptions | undefined;
  /** Once the session can take no further update, every field says why when validated. */
  let sessionProblem: SessionProblem | undefined;

  function configured(): ParsedHubOptions {
    if (!options) throw new Error('The hub is not configured yet');
    return options;
  }

  /** The fields of the type, each in error for the reason the session cannot be updated. */
  function refusedBySession(type: PaymentType, problem: SessionProblem): ValidateResult {
    const fields = configured().roles.filter((role) => paymentTypeOf(role) === type);
    const validity = { isValid: false, isIncomplete: false, hasError: true, errorReason: problem } as const;
    return { [type]: { isValid: false, ...Object.fromEntries(fields.map((r) => [fieldOf(r), validity])) } };
  }

  const methods = {
    /**
     * Once for the hub's life. The page that configured it may be joined by a hostile script, which could
     * reconnect and configure again to point the card at a session of its own; so the first configuration
     * stands, and a second is refused whoever sends it.
     */
    configure(input: unknown): string | Promise<string> {
      if (options) throw new Error('This hub is already configured');
      const parsed = parseHubOptions(input);
      options = parsed;
      if (!parsed.sessionToken) return deps.id;
      if (!parsed.sessionId) throw new TypeError('Invalid hub options');
      // A session token is checked before the hub answers, so the page learns at once that it cannot be used.
      const { sessionId, sessionToken, roles } = parsed;
      return checkSessionToken(sessionId, sessionToken, roles, deps).then(() => deps.id);
    },
    /**
     * Another session of the same merchant for the card already typed (the browser endpoint admits only this
     * merchant's sessions). The authentication data (security code, gift card PIN: `AUTHENTICATION_ROLES`) is
     * forgotten first, so a silent switch never carries it along: the payer types it again, for this session.
     * The old session's refusal stays with the old session.
     */
    setSession(input: unknown): void {
      const current = configured();
      const sessionId = parseSessionId(input);
      for (const role of AUTHENTICATION_ROLES) model.forget(role);
      options = { ...current, sessionId };
      sessionProblem = undefined;
    },
    async validate(input: unknown): Promise<ValidateResult> {
      const type = paymentType(input);
      if (sessionProblem) return refusedBySession(type, sessionProblem);
      return validateForm(type, configured().roles, model.form, deps.config).result;
    },
    async updateSessionFromForm(input: unknown, localBrand?: unknown) {
      const type = paymentType(input);
      const { sessionId, roles } = configured();
      if (localBrand !== undefined && (typeof localBrand !== 'string' || !LOCAL_BRAND.test(localBrand))) {
        throw new TypeError('localBrand must be a brand name');
      }
      const outcome = await updateSession(
        { paymentType: type, sessionId, roles, form: model.form, localBrand },
        { config: deps.config, fetch: deps.fetch },
      );
      // The page may have moved the form to another session while this update was on its way: a refusal of
      // the old session says nothing of the new one.
      if (configured().sessionId === sessionId) sessionProblem ??= outcome.sessionProblem;
      return outcome.response;
    },
  };

  return { methods, receive: (message: FieldMessage) => model.receive(message) };
}
