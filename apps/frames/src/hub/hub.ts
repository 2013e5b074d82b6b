import type { CardRole, FrameConfig, HubEvent, ValidateResult } from '@hosted-session/protocol';
import type { FieldMessage, HubMessage } from '../shared/channel-messages.ts';
import { createFormModel } from './form-model.ts';
import { parseHubOptions, parseSessionId, type ParsedHubOptions } from './hub-options.ts';
import { updateSession } from './update-session.ts';
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

/** The hub of one scope: the form model, and the methods the page calls on the whole form. */
export function createHub(deps: HubDeps) {
  const model = createFormModel({
    post: deps.post,
    fieldLost: (role: CardRole) => deps.emit({ type: 'fieldLost', role }),
  });
  let options: ParsedHubOptions | undefined;

  function configured(): ParsedHubOptions {
    if (!options) throw new Error('The hub is not configured yet');
    return options;
  }

  const methods = {
    /**
     * Once for the hub's life. The page that configured it may be joined by a hostile script, which could
     * reconnect and configure again to point the card at a session of its own; so the first configuration
     * stands, and a second is refused whoever sends it.
     */
    configure(input: unknown): string {
      if (options) throw new Error('This hub is already configured');
      options = parseHubOptions(input);
      return deps.id;
    },
    /**
     * Another session of the same merchant for the card already typed (the browser endpoint admits only this
     * merchant's sessions). The security code is forgotten first, so a silent switch never carries it along:
     * the payer types it again, for this session.
     */
    setSession(input: unknown): void {
      const current = configured();
      const sessionId = parseSessionId(input);
      model.forget('card.securityCode');
      options = { ...current, sessionId };
    },
    async validate(paymentType: unknown): Promise<ValidateResult> {
      if (paymentType !== 'card') throw new TypeError('Only card fields are hosted');
      return validateForm(configured().roles, model.form, deps.config).result;
    },
    async updateSessionFromForm(paymentType: unknown, localBrand?: unknown) {
      const { sessionId, roles } = configured();
      if (paymentType !== 'card') throw new TypeError('Only card fields are hosted');
      if (localBrand !== undefined && (typeof localBrand !== 'string' || !LOCAL_BRAND.test(localBrand))) {
        throw new TypeError('localBrand must be a brand name');
      }
      return updateSession(
        { sessionId, roles, form: model.form, localBrand },
        { config: deps.config, fetch: deps.fetch },
      );
    },
  };

  return { methods, receive: (message: FieldMessage) => model.receive(message) };
}
