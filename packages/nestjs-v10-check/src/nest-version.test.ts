import { keyPair } from '@antomkit/conformance';
import { AntomClient } from '@antomkit/core';
import { antomPaymentRoutes } from '@antomkit/express';
import { AntomModule, AntomNotificationGuard } from '@antomkit/nestjs';
import * as common from '@nestjs/common';
import * as core from '@nestjs/core';
import * as platform from '@nestjs/platform-express';
import * as testing from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { NEST_PACKAGES, nest10Dirs, nest10Require, versionOf } from './nest10';

const express4 = nest10Require(nest10Dirs.express!) as { application: { handle: unknown }; Router: unknown };
const keys = keyPair();

describe('the Nest these tests run on', () => {
  it('is Nest 10.4 over express 4, the copies Node resolves from this package', () => {
    for (const name of NEST_PACKAGES) expect(versionOf(name), name).toMatch(/^10\.4\.\d+$/);
    expect(versionOf('express')).toMatch(/^4\./);
    expect(common.Module).toBe(nest10Require('@nestjs/common').Module);
    expect(core.NestFactory).toBe(nest10Require('@nestjs/core').NestFactory);
    expect(platform.ExpressAdapter).toBe(nest10Require('@nestjs/platform-express').ExpressAdapter);
    expect(testing.Test).toBe(nest10Require('@nestjs/testing').Test);
  });

  it("@antomkit/nestjs's sources inject Nest 10 classes", () => {
    expect(Reflect.getMetadata('design:paramtypes', AntomNotificationGuard)).toEqual([core.ModuleRef, core.Reflector]);
  });

  it('AntomModule boots on Nest 10 platform-express over express 4, and @antomkit/express builds express 4 routers', async () => {
    const antom = AntomModule.forRoot({
      clientId: 'NEST10',
      privateKey: keys.privateKey,
      antomPublicKey: keys.publicKey,
      gateway: 'http://127.0.0.1:9',
    });
    const app = await core.NestFactory.create({ module: class AppModule {}, imports: [antom] }, { logger: false });
    try {
      const adapter = app.getHttpAdapter();
      expect(adapter).toBeInstanceOf(platform.ExpressAdapter);
      expect((adapter.getInstance() as { handle: unknown }).handle).toBe(express4.application.handle);
      const routes = antomPaymentRoutes({
        client: app.get(AntomClient),
        publicUrl: 'http://127.0.0.1',
        notifyPath: '/antom/notifications',
        resolveOrder: () => undefined,
        onPaymentStatus: () => undefined,
        authorizeRefund: () => false,
      });
      expect(Object.getPrototypeOf(routes)).toBe(express4.Router);
    } finally {
      await app.close();
    }
  });
});
