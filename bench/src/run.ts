import { fileURLToPath } from 'node:url';
import { compare, type Result, type RunOptions } from './harness';
import { machine, table, writeResults } from './report';
import { suites } from './suites';

const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const options: RunOptions = { rounds: Number(process.env.BENCH_ROUNDS ?? 7), warmup: 1 };
const outFile = fileURLToPath(new URL('../results/latest.json', import.meta.url));

const started = performance.now();
const m = machine();
console.log(
  `antomkit bench - ${m.cpus} x ${m.cpuModel}, Node ${m.node}, ${m.os}; ${options.rounds} alternating rounds\n`,
);

const results: Result[] = [];
for (const suite of suites) {
  if (only && !only.includes(suite.name)) continue;
  const t = performance.now();
  const { pairs, extra, teardown } = await suite.setup({ quick: false });
  try {
    for (const pair of pairs) results.push(await compare(suite.name, pair, options));
    if (extra) results.push(...(await extra(options)));
  } finally {
    await teardown?.();
  }
  console.log(`  ${suite.name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

console.log(`\n${table(results)}\n`);
writeResults(outFile, results, performance.now() - started);
const missed = results.filter((r) => r.pass === false);
console.log(`wrote ${outFile} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (missed.length) console.log(`targets missed: ${missed.map((r) => r.name).join(', ')}`);
