/**
 * Same-run, alternating comparisons: every round measures ours and the baseline back to back (the order flips
 * each round so drift and turbo/thermal effects hit both), and the figure reported is the median of the
 * per-round ratios. Absolute numbers are printed for context only; these machines are shared and noisy.
 */

/** One measurement of one side, e.g. ops/s over a time box or ms for a cold start. */
export type Sample = () => Promise<number>;

export interface Pair {
  name: string;
  unit: string;
  /** ops/s, req/s: higher is better; ms, bytes: lower is better. */
  higherIsBetter: boolean;
  /** Target for the ratio ours/baseline: at least this when higher is better, at most this otherwise. */
  target?: number;
  ours: Sample;
  baseline: Sample;
  /** What "baseline" is, for the table. */
  baselineLabel: string;
  /**
   * Split each round into this many back-to-back ours/baseline slices (each side's value for the round is the
   * mean over its slices). Fine interleaving makes noisy neighbours hit both sides alike. Default 1.
   */
  slices?: number;
}

export interface Result {
  suite: string;
  name: string;
  unit: string;
  ours: number;
  baseline: number | null;
  /** ours / baseline, median over rounds; null when there is no baseline (e.g. packed size). */
  ratio: number | null;
  target: number | null;
  higherIsBetter: boolean;
  pass: boolean | null;
  baselineLabel: string;
  rounds: number;
  /** The per-round ratios, so spread is visible in latest.json. */
  ratios: number[];
}

export interface RunOptions {
  rounds: number;
  warmup: number;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function compare(suite: string, pair: Pair, options: RunOptions): Promise<Result> {
  for (let i = 0; i < options.warmup; i++) {
    await pair.ours();
    await pair.baseline();
  }
  const ours: number[] = [];
  const baseline: number[] = [];
  const ratios: number[] = [];
  const slices = pair.slices ?? 1;
  for (let round = 0; round < options.rounds; round++) {
    let o = 0;
    let b = 0;
    for (let slice = 0; slice < slices; slice++) {
      if ((round * slices + slice) % 2 === 0) {
        o += await pair.ours();
        b += await pair.baseline();
      } else {
        b += await pair.baseline();
        o += await pair.ours();
      }
    }
    o /= slices;
    b /= slices;
    ours.push(o);
    baseline.push(b);
    ratios.push(o / b);
  }
  const ratio = median(ratios);
  const target = pair.target ?? null;
  return {
    suite,
    name: pair.name,
    unit: pair.unit,
    ours: median(ours),
    baseline: median(baseline),
    ratio,
    target,
    higherIsBetter: pair.higherIsBetter,
    pass: target === null ? null : pair.higherIsBetter ? ratio >= target : ratio <= target,
    baselineLabel: pair.baselineLabel,
    rounds: options.rounds,
    ratios: ratios.map((r) => Math.round(r * 1000) / 1000),
  };
}

/**
 * Calls `op` repeatedly for about `ms` and returns operations per second. `concurrency` > 1 keeps that many
 * calls in flight (for I/O round trips). At least `minOps` calls always run.
 */
export function throughput(op: () => unknown, ms: number, concurrency = 1, minOps = 1): Sample {
  return async () => {
    let count = 0;
    const start = performance.now();
    const deadline = start + ms;
    const worker = async () => {
      while (count < minOps || performance.now() < deadline) {
        count++;
        await op();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return (count / (performance.now() - start)) * 1000;
  };
}

/**
 * For synchronous CPU work: batches calls between clock reads, without awaiting each one, and returns operations
 * per second of this process's CPU time. Wall time would count the moments a busy neighbour on a shared machine
 * holds the core; CPU time counts only the work. The time box itself is wall time.
 */
export function syncThroughput(op: () => unknown, ms: number, minOps = 1): Sample {
  return async () => {
    let count = 0;
    const deadline = performance.now() + ms;
    const cpu = process.cpuUsage();
    do {
      for (let i = 0; i < 16; i++) op();
      count += 16;
    } while (count < minOps || performance.now() < deadline);
    const { user, system } = process.cpuUsage(cpu);
    return (count / Math.max(user + system, 1)) * 1e6;
  };
}

/** A suite prepares its fixtures once, then hands the harness its pairs. */
export interface Suite {
  name: string;
  /** `quick` asks for a minimal run (tests): tiny time boxes, no heavy fixtures. */
  setup(options: { quick: boolean }): Promise<{
    pairs: Pair[];
    /** Results that are not one Pair each: sizes, or `compareLoad` for HTTP routes. */
    extra?: (options: RunOptions) => Promise<Result[]>;
    teardown?(): Promise<void>;
  }>;
}
