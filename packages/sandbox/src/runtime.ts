import type { KeyObject } from 'node:crypto';
import type { Faults } from './faults';
import type { Notifier } from './notifier';
import type { Scenarios } from './scenarios';
import {
  captureResult,
  disputeNotification,
  paymentResult,
  refundResult,
  settlementResult,
} from './state/notifications';
import { type Merchant, newId, type SandboxStore } from './state/store';
import type { Capture, Dispute, Payment, Settlement } from './state/types';
import { antomTime } from './time';

export interface ApiCall {
  at: string;
  path: string;
  clientId: string;
  resultStatus: string;
  resultCode: string;
  durationMs: number;
}

const MAX_CALLS = 500;

export interface RuntimeOptions {
  timeScale: number;
  /** Default time to pay when a request sets no paymentExpiryTime. */
  paymentExpiryMs: number;
  maxBodyBytes: number;
  onError: (error: unknown) => void;
}

/** What every part of the sandbox shares: state, outgoing notifications, faults and the public URL. */
export class SandboxRuntime {
  url = '';
  /** The most recent API calls, newest last, for the dashboard. */
  readonly calls: ApiCall[] = [];
  private readonly expiryTimers = new Set<NodeJS.Timeout>();

  constructor(
    readonly store: SandboxStore,
    readonly notifier: Notifier,
    readonly faults: Faults,
    readonly scenarios: Scenarios,
    readonly antomPrivateKey: KeyObject,
    readonly options: RuntimeOptions,
  ) {}

  recordCall(call: ApiCall): void {
    this.calls.push(call);
    if (this.calls.length > MAX_CALLS) this.calls.shift();
  }

  reportError(error: unknown): void {
    this.options.onError(error);
  }

  merchantOf(owner: string): Merchant | undefined {
    return this.store.merchants.get(owner);
  }

  cashierUrl(paymentId: string): string {
    return `${this.url}/cashier/${encodeURIComponent(paymentId)}`;
  }

  /** A PROCESSING payment fails as ORDER_IS_CLOSED once its expiry passes. */
  watchExpiry(payment: Payment): void {
    const delay = Math.max(0, payment.expiresAt - Date.now());
    if (delay > 2_147_000_000) return;
    const timer = setTimeout(() => {
      this.expiryTimers.delete(timer);
      this.expireIfDue(payment);
    }, delay);
    timer.unref();
    this.expiryTimers.add(timer);
  }

  expireIfDue(payment: Payment): void {
    if (payment.status !== 'PROCESSING' || Date.now() < payment.expiresAt) return;
    this.finishPayment(payment, 'FAIL', 'ORDER_IS_CLOSED', 'The payment expired before the buyer paid.');
  }

  /** Moves a PROCESSING payment to its final state and tells the merchant. */
  finishPayment(payment: Payment, status: 'SUCCESS' | 'FAIL' | 'CANCELLED', code: string, message: string): void {
    if (payment.status !== 'PROCESSING') return;
    payment.status = status;
    payment.resultCode = code;
    payment.resultMessage = message;
    const now = antomTime();
    if (status === 'SUCCESS') {
      payment.paymentTime = now;
      if (payment.captureMode === 'AUTOMATIC') payment.captured = BigInt(payment.paymentAmount.value);
    }
    if (status === 'CANCELLED') payment.cancelTime = now;
    this.notifyPayment(payment);
    if (status === 'SUCCESS' && payment.captureMode === 'AUTOMATIC' && payment.paymentMethodType === 'CARD') {
      this.notifyCapture(payment, this.autoCapture(payment));
    }
  }

  notifyPayment(payment: Payment): void {
    if (!payment.paymentNotifyUrl) return;
    this.notifier.send({
      type: 'PAYMENT_RESULT',
      owner: payment.owner,
      url: payment.paymentNotifyUrl,
      payload: paymentResult(payment),
      relatedId: payment.paymentId,
    });
  }

  notifyCapture(payment: Payment, capture: Capture): void {
    if (!payment.paymentNotifyUrl) return;
    this.notifier.send({
      type: 'CAPTURE_RESULT',
      owner: payment.owner,
      url: payment.paymentNotifyUrl,
      payload: captureResult(capture),
      relatedId: payment.paymentId,
    });
  }

  notifyRefund(refundId: string): void {
    const refund = this.store.refunds.get(refundId);
    if (!refund) return;
    const url = refund.refundNotifyUrl ?? this.merchantOf(refund.owner)?.notificationUrl;
    if (!url) return;
    this.notifier.send({
      type: 'REFUND_RESULT',
      owner: refund.owner,
      url,
      payload: refundResult(refund),
      relatedId: refund.paymentId,
    });
  }

  /** The dashboard notification URL, else the payment's notify URL, so a one-endpoint app still hears it. */
  merchantNotifyUrl(owner: string, payment?: Payment): string | undefined {
    return this.merchantOf(owner)?.notificationUrl ?? payment?.paymentNotifyUrl;
  }

  notifyDispute(dispute: Dispute, type: string): void {
    const payment = this.store.payments.get(dispute.paymentId);
    const url = this.merchantNotifyUrl(dispute.owner, payment);
    if (!url) return;
    this.notifier.send({
      type,
      owner: dispute.owner,
      url,
      payload: disputeNotification(dispute, type),
      relatedId: dispute.paymentId,
    });
  }

  /** Opens a chargeback on a paid payment (dashboard button). */
  openDispute(paymentId: string, reasonCode = '10.4'): Dispute {
    const payment = this.store.payments.get(paymentId);
    if (!payment) throw new Error(`No payment ${paymentId}.`);
    if (payment.status !== 'SUCCESS')
      throw new Error(`Payment ${paymentId} is ${payment.status}; only paid payments can be disputed.`);
    const now = Date.now();
    const dispute: Dispute = {
      owner: payment.owner,
      disputeId: newId('2025'),
      paymentId,
      paymentRequestId: payment.paymentRequestId,
      disputeAmount: { ...payment.paymentAmount },
      disputeReasonCode: reasonCode,
      disputeTime: antomTime(now),
      defenseDueTime: antomTime(now + 7 * 24 * 3600 * 1000),
      status: 'OPEN',
    };
    this.store.disputes.set(dispute.disputeId, dispute);
    this.notifyDispute(dispute, 'DISPUTE_CREATED');
    return dispute;
  }

  /** Settles what is left of a paid payment (captured - refunded - settled) to the merchant. */
  settle(
    payment: Payment,
    settlementRequestId = newId('settle-'),
    details?: Settlement['details'],
    fingerprint = '',
  ): Settlement {
    const remaining = payment.captured - payment.refunded - payment.settled;
    const list = details ?? [
      {
        settleTo: 'MARKETPLACE',
        settlementAmount: { currency: payment.paymentAmount.currency, value: String(remaining) },
      },
    ];
    const total = list.reduce((sum, d) => sum + BigInt(d.settlementAmount.value), 0n);
    payment.settled += total;
    const now = antomTime();
    const settlement: Settlement = {
      owner: payment.owner,
      settlementId: newId('2026'),
      settlementRequestId,
      paymentId: payment.paymentId,
      details: list,
      createdAt: now,
      fingerprint,
      response: {},
    };
    this.store.addSettlement(settlement);
    const url = this.merchantNotifyUrl(payment.owner, payment);
    if (url) {
      for (const detail of list) {
        this.notifier.send({
          type: 'SETTLEMENT_RESULT',
          owner: payment.owner,
          url,
          payload: settlementResult(settlement, detail, now),
          relatedId: payment.paymentId,
        });
      }
    }
    return settlement;
  }

  private autoCapture(payment: Payment): Capture {
    const capture: Capture = {
      owner: payment.owner,
      captureId: newId('2026'),
      captureRequestId: `auto-${payment.paymentRequestId}`.slice(0, 64),
      paymentId: payment.paymentId,
      captureAmount: { ...payment.paymentAmount },
      captureTime: antomTime(),
      fingerprint: '',
      response: {},
    };
    this.store.addCapture(capture);
    return capture;
  }

  close(): void {
    for (const t of this.expiryTimers) clearTimeout(t);
    this.expiryTimers.clear();
  }
}
