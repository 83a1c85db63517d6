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
  /** Or a fixed number of requests per sample (smoke tests). */
  amount?: number;
  connections?: number;
}

/** Runs autocannon once against a target; throws when any request failed, so a broken route never "wins". */
export async function load(target: LoadTarget, options: LoadOptions): Promise<{ rps: number; p99: number }> {
  if (!/^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)[:/]/.test(target.url)) {
    throw new Error(`bench load targets must be loopback URLs, not ${target.url}`);
  }
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'POST',
    headers: target.headers,
    body: target.body,
    connections: options.connections ?? 16,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 3 }),
  });
  const expected = target.expectStatus ?? 200;
  const ok = expected === 200 ? result['2xx'] : result.requests.total - result.non2xx;
  if (result.errors || result.timeouts || result.non2xx || ok === 0) {
    throw new Error(
      `load on ${target.url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/**
 * Compares two HTTP routes (e.g. an adapter's notification endpoint against a hand-written one) with alternating
 * autocannon rounds. Returns two results: requests/s (higher is better) and p99 latency (lower is better), both
 * as median per-round ratios from the same rounds.
 */
export async function compareLoad(
  suite: string,
  spec: { name: string; ours: LoadTarget; baseline: LoadTarget; baselineLabel: string; target?: number },
  options: LoadOptions & RunOptions,
): Promise<Result[]> {
  const p99 = { ours: [] as number[], baseline: [] as number[] };
  const side = (which: 'ours' | 'baseline') => async () => {
    const { rps, p99: latency } = await load(spec[which], options);
    p99[which].push(latency);
    return rps;
  };
  const pair: Pair = {
    name: `${spec.name} requests/s`,
    unit: 'req/s',
    higherIsBetter: true,
    target: spec.target,
    baselineLabel: spec.baselineLabel,
    ours: side('ours'),
    baseline: side('baseline'),
  };
  const rps = await compare(suite, pair, options);
  // warm-up samples are not part of the p99 figures
  const ours = p99.ours.slice(options.warmup);
  const baseline = p99.baseline.slice(options.warmup);
  const ratios = ours.map((o, i) => o / Math.max(baseline[i]!, 0.001));
  const latency: Result = {
    ...rps,
    name: `${spec.name} p99 latency`,
    unit: 'ms',
    higherIsBetter: false,
    ours: median(ours),
    baseline: median(baseline),
    ratio: median(ratios),
    target: null,
    pass: null,
    ratios: ratios.map((r) => Math.round(r * 1000) / 1000),
  };
  return [rps, latency];
}
