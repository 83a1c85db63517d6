import { createWriteStream } from 'node:fs';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { safeJsonParse } from '@antomkit/core';
import { CliError, type Command, colours, EXIT_NO, EXIT_OK, err, need, out, parse } from '../io';

const help = `antom reports fetch --from GATEWAY [--out DIR] [--force] [FILE...]

Downloads report files from a gateway that serves them over HTTP, such as the local sandbox:
  GET <GATEWAY>/sandbox/reports          -> JSON list: ["transactionItems_20240101_000.csv", ...] or { "files": [{ "name": ... }] }
  GET <GATEWAY>/sandbox/reports/<FILE>   -> the CSV file
Only files not in DIR yet are fetched (all of them with --force); each is written to <FILE>.part and renamed once
complete, and a file without its final <END> line is refused. Antom itself delivers reports over SFTP
(isftp.alipay.com, allow-listed IPs only), which this command does not speak.
Exit 0 all fetched, 1 some failed, 2 bad input.

  --from GATEWAY   origin of the gateway, e.g. http://127.0.0.1:4010
  --out DIR        where to write (default: the current folder)
  --force          fetch again files that are already there
  FILE...          only these files (default: every listed file)`;

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export const reportsFetch: Command = {
  summary: 'download report files from a gateway (the sandbox)',
  help,
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      { from: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, timeout: { type: 'string' } },
      true,
    );
    if (values.help) {
      out(io, help);
      return EXIT_OK;
    }
    let base: URL;
    try {
      base = new URL(need(values.from, '--from'));
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`--from "${values.from}" is not a URL`);
    }
    const root = new URL(`${base.pathname.replace(/\/+$/, '')}/sandbox/reports`, base);
    const dir = resolve(io.cwd, values.out ?? '.');
    const timeout = Number(values.timeout ?? 30_000);
    const c = colours(io.stdout, io.env);

    let names = positionals;
    if (names.length === 0) {
      const response = await get(root, timeout);
      const list = safeJsonParse(await response.text()) as unknown;
      const items = Array.isArray(list) ? list : (list as { files?: unknown[] } | null)?.files;
      if (!Array.isArray(items)) throw new CliError(`${root.href} did not answer a JSON list of files`);
      names = items.map((item) => (typeof item === 'string' ? item : String((item as { name?: unknown }).name)));
    }
    const bad = names.find((name) => !SAFE_NAME.test(name));
    if (bad !== undefined)
      throw new CliError(`refusing the file name "${bad.slice(0, 80)}" (letters, digits, . _ - only)`);
    await mkdir(dir, { recursive: true });

    let failed = 0;
    let fetched = 0;
    for (const name of names) {
      const target = join(dir, name);
      if (!values.force && (await exists(target))) {
        out(io, `${c.dim('have')}  ${name}`);
        continue;
      }
      const part = `${target}.part`;
      try {
        const response = await get(new URL(`${root.pathname}/${encodeURIComponent(name)}`, root), timeout);
        await pipeline(Readable.fromWeb(response.body as never), createWriteStream(part, { mode: 0o600 }));
        if (!(await endsWithEnd(part))) throw new CliError('the file has no final <END> line (truncated)');
        await rename(part, target);
        fetched++;
        out(io, `${c.green('got')}   ${name}`);
      } catch (error) {
        failed++;
        await rm(part, { force: true });
        err(io, `${c.red('failed')} ${name}: ${(error as Error).message}`);
      }
    }
    out(io, `${fetched} fetched, ${names.length - fetched - failed} already here, ${failed} failed -> ${dir}`);
    return failed === 0 ? EXIT_OK : EXIT_NO;
  },
};

async function get(url: URL, timeout: number): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeout) });
  } catch (error) {
    const cause = describeFetchError(error);
    throw new CliError(`GET ${url.href} failed (${cause})`, EXIT_NO);
  }
  if (response.status !== 200 || !response.body) {
    await response.body?.cancel();
    throw new CliError(`GET ${url.href} answered ${response.status}`, EXIT_NO);
  }
  return response;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function endsWithEnd(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 64);
    const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
    return /(^|\n)<END>\s*$/.test(buffer.toString('utf8'));
  } finally {
    await handle.close();
  }
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
