import type { Order, OrderStore } from '@antomkit/shop-kit';
import { ShopHttpException } from './shop-errors.filter';

/** The order, or a 404 `ORDER_NOT_FOUND`. */
export async function findOrder(orders: OrderStore, orderId: string): Promise<Order> {
  const order = await orders.getOrder(orderId);
  if (!order) throw new ShopHttpException(404, 'ORDER_NOT_FOUND', 'No such order.');
  return order;
}
