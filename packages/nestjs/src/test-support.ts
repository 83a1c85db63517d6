import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';

/** Listens on 127.0.0.1, port 0; returns the origin. */
export async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** A merchant key pair and gateway for an AntomClient that is never called in these tests. */
export const UNUSED_GATEWAY = 'http://127.0.0.1:9';
