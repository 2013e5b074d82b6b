import type { ReactNode } from 'react';
import { Link } from '../router.tsx';
import { Icon } from './Icon.tsx';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="site-header">
        <Link className="logo" href="/">
          <Icon id="logo" />
          Harbor &amp; Pine
        </Link>
        <span className="secure">
          <Icon id="lock" />
          Secure checkout
        </span>
      </header>
      <main className="checkout">{children}</main>
    </>
  );
}
