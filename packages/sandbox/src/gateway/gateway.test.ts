import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairPem } from '../keys';
import { type Sandbox, startSandbox } from '../sandbox';
import { rawHttp, responseVerifies, signedCall } from '../test-helpers';

const order = {
  referenceOrderId: 'o-1',
  orderDescription: 'Two mugs',
  orderAmount: { currency: 'USD', value: '1999' },
};
const payBody = (paymentRequestId: string, value = '1999', extra: Record<string, unknown> = {}) => ({
  productCode: 'CASHIER_PAYMENT',
  paymentRequestId,
  order,
  paymentAmount: { currency: 'USD', value },
  paymentMethod: { paymentMethodType: 'ALIPAY_CN' },
  paymentRedirectUrl: 'http://127.0.0.1:9/return',
  ...extra,
});

let sandbox: Sandbox;
const other = generateKeyPairPem();
const rotated = generateKeyPairPem();

beforeAll(async () => {
  sandbox = await startSandbox({
    merchants: [{ clientId: 'SANDBOX_ROTATED', publicKeys: { '1': other.publicKey, '2': rotated.publicKey } }],
  });
});
afterAll(() => sandbox.close());

describe('gateway protocol', () => {
  it('answers pay with a signed U/PAYMENT_IN_PROCESS and a cashier normalUrl, under both prefixes', async () => {
    for (const prefix of ['/ams/api', '/ams/sandbox/api']) {
      const reply = await signedCall(sandbox, '/v1/payments/pay', payBody(`p-${prefix}`), { prefix });
      expect(reply.status).toBe(200);
      expect(reply.json.result).toEqual({
        resultCode: 'PAYMENT_IN_PROCESS',
        resultStatus: 'U',
        resultMessage: 'payment in process',
      });
      expect(reply.json.normalUrl).toBe(`${sandbox.url}/cashier/${reply.json.paymentId}`);
      expect(reply.headers.get('client-id')).toBe(sandbox.clientId);
      expect(reply.headers.get('response-time')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      expect(responseVerifies(sandbox, `${prefix}/v1/payments/pay`, reply)).toBe(true);
      expect(responseVerifies(sandbox, '/ams/api/v1/payments/other', reply)).toBe(false);
    }
  });

  it('accepts ISO Request-Time, pretty-printed bodies and query strings (signed as requested)', async () => {
    const pretty = JSON.stringify(payBody('p-pretty'), null, 3);
    const reply = await signedCall(sandbox, '/v1/payments/pay?lang=en', pretty, { time: '2026-01-01T00:00:00+00:00' });
    expect(reply.json.result.resultCode).toBe('PAYMENT_IN_PROCESS');
    expect(responseVerifies(sandbox, '/ams/sandbox/api/v1/payments/pay?lang=en', reply)).toBe(true);
  });

  it('accepts an absolute-form request target', async () => {
    const { signRequest } = await import('@antomkit/core');
    const path = '/ams/api/v1/payments/inquiryPayment';
    const body = JSON.stringify({ paymentRequestId: 'p-/ams/api' });
    const time = String(Date.now());
    const signature = signRequest({
      path,
      clientId: sandbox.clientId,
      time,
      body,
      privateKey: sandbox.keys.merchantPrivateKey,
    });
    const raw = await rawHttp(
      sandbox,
      `POST ${sandbox.url}${path} HTTP/1.1\r\nHost: ${new URL(sandbox.url).host}\r\nContent-Type: application/json\r\n` +
        `Client-Id: ${sandbox.clientId}\r\nRequest-Time: ${time}\r\nSignature: ${signature}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(raw).toMatch(/^HTTP\/1\.1 200/);
    expect(raw).toContain('"paymentStatus":"PROCESSING"');
    expect(raw.toLowerCase()).toContain('\r\nsignature: algorithm=rsa256');
  });

  it('refuses a tampered body or a wrong key with an unsigned INVALID_SIGNATURE', async () => {
    const tampered = await signedCall(sandbox, '/v1/payments/pay', payBody('p-tamper'), {
      tamper: (b) => b.replace('1999', '1'),
    });
    expect(tampered.json.result).toMatchObject({ resultCode: 'INVALID_SIGNATURE', resultStatus: 'F' });
    expect(tampered.headers.get('signature')).toBeNull();
    const wrongKey = await signedCall(sandbox, '/v1/payments/pay', payBody('p-wrongkey'), {
      privateKey: other.privateKey,
    });
    expect(wrongKey.json.result.resultCode).toBe('INVALID_SIGNATURE');
    const signedForOtherPath = await signedCall(sandbox, '/v1/payments/pay', payBody('p-path'), {
      signedPath: '/ams/api/v1/payments/pay',
    });
    expect(signedForOtherPath.json.result.resultCode).toBe('INVALID_SIGNATURE');
    const missing = await signedCall(sandbox, '/v1/payments/pay', payBody('p-nosig'), { headers: { signature: '' } });
    expect(missing.json.result.resultCode).toBe('INVALID_SIGNATURE');
    // Nothing was created by the refused calls.
    const inquiry = await signedCall(sandbox, '/v1/payments/inquiryPayment', { paymentRequestId: 'p-tamper' });
    expect(inquiry.json.result.resultCode).toBe('ORDER_NOT_EXIST');
  });

  it('knows clients and key versions: INVALID_CLIENT, KEY_NOT_FOUND, rotation', async () => {
    const unknown = await signedCall(sandbox, '/v1/payments/pay', payBody('p-x'), { clientId: 'SANDBOX_NOBODY' });
    expect(unknown.json.result.resultCode).toBe('INVALID_CLIENT');
    expect(unknown.headers.get('signature')).toBeNull();
    const badVersion = await signedCall(sandbox, '/v1/payments/pay', payBody('p-x'), { keyVersion: 7 });
    expect(badVersion.json.result.resultCode).toBe('KEY_NOT_FOUND');
    const v2 = await signedCall(sandbox, '/v1/payments/pay', payBody('p-rot'), {
      clientId: 'SANDBOX_ROTATED',
      privateKey: rotated.privateKey,
      keyVersion: 2,
    });
    expect(v2.json.result.resultCode).toBe('PAYMENT_IN_PROCESS');
    const v1WithV2Key = await signedCall(sandbox, '/v1/payments/pay', payBody('p-rot2'), {
      clientId: 'SANDBOX_ROTATED',
      privateKey: rotated.privateKey,
      keyVersion: 1,
    });
    expect(v1WithV2Key.json.result.resultCode).toBe('INVALID_SIGNATURE');
    // The same paymentRequestId under another client id is another payment.
    const mine = await signedCall(sandbox, '/v1/payments/inquiryPayment', { paymentRequestId: 'p-rot' });
    expect(mine.json.result.resultCode).toBe('ORDER_NOT_EXIST');
  });

  it('answers NO_INTERFACE_DEF, MEDIA_TYPE_NOT_ACCEPTABLE, METHOD_NOT_SUPPORTED and PARAM_ILLEGAL', async () => {
    const noApi = await signedCall(sandbox, '/v1/payments/teleport', {});
    expect(noApi.json.result.resultCode).toBe('NO_INTERFACE_DEF');
    expect(responseVerifies(sandbox, '/ams/sandbox/api/v1/payments/teleport', noApi)).toBe(true);
    const form = await signedCall(sandbox, '/v1/payments/pay', payBody('p-form'), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.json.result.resultCode).toBe('MEDIA_TYPE_NOT_ACCEPTABLE');
    const get = await signedCall(sandbox, '/v1/payments/pay', {}, { method: 'GET' });
    expect(get.json.result.resultCode).toBe('METHOD_NOT_SUPPORTED');
    const noAmount = await signedCall(sandbox, '/v1/payments/pay', { ...payBody('p-na'), paymentAmount: undefined });
    expect(noAmount.json.result).toMatchObject({ resultCode: 'PARAM_ILLEGAL', resultStatus: 'F' });
    expect(noAmount.json.result.resultMessage).toContain('paymentAmount');
    const decimal = await signedCall(sandbox, '/v1/payments/pay', payBody('p-dec', '19.99'));
    expect(decimal.json.result.resultMessage).toContain('paymentAmount.value');
    const array = await signedCall(sandbox, '/v1/payments/pay', '[]');
    expect(array.json.result.resultCode).toBe('PARAM_ILLEGAL');
    const notJson = await signedCall(sandbox, '/v1/payments/pay', '{"a":');
    expect(notJson.json.result.resultCode).toBe('PARAM_ILLEGAL');
  });

  it('bounds the body size', async () => {
    const small = await startSandbox({ maxBodyBytes: 1024, keys: { antom: other, merchant: rotated } });
    try {
      const big = JSON.stringify({ pad: 'x'.repeat(4096) });
      const res = await fetch(`${small.url}/ams/api/v1/payments/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'client-id': small.clientId },
        body: big,
      });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });
});
