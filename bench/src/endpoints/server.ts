// One framework's notification endpoints in their own process: `server.ts <express|koa|nest> <config JSON>`.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveUntilStdinEnds } from '../child';
import type { EndpointConfig } from './common';
import { expressServer } from './express';
import { koaServer } from './koa';
import { nestServer } from './nest';

const [framework, json] = process.argv.slice(2);
const config = JSON.parse(json ?? '{}') as EndpointConfig;

async function start(): Promise<{ server: Server; close(): Promise<unknown> }> {
  if (framework === 'nest') return nestServer(config);
  const server = framework === 'express' ? expressServer(config) : framework === 'koa' ? koaServer(config) : undefined;
  if (!server) throw new Error(`unknown framework "${framework}"; use express, koa or nest`);
  return { server, close: () => new Promise((resolve) => server.close(resolve)) };
}

const { server, close } = await start();
server.listen(0, '127.0.0.1', () => serveUntilStdinEnds((server.address() as AddressInfo).port, close));
