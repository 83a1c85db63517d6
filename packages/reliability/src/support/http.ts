import { Readable } from 'node:stream';
import { Agent, request } from 'undici';

export interface SentReply {
  status: number;
  body: string;
}

/** One request over loopback with the exact header pairs given (repeats allowed); chunks go out chunked. */
export async function sendRaw(
  agent: Agent,
  url: string,
  init: { method: string; headers: [string, string][]; body: Buffer | Buffer[] | undefined },
): Promise<SentReply> {
  const body = Array.isArray(init.body) ? Readable.from(init.body) : init.body;
  const res = await request(url, {
    dispatcher: agent,
    method: init.method as 'POST',
    headers: init.headers.flat(),
    body,
  });
  return { status: res.statusCode, body: await res.body.text() };
}

export function loopbackAgent(connections = 8): Agent {
  return new Agent({ connections, keepAliveTimeout: 1_000 });
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  });
  await Promise.all(lanes);
  return results;
}

export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
