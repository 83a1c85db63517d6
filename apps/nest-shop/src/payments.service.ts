import { AntomApiError, AntomClient } from '@antomkit/core';
import { InjectAntom } from '@antomkit/nestjs';
import { type Money, type Order, OrderStore } from '@antomkit/shop-kit';
import { Inject, Injectable } from '@nestjs/common';
import { NOTIFY_PATH, SHOP_OPTIONS, type ShopConfig } from './shop-options';

export interface CheckoutResult {
  paymentRequestId: string;
  redirectUrl: string;
  paymentId?: string;
}

/** Antom calls for orders the database owns: amounts and ids come from there, never from the browser. */
@Injectable()
export class PaymentsService {
  constructor(
    @InjectAntom() private readonly antom: AntomClient,
    @Inject(OrderStore) private readonly orders: OrderStore,
    @Inject(SHOP_OPTIONS) private readonly shop: ShopConfig,
  ) {}

  /**
   * The hosted cashier payment for the order's current attempt. `startCheckout` reuses the open attempt's
   * paymentRequestId, so a retried checkout can never pay twice.
   */
  async checkout(order: Order, userAgent?: string): Promise<CheckoutResult> {
    const { paymentRequestId } = await this.orders.startCheckout(order.orderId);
    const returnUrl = `${this.shop.publicUrl}/orders/${encodeURIComponent(order.orderId)}`;
    const paid = await this.antom.payments.pay({
      productCode: 'CASHIER_PAYMENT',
      paymentRequestId,
      order: { referenceOrderId: order.orderId, orderDescription: `Order ${order.orderId}`, orderAmount: order.amount },
      paymentAmount: order.amount,
      paymentMethod: { paymentMethodType: 'CARD' },
      paymentRedirectUrl: returnUrl,
      paymentNotifyUrl: this.shop.publicUrl + NOTIFY_PATH,
      env: { terminalType: 'WEB', ...(userAgent ? { userAgent } : {}) },
    });
    return {
      paymentRequestId,
      redirectUrl: paid.normalUrl ?? returnUrl,
      ...(paid.paymentId ? { paymentId: paid.paymentId } : {}),
    };
  }

  /** Reserves the refund (default: what is left) in the database, then asks Antom; REFUND_RESULT settles it. */
  async refund(order: Order, amount?: Money): Promise<{ refundRequestId: string; refundId?: string }> {
    const plan = await this.orders.startRefund(order.orderId, amount);
    try {
      const answer = await this.antom.payments.refund({
        refundRequestId: plan.refundRequestId,
        paymentId: plan.paymentId,
        refundAmount: plan.amount,
        refundNotifyUrl: this.shop.publicUrl + NOTIFY_PATH,
      });
      return { refundRequestId: plan.refundRequestId, ...(answer.refundId ? { refundId: answer.refundId } : {}) };
    } catch (error) {
      // Antom refused the refund outright: release the reservation so it can be tried again.
      if (error instanceof AntomApiError) {
        await this.orders.applyRefundResult({ refundRequestId: plan.refundRequestId, outcome: 'FAIL' });
      }
      throw error;
    }
  }
}
