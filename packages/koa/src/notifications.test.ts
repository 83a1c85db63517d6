import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACK, keyPair, paymentResult, send, signedHeaders } from '@antomkit/conformance';
import { type AntomNotification, AntomNotificationError, createNotificationReceiver } from '@antomkit/core';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa, { type Middleware } from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { type AntomState, antomNotifications } from './index';

const keys = keyPair();
const clientId = 'KOA_UNIT';
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function serve(...stack: Middleware<AntomState>[]): Promise<{ url: string; errors: unknown[] }> {
  const app = new Koa();
  const errors: unknown[] = [];
  app.on('error', (error: unknown) => errors.push(error));
  for (const middleware of stack) app.use(middleware);
  server = createServer(app.callback());
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/n`, errors };
}

function notify(url: string, body = paymentResult()) {
  return send(url, { headers: signedHeaders({ path: '/n', clientId, body, privateKey: keys.privateKey }), body });
}

const idOf = (body: string) => (JSON.parse(body) as { paymentRequestId: string }).paymentRequestId;

describe('antomNotifications', () => {
  it('takes a ready receiver, and passes other paths on with the path option', async () => {
    const seen: string[] = [];
    const receiver = createNotificationReceiver({ clientId, antomPublicKey: keys.publicKey }).on(
      'PAYMENT_RESULT',
      async (n) => {
        seen.push(n.paymentRequestId);
      },
    );
    const { url } = await serve(antomNotifications({ receiver, path: '/n' }), (ctx) => {
      ctx.body = 'the rest of the app';
    });
    const body = paymentResult();
    expect((await notify(url, body)).body).toBe(ACK);
    expect(seen).toEqual([idOf(body)]);
    expect((await send(url.replace('/n', '/other'), { method: 'GET' })).body).toBe('the rest of the app');
  });

  it('shows the verified notification to the middleware after it, which cannot turn a failure into an ack', async () => {
    const downstream: AntomNotification[] = [];
    let fail = true;
    const { url } = await serve(
      antomNotifications({
        clientId,
        antomPublicKey: keys.publicKey,
        logger: false,
        handlers: {
          PAYMENT_RESULT: async () => {
            if (fail) throw new Error('handler failed on purpose');
          },
        },
      }),
      (ctx) => {
        downstream.push(ctx.state.antomNotification!);
        ctx.status = 200;
        ctx.body = ACK;
      },
    );
    const body = paymentResult();
    const failed = await notify(url, body);
    expect(failed.status).toBe(500);
    expect(failed.body).not.toBe(ACK);
    expect(downstream.map((n) => n.kind)).toEqual(['PAYMENT_RESULT']);
    fail = false;
    expect((await notify(url, body)).body).toBe(ACK);

    const forged = await send(url, {
      headers: signedHeaders({ path: '/n', clientId, body, privateKey: keyPair().privateKey }),
      body,
    });
    expect(forged.status).toBe(401);
    expect(downstream).toHaveLength(2);
  });

  it('sends no ack and runs no handler when the middleware after it throws; the retry is handled', async () => {
    const handled: string[] = [];
    let downstreamFails = true;
    const { url, errors } = await serve(
      antomNotifications({
        clientId,
        antomPublicKey: keys.publicKey,
        handlers: {
          PAYMENT_RESULT: async (n) => {
            handled.push(n.paymentRequestId);
          },
        },
      }),
      async () => {
        if (downstreamFails) throw new Error('downstream failed');
      },
    );
    const body = paymentResult();
    const reply = await notify(url, body);
    expect(reply.status).toBe(500);
    expect(reply.body).not.toBe(ACK);
    expect(handled).toEqual([]);
    expect((errors[0] as Error).message).toBe('downstream failed');
    downstreamFails = false;
    expect((await notify(url, body)).body).toBe(ACK);
    expect(handled).toEqual([idOf(body)]);
  });

  it("uses koa-body's unparsedBody symbol (koa-body before v7)", async () => {
    const handlers = { PAYMENT_RESULT: async () => {} };
    // What koa-body <= 6 with includeUnparsed does: parse, and keep the text under Symbol.for('unparsedBody').
    const koaBodyV6: Middleware = async (ctx, next) => {
      const chunks: Buffer[] = [];
      for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      ctx.request.body = { ...JSON.parse(text), [Symbol.for('unparsedBody')]: text };
      await next();
    };
    const { url } = await serve(koaBodyV6, antomNotifications({ clientId, antomPublicKey: keys.publicKey, handlers }));
    const body = `{ "notifyType":"PAYMENT_RESULT", "paymentRequestId":"pr_symbol", "paymentId":"a\\/b", "result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"ok"}}`;
    expect((await notify(url, body)).body).toBe(ACK);
  });

  it('works with @koa/bodyparser in front (rawBody kept) and with ctx.disableBodyParser for the route', async () => {
    const seen: string[] = [];
    const handlers = {
      PAYMENT_RESULT: async (n: { paymentRequestId: string }) => {
        seen.push(n.paymentRequestId);
      },
    };
    const a = await serve(bodyParser(), antomNotifications({ clientId, antomPublicKey: keys.publicKey, handlers }));
    const first = paymentResult();
    expect((await notify(a.url, first)).body).toBe(ACK);
    await new Promise((resolve) => server?.close(resolve));
    const router = new Router();
    router.post('/n', antomNotifications({ clientId, antomPublicKey: keys.publicKey, handlers }));
    const b = await serve(
      async (ctx, next) => {
        if (ctx.path === '/n') ctx.disableBodyParser = true;
        await next();
      },
      bodyParser(),
      router.routes() as unknown as Middleware<AntomState>,
    );
    const second = paymentResult();
    expect((await notify(b.url, second)).body).toBe(ACK);
    expect(seen).toEqual([idOf(first), idOf(second)]);
  });

  it('throws an AntomNotificationError naming the fix when a parser consumed the body and kept nothing', async () => {
    const keepNothing: Middleware = async (ctx, next) => {
      const chunks: Buffer[] = [];
      for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
      ctx.request.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      await next();
    };
    const handled: unknown[] = [];
    const { url, errors } = await serve(
      keepNothing,
      antomNotifications({
        clientId,
        antomPublicKey: keys.publicKey,
        handlers: { PAYMENT_RESULT: async (n) => void handled.push(n) },
      }),
    );
    const reply = await notify(url);
    expect(reply.status).toBe(500);
    expect(reply.body).not.toBe(ACK);
    expect(handled).toEqual([]);
    expect(errors[0]).toBeInstanceOf(AntomNotificationError);
    expect((errors[0] as AntomNotificationError).code).toBe('BODY_ALREADY_PARSED');
    const message = (errors[0] as Error).message;
    expect(message).toContain('ctx.request.body is an object');
    expect(message).toContain('ctx.disableBodyParser = true');
    expect(message).toContain('before the body parser');
  });
});
