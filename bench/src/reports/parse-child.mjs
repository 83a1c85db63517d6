// Parses one report file in a fresh process, so its peak memory is this parse's alone (plain JS: no loader to
// start): `parse-child.mjs <file> <parseReport|readline>`; prints {"rows":..,"ms":..,"maxRssBytes":..}.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { openReport, parseReport } from '@antomkit/core/reports';

const [file, mode] = process.argv.slice(2);

/** The floor: lines split on commas; no quoting, no header check, no types, no amounts. */
async function readline() {
  let rows = -1; // the header
  for await (const line of createInterface({ input: createReadStream(file, { highWaterMark: 64 * 1024 }) })) {
    if (line === '<END>') break;
    if (line.split(',').length > 1) rows++;
  }
  return rows;
}

async function parse() {
  let rows = 0;
  let settled = 0;
  for await (const row of parseReport(openReport(file))) {
    rows++;
    settled += Number(row.settlementAmount?.value ?? 0);
  }
  if (!Number.isFinite(settled)) throw new Error('amounts did not parse');
  return rows;
}

const start = performance.now();
const rows = mode === 'readline' ? await readline() : await parse();
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ rows, ms, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
