import { OrderSummary } from '../components/OrderSummary.tsx';
import { Link } from '../router.tsx';
import { useCart } from '../use-cart.ts';

export function CartPage() {
  const cart = useCart();
  return (
    <>
      <section className="panel cart-panel" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          Your cart
        </h1>
        <p className="muted">Freshly roasted this week and shipped within two days.</p>
        <ul className="perks">
          <li>Free returns on brewing gear for 30 days</li>
          <li>Roasted to order in small batches</li>
          <li>Carbon-neutral shipping</li>
        </ul>
        <Link className="button-link wide" href="/checkout" id="go-to-checkout">
          Go to checkout
        </Link>
      </section>
      <aside className="side">
        <OrderSummary cart={cart} />
      </aside>
    </>
  );
}
