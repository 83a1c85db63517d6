import type { NotificationReply } from './reply';
import type { NotificationInput } from './verify';

/** Reads at most `limit + 1` bytes: enough for the receiver to answer 413 without buffering the rest. */
async function readBounded(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => {});
    return new Uint8Array(limit + 1);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  return Buffer.concat(chunks, Math.min(size, limit + 1));
}

/** A fetch `Request` as the receiver's input: path and query from its URL, the body as raw bytes. */
export async function readRequest(request: Request, limit: number): Promise<NotificationInput> {
  const url = new URL(request.url);
  const rawBody = request.method.toUpperCase() === 'POST' ? await readBounded(request, limit) : new Uint8Array(0);
  return { method: request.method, path: url.pathname + url.search, headers: request.headers, rawBody };
}

export function toResponse(reply: NotificationReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
