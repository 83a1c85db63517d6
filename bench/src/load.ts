import autocannon from 'autocannon';
import { compare, median, type Pair, type Result, type RunOptions } from './harness';

export interface LoadTarget {
  /** A loopback URL only. */
  url: string;
  method?: string;
  /** Headers and body of one request, e.g. a signed notification; every request repeats it. */
  headers?: Record<string, string>;
  body?: string;
  /** A status other than this counts as a failure and aborts the benchmark. Default 200. */
  expectStatus?: number;
}

export interface LoadOptions {
  /** Seconds per sample (autocannon `duration`). */
  seconds?: number;
  /**
   * Samples per side in each round, alternating ours/baseline (default 1). Short alternating samples make a busy
   * neighbour on a shared machine hit both sides alike; each side's round value is the mean of its samples.
   */
  slices?: number;
  /** Or a fixed number of requests per sample (smoke tests). */
  amount?: number;
  connections?: number;
}

/** Runs autocannon once against a target; throws when any request failed, so a broken route never "wins". */
export async function load(
  target: LoadTarget,
  options: LoadOptions,
): Promise<{ rps: number; p99: number; requests: number }> {
  if (!/^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)[:/]/.test(target.url)) {
    throw new Error(`bench load targets must be loopback URLs, not ${target.url}`);
  }
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'POST',
    headers: target.headers,
    body: target.body,
    connections: options.connections ?? 16,
    // a run ends on a sample tick: 100 ms ticks keep short and fixed-amount runs short
    sampleInt: 100,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 3 }),
  });
  const expected = target.expectStatus ?? 200;
  const ok = expected === 200 ? result['2xx'] : result.requests.total - result.non2xx;
  if (result.errors || result.timeouts || result.non2xx || ok === 0) {
    throw new Error(
      `load on ${target.url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  // requests.average is a mean of whole-second buckets: useless for sub-second samples
  const requests = result.requests.total;
  return { rps: requests / Math.max(result.duration, 0.001), p99: result.latency.p99, requests };
}

export interface LoadSpec {
  name: string;
  ours: LoadTarget;
  baseline: LoadTarget;
  baselineLabel: string;
  target?: number;
  /**
   * The server's CPU time so far in µs (both routes on one server process). Given, a third result compares the
   * server CPU per request: a figure busy neighbours on a shared machine barely move, unlike requests/s.
   */
  serverCpuMicros?: () => Promise<number>;
}

/**
 * Compares two HTTP routes (e.g. an adapter's notification endpoint against a hand-written one) with alternating
 * autocannon rounds. Returns requests/s (higher is better) and p99 latency (lower is better), and with
 * `serverCpuMicros` the server CPU per request (lower is better), all as median per-round ratios of the same rounds.
 */
export async function compareLoad(suite: string, spec: LoadSpec, options: LoadOptions & RunOptions): Promise<Result[]> {
  const p99 = { ours: [] as number[], baseline: [] as number[] };
  const cpu = { ours: [] as number[], baseline: [] as number[] };
  const side = (which: 'ours' | 'baseline') => async () => {
    const before = await spec.serverCpuMicros?.();
    const { rps, p99: latency, requests } = await load(spec[which], options);
    const after = await spec.serverCpuMicros?.();
    p99[which].push(latency);
    if (before !== undefined && after !== undefined) cpu[which].push((after - before) / requests);
    return rps;
  };
  const slices = options.slices ?? 1;
  const pair: Pair = {
    slices,
    name: `${spec.name} requests/s`,
    unit: 'req/s',
    higherIsBetter: true,
    target: spec.target,
    baselineLabel: spec.baselineLabel,
    ours: side('ours'),
    baseline: side('baseline'),
  };
  const rps = await compare(suite, pair, options);
  // warm-up samples (one per side per warm-up round) are not part of the p99 figures; a round's p99 is the mean
  // over its slices, like its requests/s
  const perRound = (values: number[]) =>
    Array.from({ length: options.rounds }, (_, round) => {
      const own = values.slice(options.warmup + round * slices, options.warmup + (round + 1) * slices);
      return own.reduce((sum, v) => sum + v, 0) / own.length;
    });
  const lowerIsBetter = (name: string, unit: string, values: { ours: number[]; baseline: number[] }): Result => {
    const ours = perRound(values.ours);
    const baseline = perRound(values.baseline);
    const ratios = ours.map((o, i) => o / Math.max(baseline[i]!, 0.001));
    return {
      ...rps,
      name: `${spec.name} ${name}`,
      unit,
      higherIsBetter: false,
      ours: median(ours),
      baseline: median(baseline),
      ratio: median(ratios),
      target: null,
      pass: null,
      ratios: ratios.map((r) => Math.round(r * 1000) / 1000),
    };
  };
  const results = [rps, lowerIsBetter('p99 latency', 'ms', p99)];
  if (spec.serverCpuMicros) results.push(lowerIsBetter('server CPU per request', 'µs', cpu));
  return results;
}
