import type { JsonObject } from '../json-fields.ts';
import { isJsonObject } from '../json-fields.ts';
import {
  CURRENCY_EXPONENTS,
  decimalText,
  formatAmount,
  parseAmount,
  parseDecimal,
  type Currency,
} from '../money/index.ts';
import type { JsonValue } from '../../store/store.ts';
import { invalidField } from './errors.ts';
import { decimalAt, moneyAt } from './fields.ts';
import type { OrderDetails, TransactionDetails } from './model.ts';
import type { Plan } from './plan.ts';

/**
 * The order's description beside its money: line items, sub-totals, references, payer. Shape and lengths are
 * the request schemas' job; here every amount is read exactly by the currency and the amounts are checked
 * against each other as Mastercard defines, before any money moves.
 */

/** The request fields an operation reads, the session's laid under the request's. */
export interface OperationFields {
  order?: JsonObject;
  transaction?: JsonObject;
  customer?: JsonObject;
  billing?: JsonObject;
  shipping?: JsonObject;
  device?: JsonObject;
  partnerSolutionId?: string;
  lineOfBusiness?: string;
  /** How to authenticate the payer, and the 3-D Secure authentication a payment goes ahead with. */
  authentication?: JsonObject;
  /** The 3-D Secure 1 authentication a payment goes ahead with, by the merchant's id for it. */
  '3DSecureId'?: string;
}

const SUBTOTALS = ['itemAmount', 'taxAmount', 'shippingAndHandlingAmount'] as const;
const ORDER_AMOUNTS = ['amount', ...SUBTOTALS, 'discountAmount'] as const;
/** What a follow-up or a verification may say about the order: no money, only how it is referred to. */
const REFERENCE_FIELDS = ['reference', 'description', 'notificationUrl'] as const;
// A quantity is read to thousandths (a kilogram to the gram).
const QUANTITY_EXPONENT = 3;
// Without a currency yet, an amount may have as many decimals as the widest minor unit (KWD, BHD: 3).
const WIDEST_EXPONENT = 3;

type AmountReader = (field: string, value: string | number) => string;

/**
 * The order group an Update Session stores: each amount and quantity checked and kept as decimal text. Against
 * the currency when one is known (this update's or the session's), else against the widest minor unit; the
 * payment checks them again against the currency it is made in.
 */
export function sessionOrder(order: JsonObject, currency: string | undefined): JsonObject {
  const exponent =
    currency !== undefined && Object.hasOwn(CURRENCY_EXPONENTS, currency)
      ? CURRENCY_EXPONENTS[currency as keyof typeof CURRENCY_EXPONENTS]
      : WIDEST_EXPONENT;
  return withAmountsRead(order, (field, value) => {
    decimalAt(field, value, exponent);
    return decimalText(value);
  });
}

/** The details a PAY, AUTHORIZE, VERIFY or follow-up records, from its fields; throws the field error to answer. */
export function operationDetails(
  plan: Plan,
  fields: OperationFields,
): { order?: OrderDetails; transaction?: TransactionDetails } {
  const funding = plan.type === 'PAYMENT' || plan.type === 'AUTHORIZATION';
  const payer = funding || plan.type === 'VERIFICATION';
  const order =
    fields.order &&
    (funding ? fundingOrder(fields.order, plan.currency, plan.amount) : referenceOf(fields.order));
  const transaction = fields.transaction && {
    reference: fields.transaction.reference,
    source: fields.transaction.source,
  };
  return {
    order: present({
      order,
      ...(payer ? { customer: fields.customer, billing: fields.billing, shipping: fields.shipping } : {}),
    }),
    transaction: present({
      transaction: transaction && present(transaction),
      device: fields.device,
      partnerSolutionId: fields.partnerSolutionId,
      lineOfBusiness: fields.lineOfBusiness,
    }),
  };
}

/** The order group of a PAY or AUTHORIZE, amounts in the currency's form, checked against `amount`. */
function fundingOrder(order: JsonObject, currency: Currency, amount: bigint): JsonObject {
  const { amount: _planned, currency: _planCurrency, id: _inUrl, ...described } = order;
  const read = withAmountsRead(described, (field, value) =>
    formatAmount(moneyAt(field, value, currency), currency),
  );
  const minor = (value: JsonValue | undefined) =>
    value === undefined ? undefined : parseAmount(value as string, currency);

  if (SUBTOTALS.some((key) => read[key] !== undefined)) {
    const subtotal = SUBTOTALS.reduce((sum, key) => sum + (minor(read[key]) ?? 0n), 0n);
    if (subtotal - discountOf(read, minor) !== amount) {
      throw invalidField(
        'order.amount',
        'order.amount must equal order.itemAmount + order.taxAmount + order.shippingAndHandlingAmount, less the discount.',
      );
    }
  }
  const items = Array.isArray(read.item) ? (read.item as JsonObject[]) : [];
  const tax = minor(read.taxAmount);
  if (tax !== undefined && items.some((item) => item.unitTaxAmount !== undefined)) {
    // Quantities count thousandths, so compare thousandths of minor units: exact whatever the quantity.
    const itemTax = items.reduce(
      (sum, item) =>
        sum + (minor(item.unitTaxAmount) ?? 0n) * parseDecimal(item.quantity as string, QUANTITY_EXPONENT),
      0n,
    );
    if (itemTax !== tax * 10n ** BigInt(QUANTITY_EXPONENT)) {
      throw invalidField(
        'order.taxAmount',
        "order.taxAmount must equal the sum of each item's quantity × unitTaxAmount.",
      );
    }
  }
  return read;
}

/** Mastercard has both order.discountAmount and order.discount.amount; given both, they must agree. */
function discountOf(order: JsonObject, minor: (value: JsonValue | undefined) => bigint | undefined): bigint {
  const flat = minor(order.discountAmount);
  const grouped = isJsonObject(order.discount) ? minor(order.discount.amount) : undefined;
  if (flat !== undefined && grouped !== undefined && flat !== grouped) {
    throw invalidField('order.discountAmount', 'order.discountAmount must equal order.discount.amount.');
  }
  return flat ?? grouped ?? 0n;
}

function referenceOf(order: JsonObject): JsonObject | undefined {
  const given = REFERENCE_FIELDS.filter((key) => order[key] !== undefined);
  return given.length === 0 ? undefined : Object.fromEntries(given.map((key) => [key, order[key]!]));
}

/** The order group with every amount passed through `read` and every item quantity checked, as decimal text. */
function withAmountsRead(order: JsonObject, read: AmountReader): JsonObject {
  const out: JsonObject = { ...order };
  for (const key of ORDER_AMOUNTS) {
    const value = out[key];
    if (value !== undefined) out[key] = read(`order.${key}`, value as string | number);
  }
  if (isJsonObject(out.discount) && out.discount.amount !== undefined) {
    out.discount = {
      ...out.discount,
      amount: read('order.discount.amount', out.discount.amount as string | number),
    };
  }
  if (Array.isArray(out.item)) {
    out.item = out.item.map((entry, index) => {
      const item = entry as JsonObject;
      const field = `order.item.${index}`;
      return {
        ...item,
        quantity: quantityAt(`${field}.quantity`, item.quantity as string | number),
        unitPrice: read(`${field}.unitPrice`, item.unitPrice as string | number),
        ...(item.unitTaxAmount === undefined
          ? {}
          : { unitTaxAmount: read(`${field}.unitTaxAmount`, item.unitTaxAmount as string | number) }),
      };
    });
  }
  return out;
}

const QUANTITY_RULE = 'Quantity must be a number greater than zero, with at most 3 decimals.';

/** An item quantity as decimal text: greater than zero, at most thousandths. */
function quantityAt(field: string, value: string | number): string {
  if (decimalAt(field, value, QUANTITY_EXPONENT, QUANTITY_RULE) === 0n)
    throw invalidField(field, QUANTITY_RULE);
  return decimalText(value);
}

type Present<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/** The object without its undefined members; undefined when none is left. */
function present<T extends object>(value: T): Present<T> | undefined {
  const kept = Object.entries(value).filter(([, member]) => member !== undefined);
  return kept.length === 0 ? undefined : (Object.fromEntries(kept) as Present<T>);
}
