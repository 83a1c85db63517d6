import { verify } from 'node:crypto';
import { verifySignature } from '@antomkit/core';
import { CLIENT_ID, keyPairs, PAY_BODY, PAY_PATH, REQUEST_TIME } from '../fixtures';
import { type Suite, syncThroughput } from '../harness';
import { bareSign } from './signing';

let header: string | undefined;
/** A valid `Signature` header over the pay body, signed by the merchant key. */
function signatureHeader(): string {
  header ??= bareSign();
  return header;
}

/** The floor: split the header by hand and verify with a key parsed once. */
export function bareVerify(): boolean {
  const value = signatureHeader();
  const signature = decodeURIComponent(value.slice(value.indexOf('signature=') + 10));
  const content = `POST ${PAY_PATH}\n${CLIENT_ID}.${REQUEST_TIME}.${PAY_BODY}`;
  return verify('sha256', Buffer.from(content), keyPairs().merchantPublic, Buffer.from(signature, 'base64'));
}

export function oursVerify(mode: 'KeyObject' | 'PEM'): boolean {
  const keys = keyPairs();
  return verifySignature({
    path: PAY_PATH,
    clientId: CLIENT_ID,
    time: REQUEST_TIME,
    body: PAY_BODY,
    signature: signatureHeader(),
    publicKey: mode === 'PEM' ? keys.merchantPublicPem : keys.merchantPublic,
  });
}

export const verifyingSuite: Suite = {
  name: 'verifying',
  async setup({ quick }) {
    const ms = quick ? 0 : 25;
    return {
      pairs: (['KeyObject', 'PEM'] as const).map((mode) => ({
        name: `verifySignature (${mode} each call)`,
        unit: 'ops/CPU-s',
        slices: quick ? 1 : 12,
        higherIsBetter: true,
        target: 0.9,
        baselineLabel: 'crypto.verify, parsed KeyObject',
        ours: syncThroughput(() => oursVerify(mode), ms),
        baseline: syncThroughput(bareVerify, ms),
      })),
    };
  },
};
