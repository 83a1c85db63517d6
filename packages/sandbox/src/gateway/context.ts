import type { SandboxRuntime } from '../runtime';
import type { Merchant } from '../state/store';
import type { ApiBody } from './result';

export interface HandlerContext {
  /** Whose data this call acts on: the merchant's client id, or `<isv client id>/<merchantId>` with an Agent-Token. */
  owner: string;
  merchant: Merchant;
  body: Record<string, unknown>;
  rt: SandboxRuntime;
  agentToken?: string;
}

export type Handler = (ctx: HandlerContext) => ApiBody;
