import { randomBytes } from 'node:crypto';
import { type CartItem, type Money, priceCart, ShopInputError } from './catalogue';
import type { Sql } from './database';
import { schema } from './schema';

export type OrderStatus = 'CREATED' | 'PENDING' | 'PAID' | 'FAILED' | 'CANCELLED' | 'REFUNDED' | 'PARTIALLY_REFUNDED';

export interface Refund {
  refundRequestId: string;
  amount: Money;
  status: 'PROCESSING' | 'SUCCESS' | 'FAIL';
  refundId?: string;
}

export interface Order {
  orderId: string;
  status: OrderStatus;
  amount: Money;
  items: CartItem[];
  paymentRequestId?: string;
  paymentId?: string;
  refunds: Refund[];
}

export type PaymentOutcome = 'SUCCESS' | 'FAIL' | 'CANCELLED' | 'PROCESSING';

export class OrderStateError extends Error {
  override name = 'OrderStateError';
}

type Query = Pick<Sql, 'query'>;
type Row = Record<string, any>;

const FINAL_ATTEMPT = new Set(['SUCCESS', 'FAIL', 'CANCELLED']);

/**
 * Orders and their Antom payments. Every state change is one transaction, and every notification is applied
 * at most once: its key is inserted in the same transaction as the change it causes.
 */
export class OrderStore {
  constructor(readonly sql: Sql) {}

  static async open(sql: Sql): Promise<OrderStore> {
    await sql.transaction(async (tx) => {
      for (const statement of schema.split(';').filter((s) => s.trim())) await tx.query(statement);
    });
    return new OrderStore(sql);
  }

  async createOrder(items: unknown): Promise<Order> {
    const priced = priceCart(items);
    const orderId = `ord_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
    await this.sql.query(
      'INSERT INTO orders (order_id, status, currency, amount_value, items) VALUES ($1, $2, $3, $4, $5)',
      [orderId, 'CREATED', priced.amount.currency, priced.amount.value, JSON.stringify(priced.items)],
    );
    return (await this.getOrder(orderId))!;
  }

  async getOrder(orderId: string, q: Query = this.sql): Promise<Order | undefined> {
    const [row] = await q.query<Row>('SELECT * FROM orders WHERE order_id = $1', [orderId]);
    if (!row) return undefined;
    const refunds = await q.query<Row>(
      'SELECT * FROM refunds WHERE order_id = $1 ORDER BY created_at, refund_request_id',
      [orderId],
    );
    return toOrder(row, refunds);
  }

  /**
   * The payment request id for the order's current attempt: created once, reused while that attempt is open
   * (so a retried checkout can never pay twice), renewed only after the last attempt failed or was cancelled.
   */
  async startCheckout(orderId: string): Promise<{ order: Order; paymentRequestId: string }> {
    return this.sql.transaction(async (tx) => {
      const [row] = await tx.query<Row>('SELECT * FROM orders WHERE order_id = $1 FOR UPDATE', [orderId]);
      if (!row) throw new OrderStateError(`order ${orderId} does not exist`);
      if (row.status === 'PENDING' && row.current_payment_request_id) {
        return { order: (await this.getOrder(orderId, tx))!, paymentRequestId: row.current_payment_request_id };
      }
      if (!['CREATED', 'FAILED', 'CANCELLED'].includes(row.status)) {
        throw new OrderStateError(`order ${orderId} is ${row.status} and cannot be paid again`);
      }
      const attempt = Number(row.attempts) + 1;
      const paymentRequestId = `${orderId}_p${attempt}`;
      await tx.query('INSERT INTO payment_attempts (payment_request_id, order_id, status) VALUES ($1, $2, $3)', [
        paymentRequestId,
        orderId,
        'PROCESSING',
      ]);
      await tx.query(
        "UPDATE orders SET status = 'PENDING', attempts = $2, current_payment_request_id = $3, updated_at = now() WHERE order_id = $1",
        [orderId, attempt, paymentRequestId],
      );
      await event(tx, orderId, 'CHECKOUT', paymentRequestId);
      return { order: (await this.getOrder(orderId, tx))!, paymentRequestId };
    });
  }

  /** Applies a payment outcome once. A final attempt never changes again; a success always wins. */
  async applyPaymentResult(input: {
    paymentRequestId: string;
    paymentId?: string;
    outcome: PaymentOutcome;
    notificationKey?: string;
  }): Promise<{ applied: boolean; order?: Order }> {
    return this.sql.transaction(async (tx) => {
      if (input.notificationKey && !(await claimNotification(tx, input.notificationKey))) return { applied: false };
      const [attempt] = await tx.query<Row>('SELECT * FROM payment_attempts WHERE payment_request_id = $1 FOR UPDATE', [
        input.paymentRequestId,
      ]);
      if (!attempt) return { applied: false };
      const orderId = attempt.order_id as string;
      if (FINAL_ATTEMPT.has(attempt.status) || input.outcome === 'PROCESSING') {
        return { applied: false, order: await this.getOrder(orderId, tx) };
      }
      await tx.query(
        'UPDATE payment_attempts SET status = $2, payment_id = COALESCE($3, payment_id) WHERE payment_request_id = $1',
        [input.paymentRequestId, input.outcome, input.paymentId ?? null],
      );
      const [order] = await tx.query<Row>('SELECT * FROM orders WHERE order_id = $1 FOR UPDATE', [orderId]);
      const current = order!.current_payment_request_id === input.paymentRequestId;
      if (input.outcome === 'SUCCESS' && ['CREATED', 'PENDING', 'FAILED', 'CANCELLED'].includes(order!.status)) {
        await setStatus(tx, orderId, 'PAID', input.paymentId);
      } else if (input.outcome !== 'SUCCESS' && current && order!.status === 'PENDING') {
        await setStatus(tx, orderId, input.outcome === 'FAIL' ? 'FAILED' : 'CANCELLED');
      }
      await event(tx, orderId, `PAYMENT_${input.outcome}`, input.paymentRequestId);
      return { applied: true, order: await this.getOrder(orderId, tx) };
    });
  }

  /** Reserves a refund of `amount` (default: what is left) within what was paid and not yet refunded. */
  async startRefund(
    orderId: string,
    amount?: Money,
  ): Promise<{ refundRequestId: string; paymentId: string; amount: Money }> {
    return this.sql.transaction(async (tx) => {
      const [row] = await tx.query<Row>('SELECT * FROM orders WHERE order_id = $1 FOR UPDATE', [orderId]);
      if (!row) throw new OrderStateError(`order ${orderId} does not exist`);
      if (!['PAID', 'PARTIALLY_REFUNDED'].includes(row.status) || !row.payment_id) {
        throw new OrderStateError(`order ${orderId} is ${row.status}; only paid orders can be refunded`);
      }
      const [reserved] = await tx.query<Row>(
        // Failed refunds free their amount but keep their number: a retry needs a new refundRequestId.
        "SELECT COALESCE(SUM(amount_value) FILTER (WHERE status <> 'FAIL'), 0) AS total, COUNT(*) AS n FROM refunds WHERE order_id = $1",
        [orderId],
      );
      const left = BigInt(row.amount_value) - BigInt(reserved!.total);
      if (amount && amount.currency !== row.currency) throw new ShopInputError(`refunds are in ${row.currency}`);
      if (amount && !/^[1-9][0-9]{0,17}$/.test(String(amount.value))) {
        throw new ShopInputError('amount.value must be a positive integer string in minor units');
      }
      const value = amount ? BigInt(amount.value) : left;
      if (value <= 0n || value > left)
        throw new OrderStateError(`at most ${left} ${row.currency} minor units can be refunded`);
      const refundRequestId = `${orderId}_r${Number(reserved!.n) + 1}`;
      await tx.query(
        "INSERT INTO refunds (refund_request_id, order_id, currency, amount_value, status) VALUES ($1, $2, $3, $4, 'PROCESSING')",
        [refundRequestId, orderId, row.currency, value.toString()],
      );
      await event(tx, orderId, 'REFUND_REQUESTED', refundRequestId);
      return {
        refundRequestId,
        paymentId: row.payment_id as string,
        amount: { currency: row.currency as string, value: value.toString() },
      };
    });
  }

  /** Applies a refund outcome once: only a PROCESSING refund moves, so a replay cannot refund twice. */
  async applyRefundResult(input: {
    refundRequestId: string;
    refundId?: string;
    outcome: 'SUCCESS' | 'FAIL';
    notificationKey?: string;
  }): Promise<{ applied: boolean; order?: Order }> {
    return this.sql.transaction(async (tx) => {
      if (input.notificationKey && !(await claimNotification(tx, input.notificationKey))) return { applied: false };
      const [refund] = await tx.query<Row>(
        "UPDATE refunds SET status = $2, refund_id = COALESCE($3, refund_id) WHERE refund_request_id = $1 AND status = 'PROCESSING' RETURNING *",
        [input.refundRequestId, input.outcome, input.refundId ?? null],
      );
      if (!refund) return { applied: false };
      const orderId = refund.order_id as string;
      if (input.outcome === 'SUCCESS') {
        const [order] = await tx.query<Row>(
          'UPDATE orders SET refunded_value = refunded_value + $2, updated_at = now() WHERE order_id = $1 RETURNING *',
          [orderId, refund.amount_value],
        );
        const full = BigInt(order!.refunded_value) >= BigInt(order!.amount_value);
        await setStatus(tx, orderId, full ? 'REFUNDED' : 'PARTIALLY_REFUNDED');
      }
      await event(tx, orderId, `REFUND_${input.outcome}`, input.refundRequestId);
      return { applied: true, order: await this.getOrder(orderId, tx) };
    });
  }

  /** Counts of what happened, for tests and the reliability suite: each transition is one row. */
  async events(orderId?: string): Promise<{ orderId: string; event: string; detail: string | null }[]> {
    const rows = await this.sql.query<Row>(
      `SELECT order_id, event, detail FROM order_events ${orderId ? 'WHERE order_id = $1' : ''} ORDER BY id`,
      orderId ? [orderId] : [],
    );
    return rows.map((r) => ({ orderId: r.order_id, event: r.event, detail: r.detail }));
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}

async function claimNotification(tx: Query, key: string): Promise<boolean> {
  const rows = await tx.query(
    'INSERT INTO processed_notifications (notification_key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING notification_key',
    [key],
  );
  return rows.length === 1;
}

async function setStatus(tx: Query, orderId: string, status: OrderStatus, paymentId?: string): Promise<void> {
  await tx.query(
    'UPDATE orders SET status = $2, payment_id = COALESCE($3, payment_id), updated_at = now() WHERE order_id = $1',
    [orderId, status, paymentId ?? null],
  );
}

async function event(tx: Query, orderId: string, name: string, detail?: string): Promise<void> {
  await tx.query('INSERT INTO order_events (order_id, event, detail) VALUES ($1, $2, $3)', [
    orderId,
    name,
    detail ?? null,
  ]);
}

function toOrder(row: Row, refunds: Row[]): Order {
  const items = typeof row.items === 'string' ? JSON.parse(row.items) : row.items;
  return {
    orderId: row.order_id,
    status: row.status,
    amount: { currency: row.currency, value: String(row.amount_value) },
    items,
    ...(row.current_payment_request_id ? { paymentRequestId: row.current_payment_request_id } : {}),
    ...(row.payment_id ? { paymentId: row.payment_id } : {}),
    refunds: refunds.map((r) => ({
      refundRequestId: r.refund_request_id,
      amount: { currency: r.currency, value: String(r.amount_value) },
      status: r.status,
      ...(r.refund_id ? { refundId: r.refund_id } : {}),
    })),
  };
}
