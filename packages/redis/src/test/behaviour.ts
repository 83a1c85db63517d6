import type { DedupeClaim, DedupeStore } from '@antomkit/core';

export type Step =
  | ['claim', key: string, leaseMs: number, expected: DedupeClaim]
  | ['complete', key: string, ttlMs: number]
  | ['release', key: string]
  | ['sleep', ms: number];

/** The DedupeStore contract as steps; every store must give the same answers (MemoryDedupeStore is the reference). */
export const behaviour: Array<{ name: string; steps: Step[] }> = [
  { name: 'a fresh key is claimed', steps: [['claim', 'a', 10_000, 'claimed']] },
  {
    name: 'a held claim is busy for everyone else',
    steps: [
      ['claim', 'a', 10_000, 'claimed'],
      ['claim', 'a', 10_000, 'busy'],
      ['claim', 'a', 10_000, 'busy'],
    ],
  },
  {
    name: 'a completed key is done',
    steps: [
      ['claim', 'a', 10_000, 'claimed'],
      ['complete', 'a', 10_000],
      ['claim', 'a', 10_000, 'done'],
      ['claim', 'a', 10_000, 'done'],
    ],
  },
  {
    name: 'a released claim can be claimed again',
    steps: [
      ['claim', 'a', 10_000, 'claimed'],
      ['release', 'a'],
      ['claim', 'a', 10_000, 'claimed'],
      ['claim', 'a', 10_000, 'busy'],
    ],
  },
  {
    name: 'release never forgets a completed key',
    steps: [
      ['claim', 'a', 10_000, 'claimed'],
      ['complete', 'a', 10_000],
      ['release', 'a'],
      ['claim', 'a', 10_000, 'done'],
    ],
  },
  {
    name: 'release of an unknown key is harmless',
    steps: [
      ['release', 'nobody'],
      ['claim', 'nobody', 10_000, 'claimed'],
    ],
  },
  {
    name: 'complete without a claim marks the key done',
    steps: [
      ['complete', 'a', 10_000],
      ['claim', 'a', 10_000, 'done'],
    ],
  },
  {
    name: 'keys are independent',
    steps: [
      ['claim', 'a', 10_000, 'claimed'],
      ['claim', 'b', 10_000, 'claimed'],
      ['complete', 'a', 10_000],
      ['claim', 'b', 10_000, 'busy'],
      ['release', 'b'],
      ['claim', 'a', 10_000, 'done'],
      ['claim', 'b', 10_000, 'claimed'],
    ],
  },
  {
    name: 'an expired lease can be claimed again (a crashed instance does not block)',
    steps: [
      ['claim', 'a', 60, 'claimed'],
      ['claim', 'a', 60, 'busy'],
      ['sleep', 150],
      ['claim', 'a', 10_000, 'claimed'],
      ['claim', 'a', 10_000, 'busy'],
    ],
  },
  {
    name: 'a done key is forgotten after its TTL',
    steps: [
      ['claim', 'a', 10_000, 'claimed'],
      ['complete', 'a', 60],
      ['claim', 'a', 10_000, 'done'],
      ['sleep', 150],
      ['claim', 'a', 10_000, 'claimed'],
    ],
  },
  {
    name: 'keys with separators and unicode stay distinct',
    steps: [
      ['claim', 'PAYMENT_RESULT:2024:x', 10_000, 'claimed'],
      ['claim', 'PAYMENT_RESULT:2024:x:', 10_000, 'claimed'],
      ['complete', 'PAYMENT_RESULT:2024:x', 10_000],
      ['claim', 'PAYMENT_RESULT:2024:x:', 10_000, 'busy'],
      ['claim', 'zahlung:ü:支付', 10_000, 'claimed'],
    ],
  },
];

/** Runs the steps and returns every claim's answer, so a table row fails with the whole trace. */
export async function play(store: DedupeStore, steps: Step[]): Promise<string[]> {
  const trace: string[] = [];
  for (const step of steps) {
    if (step[0] === 'claim') trace.push(`claim ${step[1]} -> ${await store.claim(step[1], step[2])}`);
    else if (step[0] === 'complete') await store.complete(step[1], step[2]);
    else if (step[0] === 'release') await store.release(step[1]);
    else await new Promise((r) => setTimeout(r, step[1]));
  }
  return trace;
}

export function expectedTrace(steps: Step[]): string[] {
  return steps.flatMap((s) => (s[0] === 'claim' ? [`claim ${s[1]} -> ${s[3]}`] : []));
}
