import {
  createPaymentSession,
  type AuthenticationOutcome,
  type CardFieldSelectors,
  type CardRole,
  type CardTypeState,
  type FormSessionUpdateResponse,
  type PaymentSession,
} from '@hosted-session/sdk';
import {
  emptyFieldState,
  FIELD_OF_ERROR_KEY,
  type FieldName,
  type FieldState,
} from '@hosted-session/demo-checkout/checkout-text';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { CheckoutSession } from './api.ts';

export type FieldStates = Record<FieldName, FieldState>;

type Action =
  | { type: 'reset' }
  | { type: 'field'; field: FieldName; change: Partial<FieldState> }
  | { type: 'gatewayErrors'; errors: Partial<Record<string, 'invalid' | 'missing'>> };

function initialStates(fields: CardFieldSelectors): FieldStates {
  return Object.fromEntries(Object.keys(fields).map((field) => [field, emptyFieldState()])) as FieldStates;
}

const fieldOf = (role: CardRole): FieldName => role.slice('card.'.length) as FieldName;

export interface HostedFields {
  status: 'loading' | 'ready' | 'failed';
  states: FieldStates;
  cardType?: CardTypeState;
  /** Puts the card into the session; rejects when the fields are not mounted. */
  updateFromForm(): Promise<FormSessionUpdateResponse>;
  /** 3-D Secure for the card in the session, the bank's challenge in the SDK's dialog. */
  authenticate(order: { orderId: string; transactionId: string }): Promise<AuthenticationOutcome>;
  /** Shows a `fields_in_error` answer on its fields, and moves the focus to the first. */
  showErrors(errors: Partial<Record<string, 'invalid' | 'missing'>>): void;
}

/**
 * Hosted fields for the placeholders named in `fields`, for as long as the component is mounted and
 * `session` stays the same. The effect creates them and its cleanup destroys them (frames, listeners,
 * timers), so StrictMode's mount–unmount–mount ends with exactly one frame per field.
 */
export function useHostedFields(
  session: CheckoutSession | undefined,
  fields: CardFieldSelectors,
  onSubmit: () => void,
): HostedFields {
  const [states, dispatch] = useReducer(
    (current: FieldStates, action: Action): FieldStates => {
      switch (action.type) {
        case 'reset':
          return initialStates(fields);
        case 'field':
          return { ...current, [action.field]: { ...current[action.field], ...action.change } };
        case 'gatewayErrors': {
          const next = { ...current };
          for (const [key, problem] of Object.entries(action.errors)) {
            const field = FIELD_OF_ERROR_KEY[key];
            if (field && next[field]) next[field] = { ...next[field], gatewayError: problem };
          }
          return next;
        }
      }
    },
    fields,
    initialStates,
  );
  const [status, setStatus] = useState<HostedFields['status']>('loading');
  const [cardType, setCardType] = useState<CardTypeState>();
  const payment = useRef<PaymentSession | null>(null);
  const submit = useRef(onSubmit);
  submit.current = onSubmit;

  useEffect(() => {
    if (!session) return;
    const hosted = createPaymentSession({
      gatewayUrl: session.gateway.url,
      merchantId: session.gateway.merchantId,
      apiVersion: session.gateway.apiVersion,
      session: session.sessionId,
      fields: { card: fields },
      frameEmbeddingMitigation: ['javascript', 'x-frame-options', 'csp'],
      interaction: { displayControl: { formatCard: 'EMBOSSED', invalidFieldCharacters: 'REJECT' } },
      locale: 'en_US',
    });
    payment.current = hosted;
    dispatch({ type: 'reset' });
    setStatus('loading');
    setCardType(undefined);

    // The focus ring is the page's box around the frame (as on the script-tag page), not the input's.
    hosted.setStyle('focus', { color: '#1d2327', caretColor: '#1f5f4a', outline: 'none' });
    hosted.setStyle('placeholder', { color: '#6b7480' });
    const change = (role: CardRole, change: Partial<FieldState>) =>
      dispatch({ type: 'field', field: fieldOf(role), change });
    hosted.on('validity', ({ role, validity }) => change(role, { validity, gatewayError: undefined }));
    hosted.on('emptiness', ({ role, isEmpty }) => change(role, { isEmpty }));
    hosted.on('blur', ({ role }) => change(role, { touched: true }));
    hosted.on('cardType', (event) => setCardType(event.cardType));
    hosted.on('submit', () => submit.current());
    hosted.on('error', () => setStatus('failed'));
    hosted.ready.then(
      () => setStatus('ready'),
      (error: { code?: string }) => error.code !== 'DESTROYED' && setStatus('failed'),
    );
    return () => {
      payment.current = null;
      // Removes the frames and restores the placeholders; every handler above goes with it.
      hosted.destroy();
    };
    // The selectors are fixed for the component's life; only a new session means new frames.
  }, [session]);

  return {
    // Between a session and the next ("Try again") the old frames are gone and no new ones exist yet.
    status: session ? status : 'loading',
    states,
    cardType,
    updateFromForm() {
      if (!payment.current) return Promise.reject(new Error('The payment form is not ready.'));
      return payment.current.updateFromForm('card');
    },
    authenticate(order) {
      if (!payment.current) return Promise.reject(new Error('The payment form is not ready.'));
      return payment.current.authenticate(order);
    },
    showErrors(errors) {
      dispatch({ type: 'gatewayErrors', errors });
      // The error keys are listed in page order, so the first one found is the first field on the page.
      const first = FIELD_OF_ERROR_KEY[Object.keys(FIELD_OF_ERROR_KEY).find((key) => errors[key]) ?? ''];
      if (first) payment.current?.focus(`card.${first}`);
    },
  };
}
