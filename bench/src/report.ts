import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { Result } from './harness';

export function machine() {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

function num(value: number | null, unit: string): string {
  if (value === null || Number.isNaN(value)) return '-';
  if (unit === 'bytes') {
    if (value >= 2 ** 20) return `${(value / 2 ** 20).toFixed(1)} MiB`;
    return value >= 1024 ? `${(value / 1024).toFixed(1)} KiB` : `${value} B`;
  }
  if (unit === 'ms') return `${value.toFixed(1)} ms`;
  if (unit === 'µs') return `${value.toFixed(0)} µs`;
  return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
}

function verdict(r: Result): string {
  if (r.ratio === null) return '';
  const target = r.target === null ? '' : ` (target ${r.higherIsBetter ? '>=' : '<='} ${r.target.toFixed(2)}x)`;
  const mark = r.pass === null ? '' : r.pass ? ' ok' : ' MISSED';
  return `${r.ratio.toFixed(3)}x${target}${mark}`;
}

export function table(results: Result[]): string {
  const rows = [
    ['suite', 'benchmark', 'ours', 'baseline', 'ratio ours/baseline', 'baseline is'],
    ...results.map((r) => [r.suite, r.name, num(r.ours, r.unit), num(r.baseline, r.unit), verdict(r), r.baselineLabel]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function writeResults(file: string, results: Result[], durationMs: number): void {
  mkdirSync(dirname(file), { recursive: true });
  const payload = {
    date: new Date().toISOString(),
    machine: machine(),
    durationMs: Math.round(durationMs),
    method:
      'ours and baseline alternate within each round in one process and one run; ratio = median of per-round ours/baseline',
    results,
  };
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
}
