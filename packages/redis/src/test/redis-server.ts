import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      resolve(data.toString().startsWith('+PONG'));
      socket.destroy();
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      resolve(false);
      socket.destroy();
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a throwaway redis-server on a free loopback port for the test run and stops it by its pid after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(
      'redis-server is not on the PATH. Install it (`apt-get install -y redis-server`; `.ci/run` does this) ' +
        'to run the @antomkit/redis tests.',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'antom-redis-'));
  const pidfile = join(dir, 'redis.pid');
  let port = 0;
  for (let attempt = 0; attempt < 3 && !port; attempt++) {
    const candidate = await freePort();
    execFileSync('redis-server', [
      '--port',
      String(candidate),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--pidfile',
      pidfile,
      '--dir',
      dir,
      '--logfile',
      join(dir, 'redis.log'),
    ]);
    for (let i = 0; i < 50 && !port; i++) {
      if (await ping(candidate)) port = candidate;
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!port) throw new Error(`redis-server did not start; see ${join(dir, 'redis.log')}`);
  project.provide('redisUrl', `redis://127.0.0.1:${port}`);

  return async () => {
    const pid = Number(readFileSync(pidfile, 'utf8').trim());
    try {
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    }
  };
}
