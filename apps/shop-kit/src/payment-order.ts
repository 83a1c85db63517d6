import type { Money } from './catalogue';
import type { Order } from './orders';

/** An order as the adapters' payment routes take it (`ResolvedOrder`): the amount is the database's. */
export interface PaymentOrder {
  orderId: string;
  amount: Money;
  description: string;
  paymentRequestId?: string;
  paymentId?: string;
}

export function paymentOrder(order: Order | undefined): PaymentOrder | undefined {
  return (
    order && {
      orderId: order.orderId,
      amount: order.amount,
      description: `Order ${order.orderId}`,
      ...(order.paymentRequestId ? { paymentRequestId: order.paymentRequestId } : {}),
      ...(order.paymentId ? { paymentId: order.paymentId } : {}),
    }
  );
}
