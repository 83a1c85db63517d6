import type { ApiBody, ResultStatus } from './gateway/result';
import { normalizeRulePath } from './paths';

export interface ScenarioRule {
  /** API path, `/v1/payments/pay` (a full `/ams/api/...` path works too). */
  path: string;
  resultCode: string;
  resultStatus?: ResultStatus;
  resultMessage?: string;
  /** How many matching calls answer this way; 1 when omitted. */
  times?: number;
}

export interface ActiveScenario extends Required<Omit<ScenarioRule, 'resultMessage'>> {
  id: string;
  resultMessage: string;
  hits: number;
}

const STATUSES: readonly ResultStatus[] = ['S', 'F', 'U'];

/**
 * Antom's "error scenario simulation": the next matching call answers the chosen result without touching state,
 * so a retry with the same request id afterwards behaves like the first real attempt.
 */
export class Scenarios {
  private readonly rules: ActiveScenario[] = [];
  private seq = 0;

  next(rule: ScenarioRule): string {
    if (!rule || typeof rule.path !== 'string' || typeof rule.resultCode !== 'string' || rule.resultCode === '') {
      throw new TypeError('A scenario needs a "path" and a "resultCode".');
    }
    const resultStatus = rule.resultStatus ?? 'F';
    if (!STATUSES.includes(resultStatus)) throw new TypeError('Scenario "resultStatus" must be S, F or U.');
    const times = rule.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new TypeError('Scenario "times" must be a positive integer.');
    const id = `scenario-${++this.seq}`;
    this.rules.push({
      id,
      path: normalizeRulePath(rule.path)!,
      resultCode: rule.resultCode,
      resultStatus,
      resultMessage: rule.resultMessage ?? `Sandbox scenario: ${rule.resultCode}.`,
      times,
      hits: 0,
    });
    return id;
  }

  clear(): void {
    this.rules.length = 0;
  }

  list(): ActiveScenario[] {
    return this.rules.map((r) => ({ ...r }));
  }

  take(path: string): ApiBody | undefined {
    const i = this.rules.findIndex((r) => r.path === path);
    if (i < 0) return undefined;
    const rule = this.rules[i]!;
    rule.hits++;
    if (rule.hits >= rule.times) this.rules.splice(i, 1);
    return {
      result: { resultCode: rule.resultCode, resultStatus: rule.resultStatus, resultMessage: rule.resultMessage },
    };
  }
}
