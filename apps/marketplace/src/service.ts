import { type Amount, AntomApiError, type AntomClient } from '@antomkit/core';
import { parseReport, type ReconcileResult, reconcile } from '@antomkit/core/reports';
import { type MarketplaceRecords, type Order, RecordError, type Seller } from './records';

/** The one item each seller lists; prices live on the server, never in the browser. */
export const ITEM = { name: 'Handmade mug', price: { currency: 'USD', value: '2500' } } as const;
/** The marketplace keeps 10 % of what is settled. */
export const COMMISSION_PERCENT = 10n;

export interface ServiceOptions {
  antom: AntomClient;
  records: MarketplaceRecords;
  /** The app's own origin, for paymentRedirectUrl and paymentNotifyUrl (read per call: known once listening). */
  publicUrl: () => string;
  /** Where reports are served (`<origin>/sandbox/reports`): the sandbox, when there is one. */
  reportsOrigin?: string;
}

const SELLER_ID = /^[a-z0-9][a-z0-9-]{1,30}$/;

export class MarketplaceService {
  constructor(private readonly o: ServiceOptions) {}

  get records(): MarketplaceRecords {
    return this.o.records;
  }

  /** Onboards a seller: `/v1/merchants/register`; the outcome arrives as REGISTRATION_RESULT. */
  async registerSeller(input: { sellerId?: string; name?: string; loginId?: string; legalName?: string }) {
    const sellerId = (input.sellerId ?? '').trim().toLowerCase();
    if (!SELLER_ID.test(sellerId)) throw new RecordError(400, 'sellerId: 2-31 lowercase letters, digits or "-".');
    const existing = this.records.sellers.get(sellerId);
    if (existing && existing.status !== 'FAILED')
      throw new RecordError(409, `Seller ${sellerId} is ${existing.status}.`);
    const seller: Seller = {
      sellerId,
      name: (input.name ?? sellerId).slice(0, 80),
      loginId: (input.loginId ?? '').slice(0, 120),
      registrationRequestId: this.records.nextId(`reg-${sellerId}`),
      status: 'PROCESSING',
    };
    this.records.sellers.set(sellerId, seller);
    await this.o.antom.merchants.register({
      registrationRequestId: seller.registrationRequestId,
      merchantInfo: {
        referenceMerchantId: sellerId,
        loginId: seller.loginId,
        legalEntityType: 'COMPANY',
        company: { legalName: (input.legalName ?? '').slice(0, 120) },
      },
      settlementInfos: [
        {
          settlementCurrency: 'USD',
          settlementBankAccount: { bankAccountNo: '000123456', accountHolderName: seller.name, bankRegion: 'SG' },
        },
      ],
    });
    return seller;
  }

  /** A buyer orders a seller's item: the payment names the seller (`order.merchant.referenceMerchantId`). */
  async checkout(sellerId: string): Promise<{ order: Order; redirectUrl: string }> {
    const seller = this.records.seller(sellerId);
    if (seller.status !== 'SUCCESSFUL')
      throw new RecordError(409, `Seller ${sellerId} cannot sell yet (${seller.status}).`);
    const orderId = this.records.nextId('ord');
    const order: Order = {
      orderId,
      sellerId,
      item: ITEM.name,
      amount: { ...ITEM.price },
      paymentRequestId: `pay-${orderId}`,
      status: 'PENDING',
      refunds: [],
    };
    this.records.orders.set(orderId, order);
    const paid = await this.o.antom.payments.pay({
      productCode: 'CASHIER_PAYMENT',
      paymentRequestId: order.paymentRequestId,
      order: {
        referenceOrderId: orderId,
        orderDescription: `${ITEM.name} from ${seller.name}`,
        orderAmount: order.amount,
        merchant: { referenceMerchantId: sellerId, merchantName: seller.name },
      },
      paymentAmount: order.amount,
      settlementStrategy: { settlementCurrency: 'USD' },
      paymentMethod: { paymentMethodType: 'ALIPAY_CN' },
      paymentRedirectUrl: `${this.o.publicUrl()}/orders/${orderId}`,
      paymentNotifyUrl: `${this.o.publicUrl()}/antom/notifications`,
      env: { terminalType: 'WEB' },
    });
    if (paid.paymentId) order.paymentId = paid.paymentId;
    if (!paid.normalUrl) throw new RecordError(502, 'Antom gave no cashier URL.');
    return { order, redirectUrl: paid.normalUrl };
  }

  /** On the buyer's return the notification may still be on its way: ask Antom. */
  async refreshPayment(order: Order): Promise<void> {
    if (order.status !== 'PENDING') return;
    const inquiry = await this.o.antom.payments.inquiryPayment({ paymentRequestId: order.paymentRequestId });
    this.paymentOutcome(order, inquiry.paymentStatus, inquiry.paymentId, inquiry.earliestSettlementTime);
  }

  paymentOutcome(order: Order, status: string | undefined, paymentId?: string, earliestSettlementTime?: string) {
    if (paymentId) order.paymentId = paymentId;
    if (earliestSettlementTime) order.earliestSettlementTime = earliestSettlementTime;
    if (order.status !== 'PENDING') return;
    if (status === 'SUCCESS') order.status = 'PAID';
    else if (status === 'FAIL') order.status = 'FAILED';
    else if (status === 'CANCELLED') order.status = 'CANCELLED';
  }

  /** Splits what was paid minus refunds: 90 % to the seller, 10 % to the marketplace, after earliestSettlementTime. */
  async settle(order: Order): Promise<void> {
    if (!order.paymentId || (order.status !== 'PAID' && order.status !== 'PARTIALLY_REFUNDED')) {
      throw new RecordError(409, `Order ${order.orderId} is ${order.status}; only paid orders are settled.`);
    }
    if (order.settlement) throw new RecordError(409, 'This order was settled already.');
    const from = order.earliestSettlementTime ? Date.parse(order.earliestSettlementTime) : Number.NaN;
    if (!(Date.now() >= from)) {
      throw new RecordError(
        409,
        `Not yet: Antom allows settling from ${order.earliestSettlementTime ?? 'a time it has not sent yet'}.`,
      );
    }
    const total = BigInt(order.amount.value) - this.records.refunded(order);
    const marketplace = (total * COMMISSION_PERCENT) / 100n;
    const currency = order.amount.currency;
    const details = [
      { settleTo: 'SELLER' as const, amount: { currency, value: String(total - marketplace) }, arrived: false },
      { settleTo: 'MARKETPLACE' as const, amount: { currency, value: String(marketplace) }, arrived: false },
    ];
    const settlementRequestId = `settle-${order.orderId}`;
    const answer = await this.o.antom.payments.settle({
      settlementRequestId,
      paymentId: order.paymentId,
      settlementDetails: details.map((d) => ({ settleTo: d.settleTo, settlementAmount: d.amount })),
    });
    order.settlement = {
      settlementRequestId,
      ...(answer.settlementId ? { settlementId: answer.settlementId } : {}),
      details,
    };
  }

  async refund(order: Order, amount?: Amount): Promise<string> {
    if (!order.paymentId || (order.status !== 'PAID' && order.status !== 'PARTIALLY_REFUNDED')) {
      throw new RecordError(409, `Order ${order.orderId} is ${order.status}; nothing to refund.`);
    }
    const left = BigInt(order.amount.value) - this.records.refunded(order);
    const refundAmount = amount ?? { currency: order.amount.currency, value: String(left) };
    if (refundAmount.currency !== order.amount.currency || !/^[1-9][0-9]{0,17}$/.test(refundAmount.value)) {
      throw new RecordError(400, `amount must be ${order.amount.currency} minor units above 0.`);
    }
    if (BigInt(refundAmount.value) > left)
      throw new RecordError(400, `At most ${order.amount.currency} ${left} is left to refund.`);
    const refundRequestId = this.records.nextId(`refund-${order.orderId}`);
    order.refunds.push({ refundRequestId, amount: refundAmount, status: 'PENDING' });
    try {
      await this.o.antom.payments.refund({
        refundRequestId,
        paymentId: order.paymentId,
        refundAmount,
        refundNotifyUrl: `${this.o.publicUrl()}/antom/notifications`,
      });
    } catch (error) {
      if (error instanceof AntomApiError) order.refunds.at(-1)!.status = 'FAIL';
      throw error;
    }
    return refundRequestId;
  }

  async answerDispute(order: Order, answer: 'accept' | 'defend'): Promise<void> {
    const dispute = order.dispute;
    if (!dispute) throw new RecordError(409, 'This order has no dispute.');
    if (answer === 'accept') await this.o.antom.payments.acceptDispute({ disputeId: dispute.disputeId });
    else {
      const evidence = Buffer.from(`Order ${order.orderId}: delivered, signed for.`).toString('base64');
      await this.o.antom.payments.supplyDefenseDocument({ disputeId: dispute.disputeId, disputeEvidence: evidence });
    }
  }

  /** Fetches Antom's transaction details reports and reconciles them with the marketplace's records. */
  async reconciliation(): Promise<{ files: string[]; result: ReconcileResult }> {
    if (!this.o.reportsOrigin)
      throw new RecordError(501, 'Reports come over SFTP from Antom; this demo reads them from the sandbox.');
    const base = `${this.o.reportsOrigin}/sandbox/reports`;
    const list = (await (await fetch(base)).json()) as string[];
    const files = list.filter((name) => name.startsWith('transactionItems_'));
    const texts = await Promise.all(
      files.map(async (name) => (await fetch(`${base}/${encodeURIComponent(name)}`)).text()),
    );
    async function* rows() {
      for (const text of texts) yield* parseReport([text]);
    }
    return { files, result: await reconcile(rows(), this.records.merchantRecords()) };
  }

  /** Seller balance (`/v1/accounts/inquireBalance`), or undefined before the seller is live. */
  async balance(seller: Seller): Promise<{ available: Amount; frozen?: Amount } | undefined> {
    if (seller.status !== 'SUCCESSFUL') return undefined;
    const r = await this.o.antom.accounts.inquireBalance({ referenceMerchantId: seller.sellerId });
    const usd = r.accountBalances?.find((b) => b.currency === 'USD');
    return usd
      ? { available: usd.availableBalance, ...(usd.frozenBalance ? { frozen: usd.frozenBalance } : {}) }
      : { available: { currency: 'USD', value: '0' } };
  }
}
