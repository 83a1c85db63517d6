import type { NotificationContext } from '@antomkit/core';
import { OnAntomNotification, type PaymentResultNotification, type RefundResultNotification } from '@antomkit/nestjs';
import { OrderStore, orderNotificationHandlers } from '@antomkit/shop-kit';
import { Inject, Injectable } from '@nestjs/common';
import { SHOP_OPTIONS, type ShopConfig } from './shop-options';

/**
 * Orders change here and only here: AntomModule's guard has verified the signature before these run, and each
 * update is one transaction that also records the notification's key, so a replay changes nothing. A throw
 * answers 500 without the ack, and Antom sends the notification again.
 */
@Injectable()
export class OrderNotifications {
  private readonly apply: ReturnType<typeof orderNotificationHandlers>;

  constructor(@Inject(OrderStore) orders: OrderStore, @Inject(SHOP_OPTIONS) shop: ShopConfig) {
    this.apply = orderNotificationHandlers(orders, shop.logger === false ? false : console.log);
  }

  @OnAntomNotification('PAYMENT_RESULT')
  onPaymentResult(n: PaymentResultNotification, context: NotificationContext): Promise<void> {
    return this.apply.PAYMENT_RESULT(n, context) as Promise<void>;
  }

  @OnAntomNotification('REFUND_RESULT')
  onRefundResult(n: RefundResultNotification, context: NotificationContext): Promise<void> {
    return this.apply.REFUND_RESULT(n, context) as Promise<void>;
  }
}
