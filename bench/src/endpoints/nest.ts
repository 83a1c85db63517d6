import 'reflect-metadata';
import type { Server } from 'node:http';
import { AntomModule, OnAntomNotification } from '@antomkit/nestjs';
import { Controller, HttpCode, Injectable, Module, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ACK, BASELINE_PATH, type EndpointConfig, handWrittenCheck, OURS_PATH, parsedKey } from './common';

// Decorators are applied by hand: tsx (esbuild) compiles this file and emits no decorator metadata, and none of
// these classes needs injection by type.
function method(target: { prototype: object }, name: string): [object, string, PropertyDescriptor] {
  return [target.prototype, name, Object.getOwnPropertyDescriptor(target.prototype, name)!];
}

/** Nest 11 on platform-express: the module's zero-code route and a hand-written controller. */
export async function nestServer(config: EndpointConfig): Promise<{ server: Server; close(): Promise<void> }> {
  const key = parsedKey(config);

  class Handlers {
    onPaymentResult(): void {}
  }
  OnAntomNotification('PAYMENT_RESULT')(...(method(Handlers, 'onPaymentResult') as [object, string, never]));
  Injectable()(Handlers);

  class BaselineController {
    receive(req: Request & { rawBody?: Buffer }, res: Response): void {
      const body = req.rawBody ?? Buffer.alloc(0);
      if (!handWrittenCheck(req.originalUrl, req.headers, body, key)) {
        res.status(401).end();
        return;
      }
      res.status(200).setHeader('content-type', 'application/json');
      res.end(ACK);
    }
  }
  Post(BASELINE_PATH.split('/')[2])(...method(BaselineController, 'receive'));
  HttpCode(200)(...method(BaselineController, 'receive'));
  Req()(BaselineController.prototype, 'receive', 0);
  Res()(BaselineController.prototype, 'receive', 1);
  Controller(BASELINE_PATH.split('/')[1]!)(BaselineController);

  class AppModule {}
  Module({
    imports: [
      AntomModule.forRoot({
        clientId: config.clientId,
        privateKey: config.merchantPrivatePem,
        antomPublicKey: config.antomPublicPem,
        gateway: 'http://127.0.0.1:9',
        notifications: { path: OURS_PATH.slice(1), logger: false },
      }),
    ],
    controllers: [BaselineController],
    providers: [Handlers],
  })(AppModule);

  const app = await NestFactory.create(AppModule, { rawBody: true, logger: false });
  await app.init();
  return { server: app.getHttpServer() as Server, close: () => app.close() };
}
