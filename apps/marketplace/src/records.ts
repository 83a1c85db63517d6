import type { Amount } from '@antomkit/core';
import type { MerchantRecord } from '@antomkit/core/reports';

export type SellerStatus = 'PROCESSING' | 'SUCCESSFUL' | 'FAILED';
export type OrderStatus = 'PENDING' | 'PAID' | 'FAILED' | 'CANCELLED' | 'PARTIALLY_REFUNDED' | 'REFUNDED';

export interface Seller {
  sellerId: string;
  name: string;
  loginId: string;
  registrationRequestId: string;
  status: SellerStatus;
  reasonCode?: string;
  reasonMessage?: string;
}

export interface OrderRefund {
  refundRequestId: string;
  amount: Amount;
  status: 'PENDING' | 'SUCCESS' | 'FAIL';
}

export interface OrderSettlement {
  settlementRequestId: string;
  settlementId?: string;
  details: Array<{ settleTo: 'SELLER' | 'MARKETPLACE'; amount: Amount; arrived: boolean }>;
}

export interface OrderDispute {
  disputeId: string;
  amount?: Amount;
  /** The last dispute notification: DISPUTE_CREATED, DISPUTE_ACCEPTED, DEFENSE_SUPPLIED, DISPUTE_JUDGED, ... */
  status: string;
  judgedResult?: string;
}

export interface Order {
  orderId: string;
  sellerId: string;
  item: string;
  amount: Amount;
  paymentRequestId: string;
  paymentId?: string;
  status: OrderStatus;
  earliestSettlementTime?: string;
  refunds: OrderRefund[];
  settlement?: OrderSettlement;
  dispute?: OrderDispute;
}

export class RecordError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RecordError';
  }
}

/**
 * The marketplace's own books, in memory (a real marketplace keeps them in its database: see apps/shop-kit for
 * PGlite/PostgreSQL). Every state change comes from an Antom answer or a verified notification.
 */
export class MarketplaceRecords {
  readonly sellers = new Map<string, Seller>();
  readonly orders = new Map<string, Order>();
  private sequence = 0;

  nextId(prefix: string): string {
    this.sequence++;
    return `${prefix}-${Date.now().toString(36)}-${this.sequence}`;
  }

  seller(sellerId: string): Seller {
    const seller = this.sellers.get(sellerId);
    if (!seller) throw new RecordError(404, `No seller ${sellerId}.`);
    return seller;
  }

  order(orderId: string): Order {
    const order = this.orders.get(orderId);
    if (!order) throw new RecordError(404, `No order ${orderId}.`);
    return order;
  }

  orderByPayment(ids: { paymentId?: string; paymentRequestId?: string }): Order | undefined {
    return [...this.orders.values()].find(
      (o) =>
        (ids.paymentId !== undefined && o.paymentId === ids.paymentId) ||
        (ids.paymentRequestId !== undefined && o.paymentRequestId === ids.paymentRequestId),
    );
  }

  refunded(order: Order): bigint {
    return order.refunds.filter((r) => r.status !== 'FAIL').reduce((sum, r) => sum + BigInt(r.amount.value), 0n);
  }

  /** Recomputes PAID / PARTIALLY_REFUNDED / REFUNDED from the refunds that succeeded. */
  updateRefundStatus(order: Order): void {
    if (order.status !== 'PAID' && order.status !== 'PARTIALLY_REFUNDED' && order.status !== 'REFUNDED') return;
    const done = order.refunds.filter((r) => r.status === 'SUCCESS').reduce((s, r) => s + BigInt(r.amount.value), 0n);
    order.status = done === 0n ? 'PAID' : done >= BigInt(order.amount.value) ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  }

  /** What `reconcile` from `@antomkit/core/reports` compares Antom's report with. */
  merchantRecords(): MerchantRecord[] {
    const records: MerchantRecord[] = [];
    for (const o of this.orders.values()) {
      records.push({
        paymentRequestId: o.paymentRequestId,
        ...(o.paymentId ? { paymentId: o.paymentId } : {}),
        amount: o.amount,
        status: o.status,
        ref: o.orderId,
      });
      for (const r of o.refunds) {
        records.push({
          paymentRequestId: o.paymentRequestId,
          refundRequestId: r.refundRequestId,
          amount: r.amount,
          status: r.status,
          ref: `${o.orderId} refund`,
        });
      }
    }
    return records;
  }
}
