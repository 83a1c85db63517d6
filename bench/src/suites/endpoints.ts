import { notificationFixtures, signNotification } from '@antomkit/core/testing';
import { type ChildServer, startChild } from '../child';
import { BASELINE_PATH, type EndpointConfig, OURS_PATH } from '../endpoints/common';
import { CLIENT_ID, keyPairs } from '../fixtures';
import type { Result, RunOptions, Suite } from '../harness';
import { compareLoad, type LoadOptions, type LoadTarget, load } from '../load';

export const FRAMEWORKS = ['express', 'koa', 'nest'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

const LABELS: Record<Framework, { ours: string; baseline: string }> = {
  express: { ours: 'Express: antomNotifications()', baseline: 'hand-written Express route' },
  koa: { ours: 'Koa: antomNotifications() middleware', baseline: 'hand-written Koa middleware' },
  nest: { ours: "Nest: AntomModule's notification route", baseline: 'hand-written Nest controller (@Res)' },
};

/** Starts one framework's server (adapter route + hand-written route) in its own process. */
export function startEndpoints(framework: Framework): Promise<ChildServer> {
  const keys = keyPairs();
  const config: EndpointConfig = {
    clientId: CLIENT_ID,
    antomPublicPem: keys.antomPublicPem,
    merchantPrivatePem: keys.merchantPrivatePem,
  };
  return startChild(new URL('../endpoints/server.ts', import.meta.url), [framework, JSON.stringify(config)]);
}

/** A PAYMENT_RESULT notification signed by "Antom" for one path, as every request of a load run sends it. */
export function signedTarget(origin: string, path: string): LoadTarget {
  const { headers, body } = signNotification({
    path,
    clientId: CLIENT_ID,
    body: notificationFixtures.PAYMENT_RESULT(),
    privateKey: keyPairs().antomPrivate,
  });
  return { url: origin + path, headers, body };
}

/** One-second samples alternating ours/baseline, after a warm-up of both routes (JIT, connection handling). */
const SAMPLE = { seconds: 1, slices: 1 };

export async function compareEndpoints(
  framework: Framework,
  server: ChildServer,
  options: RunOptions & LoadOptions,
): Promise<Result[]> {
  const label = LABELS[framework];
  const ours = signedTarget(server.origin, OURS_PATH);
  const baseline = signedTarget(server.origin, BASELINE_PATH);
  const warmup = options.amount ? { amount: options.amount } : { seconds: 1 };
  for (let i = 0; i < (options.warmup > 0 ? 2 : 0); i++)
    for (const target of [ours, baseline]) await load(target, warmup);
  return compareLoad(
    'notification endpoints',
    {
      name: label.ours,
      ours,
      baseline,
      baselineLabel: `${label.baseline}: raw body, crypto.verify with a parsed key, JSON.parse, ack`,
      target: 0.85,
      serverCpuMicros: () => server.cpuMicros(),
    },
    { ...options, warmup: 0 },
  );
}

export const endpointsSuite: Suite = {
  name: 'notification endpoints',
  async setup() {
    const servers = await Promise.all(FRAMEWORKS.map(startEndpoints));
    return {
      pairs: [],
      async extra(options) {
        const results: Result[] = [];
        for (const [i, framework] of FRAMEWORKS.entries()) {
          results.push(...(await compareEndpoints(framework, servers[i]!, { ...options, ...SAMPLE })));
        }
        return results;
      },
      async teardown() {
        await Promise.all(servers.map((s) => s.close()));
      },
    };
  },
};
