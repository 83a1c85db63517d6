import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CliError, colours, EXIT_NO, EXIT_OK, err, type Io, out } from './io';

/** Names Antom gives report files and folders; anything else could escape --out. */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export interface RemoteReport {
  /** The file name, e.g. `transactionItems_20240101_000.csv`. */
  name: string;
  /** Where it goes under --out, `/`-separated, e.g. `2188.../20240101/transactionItems_20240101_000.csv`. */
  local: string;
  /** Size on the server when the source knows it: a local copy of another size is fetched again. */
  size?: number;
}

/** Where report files come from: the sandbox over HTTP, or Antom's SFTP server. */
export interface ReportSource {
  list(): Promise<RemoteReport[]>;
  /** Writes the file's bytes into `sink` and ends it. */
  download(report: RemoteReport, sink: Writable): Promise<void>;
  close(): Promise<void>;
}

export interface DownloadOptions {
  dir: string;
  force: boolean;
  /** Only these file names (none: every listed file). */
  only: string[];
}

/**
 * The one download loop: skips files already complete in `dir` (unless `force`), writes `<file>.part` (0600) and
 * renames it only once it ends with Antom's `<END>` line. Exit 0 all there, 1 some failed.
 */
export async function downloadReports(source: ReportSource, options: DownloadOptions, io: Io): Promise<number> {
  try {
    return await downloadAll(source, options, io);
  } finally {
    await source.close();
  }
}

async function downloadAll(source: ReportSource, options: DownloadOptions, io: Io): Promise<number> {
  const c = colours(io.stdout, io.env);
  const listed = await source.list();
  const wanted = options.only.length === 0 ? listed : listed.filter((r) => options.only.includes(r.name));
  const missing = options.only.filter((name) => !listed.some((r) => r.name === name));
  const bad = wanted.find((r) => !SAFE_NAME.test(r.name) || r.local.split('/').some((part) => !SAFE_NAME.test(part)));
  if (bad !== undefined)
    throw new CliError(`refusing the file name "${bad.local.slice(0, 120)}" (letters, digits, . _ - only)`, EXIT_NO);

  let fetched = 0;
  let failed = 0;
  for (const name of missing) err(io, `${c.red('failed')} ${name}: not on the server`);
  for (const report of wanted) {
    const target = join(options.dir, ...report.local.split('/'));
    if (!options.force && (await isComplete(target, report.size))) {
      out(io, `${c.dim('have')}  ${report.local}`);
      continue;
    }
    const part = `${target}.part`;
    let sink: WriteStream | undefined;
    try {
      await mkdir(dirname(target), { recursive: true });
      sink = createWriteStream(part, { mode: 0o600 });
      await source.download(report, sink);
      if (!sink.writableFinished) await finished(sink);
      if (!(await endsWithEnd(part))) throw new Error('the file has no final <END> line (truncated)');
      await rename(part, target);
      fetched++;
      out(io, `${c.green('got')}   ${report.local}`);
    } catch (error) {
      failed++;
      sink?.destroy();
      await rm(part, { force: true });
      err(io, `${c.red('failed')} ${report.local}: ${(error as Error).message}`);
    }
  }
  const have = wanted.length - fetched - failed;
  out(io, `${fetched} fetched, ${have} already here, ${failed + missing.length} failed -> ${options.dir}`);
  return failed + missing.length === 0 ? EXIT_OK : EXIT_NO;
}

async function isComplete(path: string, size: number | undefined): Promise<boolean> {
  try {
    return await endsWithEnd(path, size);
  } catch {
    return false;
  }
}

async function endsWithEnd(path: string, expectedSize?: number): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (expectedSize !== undefined && size !== expectedSize) return false;
    const length = Math.min(size, 64);
    const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
    return /(^|\n)<END>\s*$/.test(buffer.toString('utf8'));
  } finally {
    await handle.close();
  }
}
