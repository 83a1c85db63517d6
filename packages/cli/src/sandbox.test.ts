import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { ACK } from './commands/notify';
import { BIN, TSX } from './test-utils';

describe('antom sandbox', () => {
  it('starts the sandbox on loopback, prints its settings, answers, and stops on SIGTERM with exit 0', async () => {
    const child = spawn(process.execPath, ['--import', TSX, BIN, 'sandbox', '--port', '0', '--json'], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const [line] = await new Promise<string[]>((resolve) => {
      createInterface({ input: child.stdout! }).once('line', (l) => resolve([l]));
    });
    const info = JSON.parse(line!) as {
      url: string;
      clientId: string;
      antomPublicKey: string;
      env: Record<string, string>;
    };
    expect(Object.keys(info)).toEqual([
      'url',
      'gateway',
      'dashboardUrl',
      'clientId',
      'merchantPrivateKey',
      'merchantPublicKey',
      'antomPublicKey',
      'env',
    ]);
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.antomPublicKey).toMatch(/BEGIN PUBLIC KEY/);
    expect(info.env.ANTOM_GATEWAY).toBe(info.url);
    const page = await fetch(`${info.url}/`);
    expect(page.status).toBe(200);
    await page.text();
    const unsigned = await fetch(`${info.url}/ams/api/v1/payments/pay`, { method: 'POST', body: '{}' });
    expect(await unsigned.text()).not.toBe(ACK);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
