import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BoundedBody, readBoundedBody } from './read-bounded';

const LIMIT = 1024;

describe('readBoundedBody over a Node request', () => {
  let server: Server;
  let origin: string;
  let port: number;
  const failures: { path: string; code: string }[] = [];
  let failed: (() => void) | undefined;

  const read = async (req: IncomingMessage): Promise<BoundedBody> => {
    if (req.url === '/read-first') for await (const _ of req) void _;
    return readBoundedBody(req, LIMIT);
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      read(req).then(
        ({ body, truncated }) => {
          if (truncated) res.setHeader('connection', 'close');
          res.writeHead(truncated ? 413 : 200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ size: body.length, zeros: body.every((b) => b === 0), text: body.toString() }));
        },
        (error: { code: string }) => {
          failures.push({ path: req.url ?? '', code: error.code });
          failed?.();
          if (!res.destroyed) res.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    origin = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = async (path: string, body: string | Readable, headers: Record<string, string> = {}) => {
    const res = await request(origin + path, { method: 'POST', headers, body });
    return { status: res.statusCode, headers: res.headers, json: (await res.body.json()) as Record<string, unknown> };
  };

  it('reads a body within the limit, whether sent at once or in chunks', async () => {
    expect((await post('/', 'x'.repeat(LIMIT))).json).toMatchObject({ size: LIMIT, text: 'x'.repeat(LIMIT) });
    const chunks = Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]);
    expect((await post('/', chunks)).json).toMatchObject({ size: 7, text: '{"a":1}' });
  });

  it('stops one byte past the limit on a longer chunked body and drops the rest', async () => {
    const big = Readable.from(Array.from({ length: 64 }, () => Buffer.alloc(1024, 'y')));
    const reply = await post('/', big);
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe('close');
    expect(reply.json).toMatchObject({ size: LIMIT + 1, zeros: false });
  });

  it('refuses a declared content-length over the limit before reading a byte', async () => {
    const reply = await post('/', 'z'.repeat(4 * LIMIT), { 'content-length': String(4 * LIMIT) });
    expect(reply.status).toBe(413);
    expect(reply.json).toMatchObject({ size: LIMIT + 1, zeros: true });
  });

  it('fails with BODY_ABORTED when the client goes away mid-body, and BODY_ALREADY_READ on a read stream', async () => {
    const aborted = new Promise<void>((resolve) => {
      failed = resolve;
    });
    const socket = connect(port, '127.0.0.1');
    server.once('request', () => socket.destroy());
    socket.write('POST /abort HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n0123456789');
    await aborted;
    expect(failures).toContainEqual({ path: '/abort', code: 'BODY_ABORTED' });
    expect((await request(`${origin}/read-first`, { method: 'POST', body: 'abc' })).statusCode).toBe(500);
    expect(failures).toContainEqual({ path: '/read-first', code: 'BODY_ALREADY_READ' });
  });
});

describe('readBoundedBody over an async iterable', () => {
  it('reads every chunk of a body within the limit', async () => {
    const read = await readBoundedBody(Readable.from([Buffer.from('ab'), new Uint8Array([99])]), 3);
    expect(read).toEqual({ body: Buffer.from('abc'), truncated: false });
  });

  it('cancels a fetch body one byte past the limit, or before reading when its declared length is over', async () => {
    let pulled = 0;
    let cancelled = 0;
    const stream = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1;
          controller.enqueue(new Uint8Array(600).fill(1));
        },
        cancel() {
          cancelled += 1;
        },
      });
    const over = await readBoundedBody(stream() as unknown as AsyncIterable<Uint8Array>, LIMIT);
    expect(over.truncated).toBe(true);
    expect(over.body).toHaveLength(LIMIT + 1);
    expect(cancelled).toBe(1);
    pulled = 0;
    const declared = await readBoundedBody(stream() as unknown as AsyncIterable<Uint8Array>, LIMIT, '5000');
    expect(declared).toMatchObject({ truncated: true });
    expect(declared.body.every((b) => b === 0)).toBe(true);
    expect(cancelled).toBe(2);
    expect(pulled).toBeLessThanOrEqual(1);
  });
});
