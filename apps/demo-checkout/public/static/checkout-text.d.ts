// Types of checkout-text.js, for the single-page app that imports it.
export type FieldName = 'number' | 'expiryMonth' | 'expiryYear' | 'securityCode' | 'nameOnCard';
export type MessageKey = 'number' | 'expiry' | 'securityCode' | 'nameOnCard';

export interface FieldState {
  validity: { isValid: boolean; isIncomplete: boolean; hasError: boolean; errorReason?: string } | undefined;
  isEmpty: boolean;
  touched: boolean;
  gatewayError: 'invalid' | 'missing' | undefined;
}

export interface CheckoutText {
  number: Record<string, string>;
  expiry: Record<string, string>;
  securityCode: Record<string, string>;
  nameOnCard: Record<string, string>;
  initFailed: string;
  updateFailed: string;
  networkFailed: string;
  paying: string;
}

export const MESSAGE_OF: Record<FieldName, MessageKey>;
export const FIELD_OF_ERROR_KEY: Record<string, FieldName | undefined>;
export function checkoutText(lang: string): CheckoutText;
export function emptyFieldState(): FieldState;
export function reasonOf(entry: FieldState, submitted: boolean): string | undefined;
export function fieldMessages(
  states: Record<FieldName, FieldState>,
  submitted: boolean,
  text: CheckoutText,
): Partial<Record<MessageKey, string>>;
export function isComplete(states: Record<FieldName, FieldState>): boolean;
export function brandIcon(cardType: { status: string; brand?: string } | undefined): {
  icon: string;
  name: string;
  brand: string;
};
export function cardLabel(card: { brand: string; number: string }): string;
export function installCopyButtons(container: HTMLElement, status: HTMLElement): () => void;
export function authenticationLabel(authentication: { status: string; flow?: string; eci?: string }): string;
