import type { KeyObject } from 'node:crypto';
import type { Faults } from './faults';
import type { IsvRegistry } from './isv';
import type { Notifier } from './notifier';
import type { Scenarios } from './scenarios';
import {
  captureResult,
  disputeNotification,
  paymentResult,
  refundResult,
  settlementResult,
} from './state/notifications';
import { clientIdOf, MARKETPLACE_ACCOUNT, type Merchant, newId, type SandboxStore, sellerAccount } from './state/store';
import type { Capture, Dispute, LedgerEntry, Payment, Settlement } from './state/types';
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
  /** Antom seconds from payment to earliestSettlementTime (divided by timeScale). */
  settlementDelaySeconds?: number;
}

/** Antom-time delays in seconds, each divided by timeScale. */
export const DELAYS = {
  /** Registration and settlement-info review ("about 5 minutes"). */
  review: 300,
  /** Payment -> earliestSettlementTime, unless `settlementDelaySeconds` says otherwise. */
  settlement: 3600,
  /** settle -> SETTLEMENT_RESULT. */
  settlementArrival: 60,
  /** Defense supplied -> DISPUTE_JUDGED. */
  judgement: 600,
} as const;

/** What every part of the sandbox shares: state, outgoing notifications, faults and the public URL. */
export class SandboxRuntime {
  url = '';
  /** The sandbox's default merchant (reports default to its data). */
  clientId = '';
  isv!: IsvRegistry;
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
    return this.store.merchants.get(clientIdOf(owner));
  }

  /** Runs `work` after `seconds` of Antom time (divided by timeScale); cancelled by close(). */
  later(seconds: number, work: () => void): void {
    const timer = setTimeout(
      () => {
        this.expiryTimers.delete(timer);
        try {
          work();
        } catch (error) {
          this.reportError(error);
        }
      },
      (seconds * 1000) / this.options.timeScale,
    );
    timer.unref();
    this.expiryTimers.add(timer);
  }

  /** The ledger account a payment's funds land in: its seller's, else the marketplace's own. */
  accountOf(payment: Payment): string {
    return payment.referenceMerchantId ? sellerAccount(payment.referenceMerchantId) : MARKETPLACE_ACCOUNT;
  }

  post(
    owner: string,
    account: string,
    currency: string,
    kind: LedgerEntry['kind'],
    ref: string,
    delta: { available?: bigint; frozen?: bigint },
  ): void {
    this.store.post({
      owner,
      account,
      currency,
      kind,
      ref,
      available: delta.available ?? 0n,
      frozen: delta.frozen ?? 0n,
      at: antomTime(),
    });
  }

  /** What is left to settle on a payment: captured - refunded before settlement - settled - held for disputes. */
  unsettled(payment: Payment): bigint {
    return payment.captured - payment.refundedUnsettled - payment.settled - payment.disputed;
  }

  /** Captured funds wait (frozen) until they are settled. */
  credit(payment: Payment, amount: bigint, kind: 'PAYMENT' | 'CAPTURE', ref: string): void {
    this.post(payment.owner, this.accountOf(payment), payment.paymentAmount.currency, kind, ref, { frozen: amount });
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
      const delay = this.options.settlementDelaySeconds ?? DELAYS.settlement;
      // Whole seconds, rounded up, so a caller reading the (second-precision) time never settles too early.
      payment.earliestSettlementAt = Math.ceil((Date.now() + (delay * 1000) / this.options.timeScale) / 1000) * 1000;
      if (payment.captureMode === 'AUTOMATIC') {
        payment.captured = BigInt(payment.paymentAmount.value);
        this.credit(payment, payment.captured, 'PAYMENT', payment.paymentId);
      }
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
      account: this.accountOf(payment),
    };
    this.holdForDispute(payment, dispute);
    this.store.disputes.set(dispute.disputeId, dispute);
    this.notifyDispute(dispute, 'DISPUTE_CREATED');
    return dispute;
  }

  /** A chargeback takes the amount from unsettled funds first, then from the account's available balance. */
  private holdForDispute(payment: Payment, dispute: Dispute): void {
    const amount = BigInt(dispute.disputeAmount.value);
    const fromUnsettled = this.unsettled(payment) < amount ? this.unsettled(payment) : amount;
    payment.disputed += fromUnsettled;
    const { currency } = dispute.disputeAmount;
    this.post(payment.owner, dispute.account!, currency, 'DISPUTE', dispute.disputeId, {
      frozen: -fromUnsettled,
      available: -(amount - fromUnsettled),
    });
  }

  /** After a defense, the sandbox judges for the merchant (evidence given) and gives the amount back. */
  judgeLater(dispute: Dispute): void {
    this.later(DELAYS.judgement, () => {
      if (dispute.status !== 'DEFENDED') return;
      dispute.status = 'JUDGED';
      dispute.judgedResult = 'ACCEPT_BY_CUSTOMER';
      dispute.resolutionTime = antomTime();
      const payment = this.store.payments.get(dispute.paymentId);
      this.post(
        dispute.owner,
        dispute.account!,
        dispute.disputeAmount.currency,
        'DISPUTE_REVERSAL',
        dispute.disputeId,
        {
          available: BigInt(dispute.disputeAmount.value),
        },
      );
      if (payment) this.notifyDispute(dispute, 'DISPUTE_JUDGED');
    });
  }

  /** Settles what is left of a paid payment (captured - refunded - settled) to the merchant. */
  settle(
    payment: Payment,
    settlementRequestId = newId('settle-'),
    details?: Settlement['details'],
    fingerprint = '',
  ): Settlement {
    const remaining = this.unsettled(payment);
    const list = (
      details ?? [
        {
          settleTo: payment.referenceMerchantId ? 'SELLER' : 'MARKETPLACE',
          settlementAmount: { currency: payment.paymentAmount.currency, value: String(remaining) },
        },
      ]
    ).map((d) =>
      d.settleTo === 'SELLER' && payment.referenceMerchantId
        ? { ...d, referenceMerchantId: payment.referenceMerchantId }
        : d,
    );
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
    const { currency } = payment.paymentAmount;
    this.post(payment.owner, this.accountOf(payment), currency, 'SETTLEMENT', settlement.settlementId, {
      frozen: -total,
    });
    for (const d of list) {
      const to = d.referenceMerchantId ? sellerAccount(d.referenceMerchantId) : MARKETPLACE_ACCOUNT;
      this.post(payment.owner, to, currency, 'SETTLEMENT', settlement.settlementId, {
        available: BigInt(d.settlementAmount.value),
      });
    }
    this.later(DELAYS.settlementArrival, () => {
      const url = this.merchantNotifyUrl(payment.owner, payment);
      if (!url) return;
      const arrival = antomTime();
      for (const detail of list) {
        this.notifier.send({
          type: 'SETTLEMENT_RESULT',
          owner: payment.owner,
          url,
          payload: settlementResult(settlement, detail, arrival),
          relatedId: payment.paymentId,
        });
      }
    });
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

  /** Antom-style time of a payment's earliestSettlementTime, if it has one. */
  earliestSettlementTime(payment: Payment): string | undefined {
    return payment.earliestSettlementAt === undefined ? undefined : antomTime(payment.earliestSettlementAt);
  }

  close(): void {
    for (const t of this.expiryTimers) clearTimeout(t);
    this.expiryTimers.clear();
  }
}
