import { detectBrand, digitsOf, type Brand } from '@hosted-session/card';
import type { CardRole } from '@hosted-session/protocol';
import type { FieldMessage, HubMessage } from '../shared/channel-messages.ts';

/** What the fields of a scope sent: their values, and which fields keep theirs to themselves. */
export interface FormValues {
  values: ReadonlyMap<CardRole, string>;
  /** Fields holding a value that could be card data where none belongs (a name with digits): invalid. */
  withheld: ReadonlySet<CardRole>;
}

export interface FormModelDeps {
  post(message: HubMessage): void;
  /** A field frame was replaced: the values it held are gone and the page must be told. */
  fieldLost(role: CardRole): void;
}

/**
 * The scope's card as its field frames report it, and the cross-field context they need back: the number's
 * brand for the security code, each expiry part for the other.
 */
export function createFormModel(deps: FormModelDeps) {
  const frames = new Map<CardRole, string>();
  // A replaced frame's id is never accepted again, so two live frames claiming one role cannot take turns.
  const retired = new Set<string>();
  const values = new Map<CardRole, string>();
  const withheld = new Set<CardRole>();
  let brand: Brand | null = null;

  const numberBrand = () => detectBrand(digitsOf(values.get('card.number') ?? ''))?.brand ?? null;
  const postBrand = () => deps.post({ type: 'brand', brand });
  const postExpiry = () =>
    deps.post({
      type: 'expiry',
      month: values.get('card.expiryMonth') ?? '',
      year: values.get('card.expiryYear') ?? '',
    });

  function clear(): void {
    values.clear();
    withheld.clear();
    brand = null;
    deps.post({ type: 'reset' });
    postBrand();
  }

  /** Forgets one field's value and has its frame empty its input. */
  function forget(role: CardRole): void {
    values.delete(role);
    withheld.delete(role);
    deps.post({ type: 'clear', role });
  }

  /** False when the message comes from a frame this model no longer listens to. */
  function admit(role: CardRole, frame: string): boolean {
    if (retired.has(frame)) return false;
    const known = frames.get(role);
    frames.set(role, frame);
    if (known !== undefined && known !== frame) {
      retired.add(known);
      clear();
      deps.fieldLost(role);
    }
    return true;
  }

  function receive(message: FieldMessage): void {
    const { role } = message;
    if (!admit(role, message.frame)) return;
    if (message.type === 'value') {
      values.set(role, message.value);
      withheld.delete(role);
    } else if (message.type === 'withheld') {
      values.delete(role);
      withheld.add(role);
    }
    if (role === 'card.number' && numberBrand() !== brand) {
      brand = numberBrand();
      postBrand();
    } else if (role === 'card.securityCode' && message.type === 'hello') {
      postBrand();
    } else if (role === 'card.expiryMonth' || role === 'card.expiryYear') {
      postExpiry();
    }
  }

  const form: FormValues = { values, withheld };
  return { receive, forget, form };
}
