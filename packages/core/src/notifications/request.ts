import { readBoundedBody } from '../body';
import type { NotificationReply } from './reply';
import type { NotificationInput } from './verify';

/** Reads at most `limit + 1` bytes: enough for the receiver to answer 413 without buffering the rest. */
async function readBounded(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const body = request.body as unknown as AsyncIterable<Uint8Array>;
  return (await readBoundedBody(body, limit, request.headers.get('content-length'))).body;
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
