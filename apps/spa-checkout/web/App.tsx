import { useEffect, useRef } from 'react';
import { Layout } from './components/Layout.tsx';
import { CartPage } from './pages/CartPage.tsx';
import { CheckoutPage, SaveCardPage } from './pages/CheckoutPage.tsx';
import { ReceiptPage } from './pages/ReceiptPage.tsx';
import { useLocation } from './router.tsx';

const ROUTES: Record<string, { title: string; Page: () => React.JSX.Element }> = {
  '/': { title: 'Your cart', Page: CartPage },
  '/checkout': { title: 'Checkout', Page: CheckoutPage },
  '/receipt': { title: 'Receipt', Page: ReceiptPage },
  '/save-card': { title: 'Save a card', Page: SaveCardPage },
};

export function App() {
  const { path } = useLocation();
  const route = ROUTES[path] ?? ROUTES['/']!;
  const first = useRef(true);

  // A route change is a new page to assistive technology: name it, and move the focus to its heading.
  useEffect(() => {
    document.title = `${route.title} · Harbor & Pine Coffee`;
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [route]);

  return (
    <Layout>
      <route.Page />
    </Layout>
  );
}
