import type { CardRole } from '@hosted-session/sdk';
import {
  useEffect,
  useRef,
  type AriaAttributes,
  type InputHTMLAttributes,
  type NamedExoticComponent,
  type ReactNode,
  memo,
} from 'react';
import { useController } from './context.ts';
import type { FieldState } from './state.ts';

/**
 * What a field component takes: the placeholder's attributes the frame copies (`id` for `<label htmlFor>`,
 * `placeholder`, `title`, `aria-*`, `className` and `style` for its look and size), `disabled`, which makes
 * the frame's input non-editable, and callbacks on the field's state. Nothing else reaches the frame, so
 * nothing else is taken. Never a value: the value lives in the gateway's frame.
 */
export interface HostedFieldProps
  extends
    AriaAttributes,
    Pick<
      InputHTMLAttributes<HTMLInputElement>,
      'id' | 'className' | 'style' | 'placeholder' | 'title' | 'disabled'
    > {
  /** The payer moved the focus into the field. */
  onFocus?(): void;
  /** The focus left the field. */
  onBlur?(): void;
  /** Any change of the field's state (validity, emptiness, focus, brand). */
  onChange?(state: FieldState): void;
}

export interface SelectFieldProps extends HostedFieldProps {
  /** Renders a `<select>` with these options, which the frame then offers; without them, a text input. */
  options?: ReadonlyArray<{ value: string; label: string }>;
}

function useFieldEvents(role: CardRole, props: HostedFieldProps): void {
  const controller = useController('A hosted field');
  const handlers = useRef(props);
  useEffect(() => {
    handlers.current = props;
  });
  useEffect(() => {
    let previous = controller.state.get().fields[role];
    return controller.state.subscribe(() => {
      const next = controller.state.get().fields[role];
      if (!next || next === previous) return;
      const before = previous;
      previous = next;
      const { onFocus, onBlur, onChange } = handlers.current;
      if (before && next.focused !== before.focused) (next.focused ? onFocus : onBlur)?.();
      if (before) onChange?.(next);
    });
  }, [controller, role]);
}

/**
 * One field: renders the placeholder the frame replaces (read-only, so nothing typed before the frame is
 * there reaches the page) inside a wrapper of its own, so React and the SDK never share a parent.
 */
function HostedField({ role, props }: { role: CardRole; props: SelectFieldProps }): ReactNode {
  const controller = useController('A hosted field');
  const element = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useFieldEvents(role, props);
  useEffect(() => controller.register(role, element.current!), [controller, role]);
  const disabled = props.disabled === true;
  useEffect(() => controller.setDisabled(role, disabled), [controller, role, disabled]);

  const { onFocus: _focus, onBlur: _blur, onChange: _change, options, disabled: _d, ...attributes } = props;
  const placeholder = options ? (
    <select
      ref={element}
      {...(attributes as InputHTMLAttributes<HTMLSelectElement>)}
      value=""
      onChange={() => {}}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  ) : (
    <input ref={element} {...attributes} readOnly />
  );
  return (
    <span data-hosted-field={role} style={{ display: 'contents' }}>
      {placeholder}
    </span>
  );
}

function field<P extends HostedFieldProps>(role: CardRole, name: string): NamedExoticComponent<P> {
  const component = memo((props: P) => <HostedField role={role} props={props} />);
  component.displayName = name;
  return component;
}

/** The card number. Its state carries `cardType` (brand, scheme) as the payer types. */
export const CardNumber = field<HostedFieldProps>('card.number', 'CardNumber');
/** The expiry month: a text input, or a `<select>` of `options`. Mount with `ExpiryYear`. */
export const ExpiryMonth = field<SelectFieldProps>('card.expiryMonth', 'ExpiryMonth');
/** The expiry year (two digits): a text input, or a `<select>` of `options`. Mount with `ExpiryMonth`. */
export const ExpiryYear = field<SelectFieldProps>('card.expiryYear', 'ExpiryYear');
/** The card security code (CVC/CVV); its length follows the brand of the card number. */
export const SecurityCode = field<HostedFieldProps>('card.securityCode', 'SecurityCode');
/** The cardholder's name as on the card. */
export const NameOnCard = field<HostedFieldProps>('card.nameOnCard', 'NameOnCard');
