import { detectBrand, digitsOf, type Brand } from '@hosted-session/card';
import type { FieldRole } from '@hosted-session/protocol';
import type { FieldMessage, HubMessage } from '../shared/channel-messages.ts';

/** What the fields of a scope sent: their values, and which fields keep theirs to themselves. */
export interface FormValues {
  values: ReadonlyMap<FieldRole, string>;
  /** Fields holding a value that could be card data where none belongs (a name with digits): invalid. */
  withheld: ReadonlySet<FieldRole>;
}

export interface FormModelDeps {
  post(message: HubMessage): void;
  /** A field frame was replaced: the values it held are gone and the page must be told. */
  fieldLost(role: FieldRole): void;
}

/**
 * The scope's payment details as its field frames report them, and the cross-field context they need back:
 * the number's brand for the security code, each expiry part for the other, and whether the account number's
 * confirmation agrees.
 */
export function createFormModel(deps: FormModelDeps) {
  const frames = new Map<FieldRole, string>();
  // A replaced frame's id is never accepted again, so two live frames claiming one role cannot take turns.
  const retired = new Set<string>();
  const values = new Map<FieldRole, string>();
  const withheld = new Set<FieldRole>();
  let brand: Brand | null = null;

  const numberBrand = () => detectBrand(digitsOf(values.get('card.number') ?? ''))?.brand ?? null;
  const postBrand = () => deps.post({ type: 'brand', brand });
  const postExpiry = () =>
    deps.post({
      type: 'expiry',
      month: values.get('card.expiryMonth') ?? '',
      year: values.get('card.expiryYear') ?? '',
    });
  const postAccountNumbers = () => {
    const [number, confirmation] = [
      values.get('ach.bankAccountNumber'),
      values.get('ach.bankAccountNumberConfirmation'),
    ];
    deps.post({ type: 'accountNumbers', same: number && confirmation ? number === confirmation : null });
  };

  function clear(): void {
    values.clear();
    withheld.clear();
    brand = null;
    deps.post({ type: 'reset' });
    postBrand();
  }

  /** Forgets one field's value and has its frame empty its input. */
  function forget(role: FieldRole): void {
    values.delete(role);
    withheld.delete(role);
    deps.post({ type: 'clear', role });
  }

  /** False when the message comes from a frame this model no longer listens to. */
  function admit(role: FieldRole, frame: string): boolean {
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
    } else if (role === 'ach.bankAccountNumber' || role === 'ach.bankAccountNumberConfirmation') {
      postAccountNumbers();
    }
  }

  const form: FormValues = { values, withheld };
  return { receive, forget, form };
}
