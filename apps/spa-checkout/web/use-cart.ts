import { useEffect, useState } from 'react';
import { getCart, type Cart } from './api.ts';

let cart: Promise<Cart> | undefined;

/** The server's cart, fetched once per page load: it prices the order, so the app only shows it. */
export function useCart(): Cart | undefined {
  const [value, setValue] = useState<Cart>();
  useEffect(() => {
    let live = true;
    cart ??= getCart();
    cart.then(
      (loaded) => live && setValue(loaded),
      () => (cart = undefined),
    );
    return () => {
      live = false;
    };
  }, []);
  return value;
}
