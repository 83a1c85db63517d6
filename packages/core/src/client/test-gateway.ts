import type { KeyObject } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRequest, verifySignature } from '../signature';

/** A request as the test gateway received it, with its signature checked independently of the client. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  signatureValid: boolean;
}

export interface GatewayAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** 'sign' (default), 'none', 'forge' (signed by another key), 'tamper' (body changed after signing), 'time-only', 'signature-only'. */
  signing?: 'sign' | 'none' | 'forge' | 'tamper' | 'time-only' | 'signature-only';
  delayMs?: number;
  /** Drop the connection without answering. */
  destroy?: boolean;
  /** Send the body chunked (no Content-Length) in this many pieces, `gapMs` apart. */
  chunked?: { pieces: number; gapMs: number };
}

export interface TestGateway {
  origin: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP server standing in for Antom: verifies each request with the merchant public key and signs its
 * answers with its own "Antom" private key over `POST <path>\n<client-id>.<response-time>.<body>`.
 */
export async function startGateway(options: {
  merchantPublicKey: KeyObject;
  antomPrivateKey: KeyObject;
  forgeryKey?: KeyObject;
  answer: (request: ReceivedRequest, index: number) => GatewayAnswer | Promise<GatewayAnswer>;
}): Promise<TestGateway> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const clientId = String(req.headers['client-id'] ?? '');
      const received: ReceivedRequest = {
        path: req.url ?? '',
        headers: req.headers,
        body,
        signatureValid:
          req.method === 'POST' &&
          verifySignature({
            path: req.url ?? '',
            clientId,
            time: String(req.headers['request-time'] ?? ''),
            body,
            signature: String(req.headers.signature ?? ''),
            publicKey: options.merchantPublicKey,
          }),
      };
      const index = requests.push(received) - 1;
      void Promise.resolve(options.answer(received, index)).then((answer) => respond(res, received, clientId, answer));
    });
  });
  const respond = (res: ServerResponse, received: ReceivedRequest, clientId: string, answer: GatewayAnswer) => {
    setTimeout(() => {
      if (answer.destroy) {
        res.socket?.destroy();
        return;
      }
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
      const time = new Date().toISOString().replace('Z', '+00:00');
      const signing = answer.signing ?? 'sign';
      const key = signing === 'forge' ? options.forgeryKey! : options.antomPrivateKey;
      const signature = signRequest({ path: received.path, clientId, time, body: text, privateKey: key });
      const headers: Record<string, string> = { 'content-type': 'application/json', ...answer.headers };
      if (signing !== 'none') {
        headers['client-id'] = clientId;
        if (signing !== 'signature-only') headers['response-time'] = time;
        if (signing !== 'time-only') headers.signature = signature;
      }
      res.writeHead(answer.status ?? 200, headers);
      const sent = signing === 'tamper' ? text.replace('"S"', '"S" ') : text;
      if (answer.chunked) void writeChunked(res, Buffer.from(sent), answer.chunked);
      else res.end(sent);
    }, answer.delayMs ?? 0);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function writeChunked(res: ServerResponse, body: Buffer, { pieces, gapMs }: { pieces: number; gapMs: number }) {
  const size = Math.ceil(body.length / pieces);
  for (let i = 0; i < body.length && !res.destroyed; i += size) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    res.write(body.subarray(i, i + size));
  }
  res.end();
}

export const SUCCESS = { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' };
