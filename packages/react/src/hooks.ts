import type {
  AuthenticateRequest,
  AuthenticationOutcome,
  CardRole,
  FormSessionUpdateResponse,
  ValidateResult,
} from '@hosted-session/sdk';
import { useMemo, useSyncExternalStore } from 'react';
import { useController } from './context.ts';
import { IDLE, type FieldState, type HostedSessionState } from './state.ts';

export interface HostedSession extends HostedSessionState {
  /** Every frame is connected: `updateFromForm` and `validate` answer at once. */
  ready: boolean;
  /** Puts the card into the gateway session; resolves with Mastercard's formSessionUpdate body. */
  updateFromForm(localBrand?: string): Promise<FormSessionUpdateResponse>;
  validate(): Promise<ValidateResult>;
  /** 3-D Secure for the card in the session, the bank's challenge in the SDK's modal dialog. */
  authenticate(request: AuthenticateRequest): Promise<AuthenticationOutcome>;
  /** Moves the focus into a field. */
  focus(role: CardRole): void;
  /** Moves the focus out of a field. */
  blur(role: CardRole): void;
  /** Empties a field, or every field when `role` is left out. */
  clear(role?: CardRole): void;
}

const serverState = (): HostedSessionState => IDLE;

/** The provider's session around the calling component: its state, re-rendered on change, and its commands. */
export function useHostedSession(): HostedSession {
  const controller = useController('useHostedSession');
  const state = useSyncExternalStore(controller.state.subscribe, controller.state.get, serverState);
  return useMemo(
    () => ({
      ...state,
      ready: state.status === 'ready',
      updateFromForm: controller.updateFromForm,
      validate: controller.validate,
      authenticate: controller.authenticate,
      focus: controller.focus,
      blur: controller.blur,
      clear: controller.clear,
    }),
    [controller, state],
  );
}

/** One field's state; undefined while the field is not mounted. Re-renders only when that field changes. */
export function useHostedField(role: CardRole): FieldState | undefined {
  const controller = useController('useHostedField');
  return useSyncExternalStore(
    controller.state.subscribe,
    () => controller.state.get().fields[role],
    () => undefined,
  );
}
