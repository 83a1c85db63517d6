import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RequestBody, readRequestBody, readUnparsedBody, type UnparsedBodySource } from './unparsed';

const FIX = 'put the parser after this route';

/** Each path plays one body parser: what it left on the request before the reader runs. */
async function parserFor(req: IncomingMessage): Promise<UnparsedBodySource> {
  const source = { req, kept: [] as unknown[], parsed: undefined as unknown, where: 'req.body', fix: FIX };
  const consume = async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  if (req.url === '/kept') {
    const bytes = await consume();
    return { ...source, kept: [undefined, { not: 'bytes' }, new Uint8Array(bytes), 'second'], parsed: {} };
  }
  if (req.url === '/json') return { ...source, parsed: JSON.parse((await consume()).toString()) };
  if (req.url === '/flagged') return { ...source, req: Object.assign(req, { _body: true }), parsed: [1] };
  if (req.url === '/empty-object') return { ...source, parsed: {} }; // Express 4 sets {} without reading
  return source;
}

describe('readUnparsedBody and readRequestBody', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const route = req.headers['x-read'] === 'route';
      parserFor(req)
        .then((source): Promise<RequestBody> => {
          if (route) return readRequestBody(source, 64);
          return readUnparsedBody(source, 64).then(({ body, truncated }) => ({ raw: body, truncated }));
        })
        .then(
          (read) => {
            if ('parsed' in read) return res.end(JSON.stringify({ parsed: read.parsed }));
            res.end(JSON.stringify({ text: String(read.raw), truncated: read.truncated }));
          },
          (error: Error & { code: string }) =>
            res.writeHead(500).end(JSON.stringify({ code: error.code, message: error.message })),
        );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = async (path: string, read: 'raw' | 'route', body = '{"amount":1}') => {
    const res = await request(origin + path, { method: 'POST', headers: { 'x-read': read }, body });
    return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown> };
  };

  it('takes the first bytes a parser kept, never a re-serialisation of what it parsed', async () => {
    const kept = await post('/kept', 'raw', '{ "amount" : 1 }');
    expect(kept.json).toMatchObject({ text: '{ "amount" : 1 }', truncated: false });
  });

  it('reads the unread stream itself, and refuses a longer declared body unread', async () => {
    expect((await post('/', 'raw')).json).toMatchObject({ text: '{"amount":1}', truncated: false });
    expect((await post('/', 'raw', 'x'.repeat(100))).json).toMatchObject({ text: '\0'.repeat(65), truncated: true });
  });

  it('refuses a consumed stream with no bytes kept, naming where the body went and the fix', async () => {
    const json = await post('/json', 'raw');
    expect(json.status).toBe(500);
    expect(json.json.code).toBe('BODY_ALREADY_PARSED');
    expect(json.json.message).toContain('req.body is an object');
    expect(json.json.message).toContain(FIX);
    expect((await post('/flagged', 'raw')).json.message).toContain('req.body is an array');
  });

  it('gives routes the parsed object when a parser consumed the stream, else the raw bytes', async () => {
    expect((await post('/json', 'route')).json).toMatchObject({ parsed: { amount: 1 } });
    expect((await post('/empty-object', 'route')).json).toMatchObject({ text: '{"amount":1}', truncated: false });
    expect((await post('/', 'route', 'amount=1')).json).toMatchObject({ text: 'amount=1' });
  });
});
