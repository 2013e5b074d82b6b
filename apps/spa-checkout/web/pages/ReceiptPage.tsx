import { cardLabel } from '@hosted-session/demo-checkout/checkout-text';
import type { Receipt } from '@hosted-session/demo-checkout/merchant';
import { OrderSummary } from '../components/OrderSummary.tsx';
import { Link, useLocation } from '../router.tsx';
import { useCart } from '../use-cart.ts';

/** The receipt travels in the history entry, so a reload of /receipt still shows it. */
export function ReceiptPage() {
  const cart = useCart();
  const receipt = (useLocation().state as { receipt?: Receipt } | null)?.receipt;
  if (!receipt) {
    return (
      <section className="panel result" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          No recent order
        </h1>
        <p>There is no receipt to show here.</p>
        <Link className="button-link" href="/">
          Back to the shop
        </Link>
      </section>
    );
  }
  const rows: Array<[string, string]> = [
    ['Order', receipt.orderId],
    ['Amount paid', receipt.amount],
    ['Card', cardLabel(receipt.card)],
    ['Authorization code', receipt.authorizationCode],
    ['Receipt number', receipt.receiptNumber],
    ['Date', new Date(receipt.time).toLocaleString('en-US')],
  ];
  return (
    <>
      <section className="panel result" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          <span className="badge" aria-hidden="true">
            ✓
          </span>
          Payment approved
        </h1>
        <p>Thank you! Your order is confirmed and your coffee is on its way.</p>
        <dl className="receipt" id="receipt">
          {rows.map(([name, value]) => (
            <div className="receipt-row" key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <Link className="button-link" href="/" id="back-to-shop">
          Back to the shop
        </Link>
      </section>
      <aside className="side">
        <OrderSummary cart={cart} />
      </aside>
    </>
  );
}
