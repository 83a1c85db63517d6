import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Result, Suite } from '../harness';
import { generateSettlementReport } from '../reports/generate';

const run = promisify(execFile);

export interface ParseRun {
  rows: number;
  ms: number;
  maxRssBytes: number;
}

/** Parses `file` in a fresh Node process (peak memory of that parse alone). */
export async function parseInChild(file: string, mode: 'parseReport' | 'readline'): Promise<ParseRun> {
  const script = fileURLToPath(new URL('../reports/parse-child.mjs', import.meta.url));
  const { stdout } = await run(process.execPath, [script, file, mode]);
  return JSON.parse(stdout) as ParseRun;
}

function result(name: string, unit: string, ours: number, baseline: number, higherIsBetter: boolean): Result {
  return {
    suite: 'reports',
    name,
    unit,
    ours,
    baseline,
    ratio: ours / baseline,
    target: null,
    higherIsBetter,
    pass: null,
    baselineLabel: 'readline + split(","): no quoting, header check, types or amounts',
    rounds: 1,
    ratios: [],
  };
}

export const reportsSuite: Suite = {
  name: 'reports',
  async setup({ quick }) {
    const rows = quick ? 2_000 : 1_000_000;
    const dir = mkdtempSync(join(tmpdir(), 'antom-bench-report-'));
    const file = join(dir, 'settlementItems_USD_bench_000.csv');
    await generateSettlementReport(file, rows);
    return {
      pairs: [],
      async extra() {
        // One run each, parser first: a second pass would find the file in the page cache either way.
        const ours = await parseInChild(file, 'parseReport');
        const floor = await parseInChild(file, 'readline');
        if (ours.rows !== rows || floor.rows !== rows) {
          throw new Error(`expected ${rows} rows, parseReport read ${ours.rows} and readline ${floor.rows}`);
        }
        const label = `${rows.toLocaleString('en-US')} rows, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`;
        return [
          result(
            `parseReport settlement details (${label})`,
            'rows/s',
            (rows / ours.ms) * 1000,
            (rows / floor.ms) * 1000,
            true,
          ),
          result(
            'parseReport peak memory (whole process, max RSS)',
            'bytes',
            ours.maxRssBytes,
            floor.maxRssBytes,
            false,
          ),
        ];
      },
      async teardown() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};
