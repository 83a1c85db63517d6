import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNotificationReceiver, type NotificationLogger, type NotificationReceiverOptions } from '@antomkit/core';
import { antomNotifications as expressNotifications } from '@antomkit/express';
import { antomNotifications as koaNotifications } from '@antomkit/koa';
import { AntomModule, OnAntomNotification } from '@antomkit/nestjs';
import Router from '@koa/router';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express5 from 'express';
// @ts-expect-error express@4 under an npm alias; its API is the subset typed by @types/express
import express4Untyped from 'express-v4';
import Koa3 from 'koa';
// @ts-expect-error koa@2 under an npm alias; its API is the subset typed by @types/koa
import Koa2Untyped from 'koa-v2';

export const NOTIFY_PATH = '/antom/notifications';

/** What a notification endpoint under test is configured with; every target serves it at {@link NOTIFY_PATH}. */
export interface TargetSetup {
  receiver: Pick<NotificationReceiverOptions, 'clientId' | 'antomPublicKey' | 'maxBodyBytes' | 'dedupe'> & {
    logger?: NotificationLogger | false;
  };
  onPayment: (notification: Record<string, unknown>) => Promise<void> | void;
}

export interface RunningTarget {
  url: string;
  close(): Promise<void>;
}

export interface Target {
  name: string;
  /** True when the framework routes by method before the adapter sees the request (a GET gets its 404). */
  methodRouted: boolean;
  start(setup: TargetSetup): Promise<RunningTarget>;
}

function serve(server: Server): Promise<RunningTarget> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Core alone behind node:http: the raw body read up to one byte past the limit, then `receiver.receive`. */
const core: Target = {
  name: 'core receiver (node:http)',
  methodRouted: false,
  async start({ receiver: options, onPayment }) {
    const receiver = createNotificationReceiver(options).on('PAYMENT_RESULT', (n) => onPayment(n as never));
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let replied = false;
      const answer = (rawBody: Buffer) => {
        if (replied) return;
        replied = true;
        void receiver
          .receive({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, rawBody })
          .then((reply) => {
            res.writeHead(reply.status, { ...reply.headers, ...(req.complete ? {} : { connection: 'close' }) });
            res.end(reply.body);
          });
      };
      req.on('data', (chunk: Buffer) => {
        if (replied) return;
        size += chunk.length;
        chunks.push(chunk);
        if (size > receiver.maxBodyBytes) answer(Buffer.concat(chunks));
      });
      req.on('end', () => answer(Buffer.concat(chunks)));
    });
    return serve(server);
  },
};

function express(name: string, factory: typeof express5): Target {
  return {
    name,
    methodRouted: true,
    async start({ receiver, onPayment }) {
      const app = factory();
      app.post(
        NOTIFY_PATH,
        expressNotifications({ ...receiver, handlers: { PAYMENT_RESULT: (n) => onPayment(n as never) } }),
      );
      app.use((_err: unknown, _req: express5.Request, res: express5.Response, _next: express5.NextFunction) => {
        res.status(500).json({ error: 'failed' });
      });
      return serve(createServer(app));
    },
  };
}

function koaRouter(name: string, Koa: typeof Koa3): Target {
  return {
    name,
    methodRouted: true,
    async start({ receiver, onPayment }) {
      const app = new Koa();
      app.silent = true;
      const router = new Router();
      router.post(
        NOTIFY_PATH,
        koaNotifications({ ...receiver, handlers: { PAYMENT_RESULT: (n) => onPayment(n as never) } }),
      );
      app.use(router.routes()).use(router.allowedMethods());
      return serve(createServer(app.callback()));
    },
  };
}

function koaPath(name: string, Koa: typeof Koa3): Target {
  return {
    name,
    methodRouted: false,
    async start({ receiver, onPayment }) {
      const app = new Koa();
      app.silent = true;
      app.use(
        koaNotifications({
          ...receiver,
          path: NOTIFY_PATH,
          handlers: { PAYMENT_RESULT: (n) => onPayment(n as never) },
        }),
      );
      return serve(createServer(app.callback()));
    },
  };
}

const nest: Target = {
  name: 'nestjs 11 (platform-express, module route)',
  methodRouted: true,
  async start({ receiver, onPayment }) {
    const { clientId, antomPublicKey, ...notifications } = receiver;
    @Injectable()
    class Handlers {
      @OnAntomNotification('PAYMENT_RESULT')
      onPayment(n: unknown) {
        return onPayment(n as never);
      }
    }
    @Module({
      imports: [
        AntomModule.forRoot({
          clientId,
          antomPublicKey,
          // A client that is never called here; the receiver verifies with antomPublicKey.
          privateKey: SPARE_PRIVATE_KEY.value,
          gateway: 'http://127.0.0.1:9',
          notifications: { ...notifications, path: NOTIFY_PATH },
        }),
      ],
      providers: [Handlers],
    })
    class AppModule {}
    const app = await NestFactory.create(AppModule, { logger: false, bodyParser: false });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
  },
};

/** The Nest module builds a client too; any merchant key does (set by the test before starting Nest). */
export const SPARE_PRIVATE_KEY: { value: string } = { value: '' };

const Koa2 = Koa2Untyped as typeof Koa3;

export const TARGETS: Target[] = [
  core,
  express('express 5', express5),
  express('express 4', express4Untyped as typeof express5),
  koaRouter('koa 3 (@koa/router)', Koa3),
  koaPath('koa 2 (path option)', Koa2),
  nest,
];
