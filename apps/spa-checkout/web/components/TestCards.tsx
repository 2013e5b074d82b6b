import { installCopyButtons } from '@hosted-session/demo-checkout/checkout-text';
import { useEffect, useRef, useState } from 'react';
import { getTestCards, type TestCardData } from '../api.ts';
import { Icon } from './Icon.tsx';

/** The sandbox's test cards and outcomes, as on the script-tag page; one click copies a number. */
export function TestCards() {
  const [data, setData] = useState<TestCardData>();
  const panel = useRef<HTMLElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    let live = true;
    getTestCards().then(
      (cards) => live && setData(cards),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => installCopyButtons(panel.current!, status.current!), []);

  return (
    <section className="panel test-cards" aria-labelledby="test-cards-title" ref={panel}>
      <h2 id="test-cards-title">
        <span className="tag">Sandbox</span> Test cards
      </h2>
      <p className="muted">
        Any name. The <strong>expiry date</strong> picks the outcome; the security code picks the CSC check.
      </p>
      <ul className="cards">
        {data?.cards.map((card) => (
          <li key={card.number}>
            <Icon id={card.icon} className="card-icon" />
            <span className="card-brand">{card.brand}</span>
            <code>{card.display}</code>
            <button
              type="button"
              className="copy"
              data-copy={card.number}
              aria-label={`Copy ${card.brand} number ${card.display}`}
            >
              Copy
            </button>
          </li>
        ))}
      </ul>
      <div className="outcomes">
        <table>
          <caption>Expiry → outcome</caption>
          <tbody>
            {data?.expiryOutcomes.map((row) => (
              <tr key={row.expiry}>
                <th scope="row">{row.expiry}</th>
                <td>{row.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>CSC (Amex) → result</caption>
          <tbody>
            {data?.cscOutcomes.map((row) => (
              <tr key={row.securityCode}>
                <th scope="row">
                  {row.securityCode} / {row.amex}
                </th>
                <td>{row.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="copied" role="status" ref={status} />
    </section>
  );
}
