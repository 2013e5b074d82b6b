import type { Order, Transaction, TransactionCard } from '../../domain/orders/index.ts';

/** An order as JSON holds it: every amount a decimal string of minor units, exact beyond 2^53. */
export type OrderDocument = Omit<
  Order,
  'amount' | 'totalAuthorizedAmount' | 'totalCapturedAmount' | 'totalRefundedAmount' | 'transactions'
> & {
  amount: string;
  totalAuthorizedAmount: string;
  totalCapturedAmount: string;
  totalRefundedAmount: string;
  transactions: (Omit<Transaction, 'amount'> & { amount: string; card?: TransactionCard })[];
};

export function toDocument(order: Order): OrderDocument {
  return {
    ...order,
    amount: order.amount.toString(),
    totalAuthorizedAmount: order.totalAuthorizedAmount.toString(),
    totalCapturedAmount: order.totalCapturedAmount.toString(),
    totalRefundedAmount: order.totalRefundedAmount.toString(),
    transactions: order.transactions.map((t) => ({ ...t, amount: t.amount.toString() })),
  };
}

export function fromDocument(document: OrderDocument): Order {
  return {
    ...document,
    amount: BigInt(document.amount),
    totalAuthorizedAmount: BigInt(document.totalAuthorizedAmount),
    totalCapturedAmount: BigInt(document.totalCapturedAmount),
    totalRefundedAmount: BigInt(document.totalRefundedAmount),
    transactions: document.transactions.map(({ card, ...t }) => ({
      ...t,
      amount: BigInt(t.amount),
      // Written before gift cards and bank accounts, a transaction kept its card as `card`.
      ...(card ? { sourceOfFunds: { type: 'CARD' as const, provided: { card } } } : {}),
    })),
  };
}
