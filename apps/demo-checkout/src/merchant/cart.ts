/**
 * The shop's cart. The server prices the order from this alone: an amount sent by the browser is never
 * trusted, so a payer cannot edit the page to pay less.
 */
export interface CartLine {
  name: string;
  detail: string;
  quantity: number;
  /** Minor units (cents), so sums are exact. */
  unitPrice: number;
}

export interface Cart {
  currency: 'USD';
  lines: CartLine[];
  shipping: number;
  tax: number;
  subtotal: number;
  total: number;
}

const LINES: CartLine[] = [
  { name: 'Ethiopia Guji, light roast', detail: 'Whole bean · 340 g', quantity: 2, unitPrice: 1850 },
  { name: 'Stoneware pour-over dripper', detail: 'Speckled white', quantity: 1, unitPrice: 3200 },
  { name: 'Paper filters', detail: 'Size 02 · 100 pack', quantity: 1, unitPrice: 650 },
];
const SHIPPING = 495;
const TAX_RATE = 0.0725;

export function currentCart(): Cart {
  const subtotal = LINES.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const tax = Math.round(subtotal * TAX_RATE);
  return {
    currency: 'USD',
    lines: LINES,
    shipping: SHIPPING,
    tax,
    subtotal,
    total: subtotal + SHIPPING + tax,
  };
}

/** The REST API's decimal form: "96.50". */
export function decimalAmount(minor: number): string {
  return (minor / 100).toFixed(2);
}

export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
}
