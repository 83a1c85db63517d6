import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { ShopOptions } from './shop-options';

export type { ShopOptions } from './shop-options';

export interface Shop {
  app: INestApplication;
  close(): Promise<void>;
}

/** The whole shop as an initialised Nest app; `main.ts` adds the environment, the database and `listen`. */
export async function createShop(options: ShopOptions): Promise<Shop> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    rawBody: true, // Antom signs the exact bytes: Nest keeps them in req.rawBody for the notification guard
    logger: ['error', 'warn'],
  });
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '64kb' });
  await app.init();
  return { app, close: () => app.close() };
}
