import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { safeJsonParse } from '@antomkit/core';
import { CliError, EXIT_NO } from './io';
import type { ReportSource } from './report-download';

/**
 * A gateway that serves reports over HTTP (the sandbox): `GET <origin>/sandbox/reports` lists names (a JSON array,
 * or `{ files: [{ name }] }`), `GET <origin>/sandbox/reports/<name>` serves one.
 */
export function httpReportSource(from: string, timeout: number): ReportSource {
  let base: URL;
  try {
    base = new URL(from);
  } catch {
    throw new CliError(`--from "${from}" is not a URL`);
  }
  const root = new URL(`${base.pathname.replace(/\/+$/, '')}/sandbox/reports`, base);
  return {
    async list() {
      const response = await get(root, timeout);
      const list = safeJsonParse(await response.text()) as unknown;
      const items = Array.isArray(list) ? list : (list as { files?: unknown[] } | null)?.files;
      if (!Array.isArray(items)) throw new CliError(`${root.href} did not answer a JSON list of files`, EXIT_NO);
      return items.map((item) => {
        const name = typeof item === 'string' ? item : String((item as { name?: unknown }).name);
        return { name, local: name };
      });
    },
    async download(report, sink) {
      const response = await get(new URL(`${root.pathname}/${encodeURIComponent(report.name)}`, root), timeout);
      await pipeline(Readable.fromWeb(response.body as never), sink);
    },
    async close() {},
  };
}

async function get(url: URL, timeout: number): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeout) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(
      `GET ${url.href} failed (${cause?.code ?? cause?.message ?? (error as Error).message})`,
      EXIT_NO,
    );
  }
  if (response.status !== 200 || !response.body) {
    await response.body?.cancel();
    throw new CliError(`GET ${url.href} answered ${response.status}`, EXIT_NO);
  }
  return response;
}
