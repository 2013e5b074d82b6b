import { formatMoney, type Cart } from '../api.ts';

export function OrderSummary({ cart }: { cart: Cart | undefined }) {
  if (!cart) return <section className="panel summary" aria-busy="true" aria-label="Order summary" />;
  const money = (minor: number) => formatMoney(minor, cart.currency);
  return (
    <section className="panel summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Order summary</h2>
      <ul className="lines">
        {cart.lines.map((line) => (
          <li className="line" key={line.name}>
            <span className="line-qty">
              <span className="visually-hidden">Quantity </span>
              {line.quantity}
            </span>
            <span className="line-name">
              {line.name}
              <small>{line.detail}</small>
            </span>
            <span className="line-price">{money(line.quantity * line.unitPrice)}</span>
          </li>
        ))}
      </ul>
      <dl className="totals">
        <div>
          <dt>Subtotal</dt>
          <dd>{money(cart.subtotal)}</dd>
        </div>
        <div>
          <dt>Shipping</dt>
          <dd>{money(cart.shipping)}</dd>
        </div>
        <div>
          <dt>Estimated tax</dt>
          <dd>{money(cart.tax)}</dd>
        </div>
        <div className="grand">
          <dt>Total</dt>
          <dd>{money(cart.total)}</dd>
        </div>
      </dl>
    </section>
  );
}
