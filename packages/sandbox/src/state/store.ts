import type { KeyObject } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import type {
  AgentMerchant,
  Authorization,
  Capture,
  Dispute,
  LedgerEntry,
  Owner,
  Payment,
  Refund,
  Settlement,
  SubMerchant,
  Transfer,
} from './types';

export interface Merchant {
  clientId: string;
  name: string;
  /** keyVersion -> merchant public key used to verify its requests. */
  publicKeys: Map<string, KeyObject>;
  /** The dashboard's notification URL: disputes, authorizations, registration, settlement. */
  notificationUrl?: string;
}

/** A map keyed by `owner + id`, so two merchants' request ids never collide. */
class OwnedIndex<T> {
  private readonly map = new Map<string, T>();
  get(owner: Owner, id: string): T | undefined {
    return this.map.get(`${owner}\u0000${id}`);
  }
  set(owner: Owner, id: string, value: T): void {
    this.map.set(`${owner}\u0000${id}`, value);
  }
}

/** The owner of an ISV merchant's records: `<isv client id>/<merchantId>`. */
export function agentOwner(clientId: string, merchantId: string): Owner {
  return `${clientId}/${merchantId}`;
}

/** The client id that signs for an owner (an ISV merchant's records belong to the ISV's client id). */
export function clientIdOf(owner: Owner): string {
  const slash = owner.indexOf('/');
  return slash < 0 ? owner : owner.slice(0, slash);
}

export const MARKETPLACE_ACCOUNT = 'MARKETPLACE';
export const sellerAccount = (referenceMerchantId: string) => `SELLER:${referenceMerchantId}`;

export interface Balance {
  currency: string;
  available: bigint;
  frozen: bigint;
}

let counter = 0;
/** Antom-looking ids: a date prefix, a counter and randomness, unique within a process. */
export function newId(prefix: string): string {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  counter = (counter + 1) % 1_000_000;
  return `${prefix}${day}${String(counter).padStart(6, '0')}${randomBytes(4).toString('hex')}`;
}

/** Everything the sandbox knows, in memory. Records carry their owner; lookups by id check it. */
export class SandboxStore {
  readonly merchants = new Map<string, Merchant>();

  readonly payments = new Map<string, Payment>();
  readonly paymentsByRequestId = new OwnedIndex<Payment>();
  readonly captures = new Map<string, Capture>();
  readonly capturesByRequestId = new OwnedIndex<Capture>();
  readonly refunds = new Map<string, Refund>();
  readonly refundsByRequestId = new OwnedIndex<Refund>();
  readonly disputes = new Map<string, Dispute>();
  readonly authorizations = new Map<string, Authorization>();
  readonly settlements = new Map<string, Settlement>();
  readonly settlementsByRequestId = new OwnedIndex<Settlement>();
  readonly subMerchants = new OwnedIndex<SubMerchant>();
  readonly subMerchantList: SubMerchant[] = [];
  readonly registrationsByRequestId = new OwnedIndex<SubMerchant>();
  readonly transfers = new Map<string, Transfer>();
  readonly transfersByRequestId = new OwnedIndex<Transfer>();
  readonly ledger: LedgerEntry[] = [];
  /** ISV merchants by Agent-Token. */
  readonly agentTokens = new Map<string, AgentMerchant>();

  post(entry: LedgerEntry): void {
    if (entry.available !== 0n || entry.frozen !== 0n) this.ledger.push(entry);
  }

  /** Balances of one account (`MARKETPLACE` or `SELLER:<id>`) of one owner, per currency. */
  balances(owner: Owner, account: string): Balance[] {
    const totals = new Map<string, Balance>();
    for (const e of this.ledger) {
      if (e.owner !== owner || e.account !== account) continue;
      const t = totals.get(e.currency) ?? { currency: e.currency, available: 0n, frozen: 0n };
      t.available += e.available;
      t.frozen += e.frozen;
      totals.set(e.currency, t);
    }
    return [...totals.values()];
  }

  available(owner: Owner, account: string, currency: string): bigint {
    return this.balances(owner, account).find((b) => b.currency === currency)?.available ?? 0n;
  }

  addPayment(p: Payment): void {
    this.payments.set(p.paymentId, p);
    this.paymentsByRequestId.set(p.owner, p.paymentRequestId, p);
  }

  /** paymentId wins over paymentRequestId, as in inquiryPayment. */
  findPayment(owner: Owner, ids: { paymentId?: string; paymentRequestId?: string }): Payment | undefined {
    if (ids.paymentId) {
      const p = this.payments.get(ids.paymentId);
      return p && p.owner === owner ? p : undefined;
    }
    return ids.paymentRequestId ? this.paymentsByRequestId.get(owner, ids.paymentRequestId) : undefined;
  }

  addCapture(c: Capture): void {
    this.captures.set(c.captureId, c);
    this.capturesByRequestId.set(c.owner, c.captureRequestId, c);
  }

  addRefund(r: Refund): void {
    this.refunds.set(r.refundId, r);
    this.refundsByRequestId.set(r.owner, r.refundRequestId, r);
  }

  findRefund(owner: Owner, ids: { refundId?: string; refundRequestId?: string }): Refund | undefined {
    if (ids.refundId) {
      const r = this.refunds.get(ids.refundId);
      return r && r.owner === owner ? r : undefined;
    }
    return ids.refundRequestId ? this.refundsByRequestId.get(owner, ids.refundRequestId) : undefined;
  }

  findDispute(owner: Owner, disputeId: string): Dispute | undefined {
    const d = this.disputes.get(disputeId);
    return d && d.owner === owner ? d : undefined;
  }

  refundsOf(paymentId: string): Refund[] {
    return [...this.refunds.values()].filter((r) => r.paymentId === paymentId);
  }

  capturesOf(paymentId: string): Capture[] {
    return [...this.captures.values()].filter((c) => c.paymentId === paymentId);
  }

  addSubMerchant(s: SubMerchant): void {
    this.subMerchants.set(s.owner, s.referenceMerchantId, s);
    this.registrationsByRequestId.set(s.owner, s.registrationRequestId, s);
    this.subMerchantList.push(s);
  }

  addSettlement(s: Settlement): void {
    this.settlements.set(s.settlementId, s);
    this.settlementsByRequestId.set(s.owner, s.settlementRequestId, s);
  }

  addTransfer(t: Transfer): void {
    this.transfers.set(t.transferId, t);
    this.transfersByRequestId.set(t.owner, t.transferRequestId, t);
  }
}
