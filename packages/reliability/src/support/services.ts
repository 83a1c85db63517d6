import { spawn } from 'node:child_process';
import { freePort, type Service, stopChild, which } from '@antomkit/test-support';

export { postgresAvailable, type Service, startPostgres } from '@antomkit/test-support';

export const redisAvailable = Boolean(which('redis-server'));

/** redis-server on a free loopback port, no persistence, stopped by its pid. */
export async function startRedis(): Promise<Service> {
  const port = await freePort();
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${text}`)), 10_000);
    server.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      if (/ready to accept connections/i.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopChild(server) };
}
