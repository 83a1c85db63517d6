import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACK, keyPair, paymentResult, send, signedHeaders } from '@antomkit/conformance';
import { AntomNotificationError, createNotificationReceiver } from '@antomkit/core';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { antomNotifications } from './index';

const keys = keyPair();
const clientId = 'EXPRESS_UNIT';
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function serve(...stack: RequestHandler[]): Promise<{ url: string; errors: unknown[] }> {
  const app = express();
  const errors: unknown[] = [];
  app.post('/n', ...stack);
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    errors.push(err);
    res.status(500).end();
  });
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/n`, errors };
}

function notify(url: string, body = paymentResult()) {
  return send(url, { headers: signedHeaders({ path: '/n', clientId, body, privateKey: keys.privateKey }), body });
}

describe('antomNotifications', () => {
  it('takes a ready receiver', async () => {
    const seen: string[] = [];
    const receiver = createNotificationReceiver({ clientId, antomPublicKey: keys.publicKey }).on(
      'PAYMENT_RESULT',
      async (n) => {
        seen.push(n.paymentRequestId);
      },
    );
    const { url } = await serve(antomNotifications({ receiver }));
    const body = paymentResult();
    expect((await notify(url, body)).body).toBe(ACK);
    expect(seen).toEqual([JSON.parse(body).paymentRequestId]);
  });

  it('uses a raw body kept as a string, and a string body from express.text()', async () => {
    const handlers = { PAYMENT_RESULT: async () => {} };
    const keepString: RequestHandler = (req, _res, next) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        (req as Request & { rawBody?: string }).rawBody = Buffer.concat(chunks).toString('utf8');
        req.body = JSON.parse((req as Request & { rawBody: string }).rawBody);
        next();
      });
    };
    const a = await serve(keepString, antomNotifications({ clientId, antomPublicKey: keys.publicKey, handlers }));
    expect((await notify(a.url)).body).toBe(ACK);
    await new Promise((resolve) => server?.close(resolve));
    const b = await serve(
      express.text({ type: 'application/json' }),
      antomNotifications({ clientId, antomPublicKey: keys.publicKey, handlers }),
    );
    expect((await notify(b.url)).body).toBe(ACK);
  });

  it('throws an AntomNotificationError after express.json(), and never an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { url, errors } = await serve(
        express.json(),
        antomNotifications({ clientId, antomPublicKey: keys.publicKey, handlers: {} }),
      );
      const reply = await notify(url);
      expect(reply.status).toBe(500);
      expect(errors[0]).toBeInstanceOf(AntomNotificationError);
      expect((errors[0] as AntomNotificationError).code).toBe('BODY_ALREADY_PARSED');
      expect((errors[0] as Error).message).toContain('req.body is an object');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
