import { randomBytes } from 'node:crypto';
import { AntomConfigError } from '@antomkit/core';
import type { SandboxStore } from './state/store';
import type { AgentMerchant } from './state/types';
import { antomTime } from './time';

export interface IssueAgentTokenOptions {
  /** Defaults to `M` + a counter. */
  merchantId?: string;
  name?: string;
  /** A fixed token (tests, demos); random by default. */
  agentToken?: string;
  /** The ISV's client id; the sandbox's default merchant when omitted. */
  clientId?: string;
}

const SAFE = /^[A-Za-z0-9._-]{1,64}$/;

/** ISV mode: merchants under one client id, each reached with its own Agent-Token. */
export class IsvRegistry {
  constructor(
    private readonly store: SandboxStore,
    private readonly defaultClientId: string,
  ) {}

  issue(options: IssueAgentTokenOptions = {}): AgentMerchant {
    const clientId = options.clientId ?? this.defaultClientId;
    if (!this.store.merchants.has(clientId)) {
      throw new AntomConfigError('SANDBOX_UNKNOWN_MERCHANT', `No merchant ${clientId} in the sandbox.`);
    }
    const merchantId = options.merchantId ?? `M${String(this.list(clientId).length + 1).padStart(4, '0')}`;
    const agentToken = options.agentToken ?? `agt_${randomBytes(18).toString('base64url')}`;
    if (!SAFE.test(merchantId)) throw new TypeError('merchantId: 1-64 letters, digits, ".", "_" or "-".');
    if (!SAFE.test(agentToken)) throw new TypeError('agentToken: 1-64 letters, digits, ".", "_" or "-".');
    if (this.store.agentTokens.has(agentToken)) throw new TypeError('That agentToken is already issued.');
    if (this.list(clientId).some((m) => m.merchantId === merchantId && !m.revoked)) {
      throw new TypeError(`Merchant ${merchantId} already has a live token; revoke it first.`);
    }
    const merchant: AgentMerchant = {
      clientId,
      merchantId,
      name: options.name ?? merchantId,
      agentToken,
      revoked: false,
      createdAt: antomTime(),
    };
    this.store.agentTokens.set(agentToken, merchant);
    return merchant;
  }

  /** Later calls with this token get INVALID_ACCESS_TOKEN. Returns false for a token never issued. */
  revoke(agentToken: string): boolean {
    const merchant = this.store.agentTokens.get(agentToken);
    if (!merchant) return false;
    merchant.revoked = true;
    return true;
  }

  list(clientId?: string): AgentMerchant[] {
    return [...this.store.agentTokens.values()].filter((m) => clientId === undefined || m.clientId === clientId);
  }
}
