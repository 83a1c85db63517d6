import { normalizeRulePath } from './paths';

/**
 * Gateway faults hit API calls (`path` narrows them); notification faults hit deliveries (`notifyType` narrows).
 * - `latency`: wait `ms` before answering.
 * - `http-error`: answer `status` (default 500) with a plain body instead of Antom's JSON.
 * - `reset`: destroy the socket without answering.
 * - `duplicate`: deliver the notification twice at once.
 * - `reorder`: hold the notification back until the next one was delivered (or `holdMs` passed).
 */
export type FaultKind = 'latency' | 'http-error' | 'reset' | 'duplicate' | 'reorder';

export interface FaultRule {
  kind: FaultKind;
  /** API path, e.g. `/v1/payments/pay`; any path when omitted. */
  path?: string;
  /** Notification type, e.g. `PAYMENT_RESULT`; any when omitted. */
  notifyType?: string;
  ms?: number;
  status?: number;
  holdMs?: number;
  /** Probability in [0, 1] that a matching call is hit; 1 when omitted. */
  rate?: number;
  /** How many hits before the rule retires; unlimited when omitted (`next()` defaults it to 1). */
  times?: number;
}

export interface ActiveFault extends FaultRule {
  id: string;
  hits: number;
}

const GATEWAY_KINDS: readonly FaultKind[] = ['latency', 'http-error', 'reset'];
const KINDS: readonly FaultKind[] = [...GATEWAY_KINDS, 'duplicate', 'reorder'];

export function validateFaultRule(rule: unknown): FaultRule {
  if (!rule || typeof rule !== 'object') throw new TypeError('A fault rule must be an object with a "kind".');
  const r = rule as Record<string, unknown>;
  if (!KINDS.includes(r.kind as FaultKind)) throw new TypeError(`Fault "kind" must be one of ${KINDS.join(', ')}.`);
  const num = (name: string, min: number, max: number): void => {
    const v = r[name];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)) {
      throw new TypeError(`Fault "${name}" must be a number between ${min} and ${max}.`);
    }
  };
  num('rate', 0, 1);
  num('times', 1, 1_000_000);
  num('ms', 0, 600_000);
  num('holdMs', 0, 600_000);
  num('status', 500, 599);
  for (const name of ['path', 'notifyType'] as const) {
    if (r[name] !== undefined && typeof r[name] !== 'string') throw new TypeError(`Fault "${name}" must be a string.`);
  }
  return r as unknown as FaultRule;
}

export class Faults {
  private readonly rules: ActiveFault[] = [];
  private seq = 0;

  constructor(
    initial: FaultRule[] = [],
    private readonly random: () => number = Math.random,
  ) {
    for (const rule of initial) this.add(rule);
  }

  /** Adds a standing rule (a rate, or `times` hits). Returns its id for `remove`. */
  add(rule: FaultRule): string {
    const valid = validateFaultRule(rule);
    const id = `fault-${++this.seq}`;
    this.rules.push({ ...valid, path: normalizeRulePath(valid.path), id, hits: 0 });
    return id;
  }

  /** The next matching call (or `times` calls) gets this fault. */
  next(rule: FaultRule): string {
    return this.add({ times: 1, ...rule });
  }

  remove(id: string): boolean {
    const i = this.rules.findIndex((r) => r.id === id);
    if (i >= 0) this.rules.splice(i, 1);
    return i >= 0;
  }

  clear(): void {
    this.rules.length = 0;
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The first rule of one of `kinds` that matches and fires; counts the hit. */
  take(kinds: readonly FaultKind[], match: { path?: string; notifyType?: string }): ActiveFault | undefined {
    for (const rule of this.rules) {
      if (!kinds.includes(rule.kind)) continue;
      if (rule.path !== undefined && rule.path !== match.path) continue;
      if (rule.notifyType !== undefined && rule.notifyType !== match.notifyType) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      rule.hits++;
      if (rule.times !== undefined && rule.hits >= rule.times) this.remove(rule.id);
      return { ...rule };
    }
    return undefined;
  }
}
