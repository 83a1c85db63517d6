import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '@antomkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { antom, tempDir } from './test-utils';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

describe('keys from antom keys generate, signatures from antom sign', () => {
  it('are accepted by the sandbox gateway (the dashboard base64 as the registered key), and a wrong key is not', async () => {
    expect((await antom(['keys', 'generate', '--out', dir])).code).toBe(0);
    const publicB64 = readFileSync(join(dir, 'public-key.base64.txt'), 'utf8').trim();
    const sandbox = await startSandbox({
      port: 0,
      merchants: [{ clientId: 'SANDBOX_CLI_TEST', publicKey: publicB64 }],
    });
    try {
      const path = '/ams/api/v1/payments/pay';
      const body = JSON.stringify({
        productCode: 'CASHIER_PAYMENT',
        paymentRequestId: `pay_cli_${Date.now()}`,
        order: { referenceOrderId: 'o1', orderDescription: 'test', orderAmount: { currency: 'USD', value: '100' } },
        paymentAmount: { currency: 'USD', value: '100' },
        paymentMethod: { paymentMethodType: 'CARD' },
        paymentRedirectUrl: 'http://127.0.0.1:1/return',
        paymentNotifyUrl: 'http://127.0.0.1:1/notify',
        env: { terminalType: 'WEB' },
      });
      writeFileSync(join(dir, 'body.json'), body);
      const call = async (keyFile: string) => {
        const time = String(Date.now());
        const signed = await antom([
          'sign',
          '--path',
          path,
          '--client-id',
          'SANDBOX_CLI_TEST',
          '--time',
          time,
          '--body-file',
          join(dir, 'body.json'),
          '--private-key-file',
          keyFile,
        ]);
        expect(signed.code, signed.stderr).toBe(0);
        const response = await fetch(`${sandbox.url}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=UTF-8',
            'client-id': 'SANDBOX_CLI_TEST',
            'request-time': time,
            signature: signed.stdout.trim(),
          },
          body,
        });
        return (await response.json()) as { result: { resultCode: string } };
      };
      expect((await call(join(dir, 'private-key.pem'))).result.resultCode).not.toBe('INVALID_SIGNATURE');
      expect((await antom(['keys', 'generate', '--out', join(dir, 'other')])).code).toBe(0);
      expect((await call(join(dir, 'other', 'private-key.pem'))).result.resultCode).toBe('INVALID_SIGNATURE');
    } finally {
      await sandbox.close();
    }
  });
});
