import { sign } from 'node:crypto';
import { signRequest } from '@antomkit/core';
import { CLIENT_ID, keyPairs, PAY_BODY, PAY_PATH, REQUEST_TIME } from '../fixtures';
import { type Suite, syncThroughput } from '../harness';

/** The floor: what you write by hand with a key parsed once. */
export function bareSign(): string {
  const { merchantPrivate } = keyPairs();
  const content = `POST ${PAY_PATH}\n${CLIENT_ID}.${REQUEST_TIME}.${PAY_BODY}`;
  const signature = sign('sha256', Buffer.from(content), merchantPrivate).toString('base64');
  return `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signature)}`;
}

export function oursSign(mode: 'KeyObject' | 'PEM'): string {
  const keys = keyPairs();
  return signRequest({
    path: PAY_PATH,
    clientId: CLIENT_ID,
    time: REQUEST_TIME,
    body: PAY_BODY,
    privateKey: mode === 'PEM' ? keys.merchantPrivatePem : keys.merchantPrivate,
  });
}

export const signingSuite: Suite = {
  name: 'signing',
  async setup({ quick }) {
    const ms = quick ? 0 : 25;
    return {
      pairs: (['KeyObject', 'PEM'] as const).map((mode) => ({
        name: `signRequest (${mode} each call)`,
        unit: 'ops/CPU-s',
        slices: quick ? 1 : 12,
        higherIsBetter: true,
        target: 0.97,
        baselineLabel: 'crypto.sign, parsed KeyObject',
        ours: syncThroughput(() => oursSign(mode), ms),
        baseline: syncThroughput(bareSign, ms),
      })),
    };
  },
};
