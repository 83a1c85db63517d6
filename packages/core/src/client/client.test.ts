import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AntomApiError,
  AntomConfigError,
  AntomResponseSignatureError,
  AntomSignatureError,
  AntomUnknownOutcomeError,
} from '../errors';
import { AntomClient } from './client';
import type { AntomClientOptions } from './config';
import type { AntomResponseEvent, AntomRetryEvent } from './hooks';
import { type GatewayAnswer, type ReceivedRequest, SUCCESS, startGateway, type TestGateway } from './test-gateway';

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const merchant = rsa();
const antomKeys = rsa();
const stranger = rsa();

const order = {
  referenceOrderId: 'order-1',
  orderDescription: 'Café – 2 × ☕',
  orderAmount: { currency: 'USD', value: '1000' },
};
const payBody = {
  productCode: 'CASHIER_PAYMENT',
  paymentRequestId: 'pay-123',
  order,
  paymentAmount: { currency: 'USD', value: '1000' },
  paymentMethod: { paymentMethodType: 'ALIPAY_CN' },
  paymentRedirectUrl: 'https://shop.example/return',
} as const;

let gateway: TestGateway | undefined;
const clients: AntomClient[] = [];

async function setup(
  answer: (request: ReceivedRequest, index: number) => GatewayAnswer | Promise<GatewayAnswer>,
  options: Partial<AntomClientOptions> = {},
): Promise<{ antom: AntomClient; gateway: TestGateway }> {
  gateway = await startGateway({
    merchantPublicKey: merchant.publicKey,
    antomPrivateKey: antomKeys.privateKey,
    forgeryKey: stranger.privateKey,
    answer,
  });
  const client = new AntomClient({
    clientId: 'TEST_CLIENT',
    privateKey: merchant.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    antomPublicKey: antomKeys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    gateway: gateway.origin,
    retryBaseDelayMs: 1,
    ...options,
  });
  clients.push(client);
  return { antom: client, gateway };
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await gateway?.close();
  gateway = undefined;
});

const ok = (extra: Record<string, unknown> = {}): GatewayAnswer => ({ body: { result: SUCCESS, ...extra } });
const result = (resultStatus: string, resultCode: string, extra: Record<string, unknown> = {}): GatewayAnswer => ({
  body: { result: { resultCode, resultStatus, resultMessage: `${resultCode} message` }, ...extra },
});

describe('requests', () => {
  it('signs the exact bytes it sends, with the documented headers', async () => {
    const { antom, gateway } = await setup(() => ok({ paymentId: 'p-1', normalUrl: 'https://cashier/1' }));
    const response = await antom.payments.pay(payBody);
    expect(response.paymentId).toBe('p-1');
    expect(response.result.resultStatus).toBe('S');
    const [received] = gateway.requests;
    expect(received!.signatureValid).toBe(true);
    expect(received!.path).toBe('/ams/api/v1/payments/pay');
    expect(received!.body.toString('utf8')).toBe(JSON.stringify(payBody));
    expect(received!.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(received!.headers['client-id']).toBe('TEST_CLIENT');
    expect(received!.headers['request-time']).toMatch(/^\d{13}$/);
    expect(Math.abs(Number(received!.headers['request-time']) - Date.now())).toBeLessThan(10_000);
    expect(received!.headers.signature).toMatch(/^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%]+$/);
    expect(received!.headers['agent-token']).toBeUndefined();
  });

  it('sends a string body byte for byte through request()', async () => {
    const { antom, gateway } = await setup(() => ok());
    const raw = '{\n   "paymentRequestId": "x-1",\n   "note": "ü\\u00fc"\n}';
    await antom.request('/v1/payments/inquiryPayment', raw);
    await antom.request('/ams/api/v1/payments/inquiryPayment', { paymentId: 'p' });
    expect(gateway.requests[0]!.body.toString('utf8')).toBe(raw);
    expect(gateway.requests.map((r) => [r.path, r.signatureValid])).toEqual([
      ['/ams/api/v1/payments/inquiryPayment', true],
      ['/ams/api/v1/payments/inquiryPayment', true],
    ]);
  });

  it('a SANDBOX_ client id calls and signs /ams/sandbox/api, except risk paths', async () => {
    const { antom, gateway } = await setup(() => ok(), { clientId: 'SANDBOX_5YEZ1' });
    await antom.payments.pay(payBody);
    await antom.risk.payments.decide({ referenceTransactionId: 'r' });
    await antom.request('/ams/api/v1/payments/refund', { refundRequestId: 'r-1' });
    expect(gateway.requests.map((r) => [r.path, r.headers['client-id'], r.signatureValid])).toEqual([
      ['/ams/sandbox/api/v1/payments/pay', 'SANDBOX_5YEZ1', true],
      ['/ams/api/v1/risk/payments/decide', 'SANDBOX_5YEZ1', true],
      ['/ams/sandbox/api/v1/payments/refund', 'SANDBOX_5YEZ1', true],
    ]);
  });

  it('sends Agent-Token from the config, a withAgentToken view sharing the pool, and per call', async () => {
    const { antom, gateway } = await setup(() => ok(), { agentToken: 'isv-default' });
    const merchantA = antom.withAgentToken('token-A');
    await antom.payments.inquiryPayment({ paymentRequestId: 'a' });
    await merchantA.payments.inquiryPayment({ paymentRequestId: 'b' });
    await merchantA.payments.inquiryPayment({ paymentRequestId: 'c' }, { agentToken: 'token-C' });
    expect(gateway.requests.map((r) => [r.headers['agent-token'], r.signatureValid])).toEqual([
      ['isv-default', true],
      ['token-A', true],
      ['token-C', true],
    ]);
    expect(() => antom.withAgentToken('bad\r\ntoken')).toThrow(AntomConfigError);
    await merchantA.close();
    await expect(antom.payments.inquiryPayment({ paymentId: 'x' })).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
  });
});

describe('outcomes', () => {
  it('returns a signed PAYMENT_IN_PROCESS so the buyer can be sent to normalUrl', async () => {
    const { antom, gateway } = await setup(() =>
      result('U', 'PAYMENT_IN_PROCESS', { paymentRequestId: 'pay-123', normalUrl: 'https://cashier/x' }),
    );
    const response = await antom.payments.pay(payBody);
    expect(response.normalUrl).toBe('https://cashier/x');
    expect(response.result).toMatchObject({ resultStatus: 'U', resultCode: 'PAYMENT_IN_PROCESS' });
    expect(gateway.requests).toHaveLength(1);
  });

  it('throws AntomApiError on F and never retries it', async () => {
    const { antom, gateway } = await setup(() => result('F', 'RISK_REJECT', { paymentRequestId: 'pay-123' }));
    const error = await antom.payments.pay(payBody).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AntomApiError);
    expect(error).toMatchObject({
      code: 'RISK_REJECT',
      resultCode: 'RISK_REJECT',
      resultStatus: 'F',
      resultMessage: 'RISK_REJECT message',
      path: '/ams/api/v1/payments/pay',
      requestId: 'pay-123',
    });
    expect(gateway.requests).toHaveLength(1);
    expect((error as AntomApiError).response).toBeUndefined();
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toMatch(/Caf|order-1|signature=/);
  });

  it('accepts an unsigned F (Antom does not sign e.g. INVALID_SIGNATURE answers)', async () => {
    const { antom } = await setup(() => ({ ...result('F', 'INVALID_SIGNATURE'), signing: 'none' }));
    await expect(
      antom.payments.refund({ refundRequestId: 'r-9', paymentId: 'p', refundAmount: { currency: 'USD', value: '1' } }),
    ).rejects.toMatchObject({
      name: 'AntomApiError',
      resultCode: 'INVALID_SIGNATURE',
      requestId: 'r-9',
    });
  });

  it('retries UNKNOWN_EXCEPTION with identical bytes, then throws AntomUnknownOutcomeError that says to inquire', async () => {
    const { antom, gateway } = await setup(() => result('U', 'UNKNOWN_EXCEPTION'), { maxRetries: 2 });
    const error = await antom.payments.pay(payBody).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AntomUnknownOutcomeError);
    expect(error).toMatchObject({ resultCode: 'UNKNOWN_EXCEPTION', attempts: 3, requestId: 'pay-123' });
    expect((error as Error).message).toMatch(/inquiryPayment/);
    expect(gateway.requests).toHaveLength(3);
    const [first, ...rest] = gateway.requests;
    for (const r of rest) {
      expect(r.body.equals(first!.body)).toBe(true);
      expect(r.headers['request-time']).toBe(first!.headers['request-time']);
      expect(r.headers.signature).toBe(first!.headers.signature);
      expect(r.signatureValid).toBe(true);
    }
  });

  it('retries REQUEST_TRAFFIC_EXCEED_LIMIT, then returns the S of a later attempt', async () => {
    const { antom, gateway } = await setup((_r, i) =>
      i === 0 ? result('U', 'REQUEST_TRAFFIC_EXCEED_LIMIT') : ok({ refundId: 'rf-1' }),
    );
    const response = await antom.payments.refund({
      refundRequestId: 'r-1',
      paymentId: 'p-1',
      refundAmount: { currency: 'USD', value: '10' },
    });
    expect(response.refundId).toBe('rf-1');
    expect(gateway.requests).toHaveLength(2);
    expect(JSON.parse(gateway.requests[1]!.body.toString()).refundRequestId).toBe('r-1');
  });

  it('does not retry an undocumented U code but reports it as an unknown outcome', async () => {
    const { antom, gateway } = await setup(() => result('U', 'SOMETHING_NEW'));
    await expect(antom.payments.cancel({ paymentRequestId: 'c-1' })).rejects.toBeInstanceOf(AntomUnknownOutcomeError);
    expect(gateway.requests).toHaveLength(1);
  });

  it('retries 5xx and dropped connections, not 4xx', async () => {
    const answers: GatewayAnswer[] = [
      { status: 502, body: 'bad gateway', signing: 'none' },
      { destroy: true },
      ok({ paymentId: 'p-2' }),
    ];
    const { antom, gateway } = await setup((_r, i) => answers[i]!);
    expect((await antom.payments.inquiryPayment({ paymentRequestId: 'q-1' })).paymentId).toBe('p-2');
    expect(new Set(gateway.requests.map((r) => r.body.toString())).size).toBe(1);
    expect(gateway.requests.every((r) => r.signatureValid)).toBe(true);

    await gateway.close();
    const second = await setup(() => ({ status: 400, body: 'no', signing: 'none' }));
    await expect(second.antom.payments.inquiryPayment({ paymentRequestId: 'q-2' })).rejects.toMatchObject({
      name: 'AntomTransportError',
      code: 'HTTP_STATUS',
      status: 400,
    });
    expect(second.gateway.requests).toHaveLength(1);
  });

  it('gives up on persistent 503 with AntomTransportError after maxRetries', async () => {
    const { antom, gateway } = await setup(() => ({ status: 503, signing: 'none' }), { maxRetries: 1 });
    await expect(antom.payments.pay(payBody)).rejects.toMatchObject({
      name: 'AntomTransportError',
      code: 'HTTP_STATUS',
      status: 503,
      attempts: 2,
    });
    expect(gateway.requests).toHaveLength(2);
  });

  it('honours Retry-After on 429', async () => {
    const { antom, gateway } = await setup((_r, i) =>
      i === 0 ? { status: 429, headers: { 'retry-after': '1' }, signing: 'none' } : ok(),
    );
    const started = Date.now();
    await antom.payments.inquiryPayment({ paymentRequestId: 'q' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(gateway.requests).toHaveLength(2);
  });
});

describe('response verification', () => {
  it.each([
    ['unsigned', 'none', 'RESPONSE_UNSIGNED'],
    ['signed by another key', 'forge', 'RESPONSE_SIGNATURE_INVALID'],
    ['changed after signing', 'tamper', 'RESPONSE_SIGNATURE_INVALID'],
    ['signed without response-time', 'signature-only', 'RESPONSE_SIGNATURE_INCOMPLETE'],
  ] as const)('refuses an S that is %s', async (_name, signing, code) => {
    const { antom } = await setup(() => ({ ...ok({ paymentId: 'p' }), signing }));
    const error = await antom.payments.pay(payBody).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AntomResponseSignatureError);
    expect(error).toBeInstanceOf(AntomSignatureError);
    expect(error).toMatchObject({ code });
  });

  it('refuses an unsigned answer it cannot read', async () => {
    const { antom } = await setup(() => ({ body: '<html>proxy error</html>', signing: 'none' }));
    await expect(antom.payments.pay(payBody)).rejects.toMatchObject({
      name: 'AntomResponseSignatureError',
      code: 'RESPONSE_MALFORMED',
    });
  });

  it('refuses an F that carries only one of signature / response-time', async () => {
    const { antom } = await setup(() => ({ ...result('F', 'PARAM_ILLEGAL'), signing: 'time-only' }));
    await expect(antom.payments.pay(payBody)).rejects.toMatchObject({ code: 'RESPONSE_SIGNATURE_INCOMPLETE' });
  });

  it("returns an unsigned PAYMENT_IN_PROCESS (Antom's F/U rule) and tells the onResponse hook it was unsigned", async () => {
    const events: AntomResponseEvent[] = [];
    const answer = (signing: 'none' | 'sign') => () => ({
      ...result('U', 'PAYMENT_IN_PROCESS', { normalUrl: 'https://cashier.example/pay' }),
      signing,
    });
    const hooks = { onResponse: (e: AntomResponseEvent) => events.push(e) };
    const { antom } = await setup(answer('none'), { hooks });
    await expect(antom.payments.pay(payBody)).resolves.toMatchObject({ result: { resultCode: 'PAYMENT_IN_PROCESS' } });
    await gateway?.close();
    const { antom: signedClient } = await setup(answer('sign'), { hooks });
    await signedClient.payments.pay(payBody);
    expect(events.map((e) => e.signed)).toEqual([false, true]);
  });

  it('picks the Antom key by keyVersion from a keyring', async () => {
    const { antom } = await setup(() => ok(), {
      antomPublicKey: { '1': antomKeys.publicKey, '0': stranger.publicKey },
    });
    await expect(antom.payments.inquiryPayment({ paymentId: 'p' })).resolves.toMatchObject({ result: SUCCESS });
  });
});

describe('timeouts and aborts', () => {
  it('times out an attempt and retries it, then gives up with TIMEOUT', async () => {
    const { antom, gateway } = await setup(() => ({ ...ok(), delayMs: 2000 }), { timeoutMs: 80, maxRetries: 1 });
    const started = Date.now();
    await expect(antom.payments.inquiryPayment({ paymentRequestId: 'slow' })).rejects.toMatchObject({
      name: 'AntomTransportError',
      code: 'TIMEOUT',
      attempts: 2,
    });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(gateway.requests).toHaveLength(2);
  });

  it('a per-call timeoutMs overrides the client default', async () => {
    const { antom } = await setup(() => ({ ...ok(), delayMs: 300 }), { timeoutMs: 5000 });
    await expect(
      antom.payments.inquiryPayment({ paymentRequestId: 's' }, { timeoutMs: 50, maxRetries: 0 }),
    ).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('an AbortSignal stops the call and it is not retried', async () => {
    const { antom, gateway } = await setup(() => ({ ...ok(), delayMs: 500 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(antom.payments.pay(payBody, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AntomTransportError',
      code: 'ABORTED',
    });
    expect(gateway.requests).toHaveLength(1);
    await expect(antom.payments.pay(payBody, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });

  it('an abort during the wait before a retry stops the retries', async () => {
    const { antom, gateway } = await setup(() => ({ status: 503, headers: { 'retry-after': '5' }, signing: 'none' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(antom.payments.pay(payBody, { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(gateway.requests).toHaveLength(1);
  });
});

describe('reading answers', () => {
  const padded = () => ({ ...ok(), body: { result: SUCCESS, padding: 'x'.repeat(2000) } });

  it('reads a chunked answer whole and verifies its exact bytes', async () => {
    const { antom } = await setup(() => ({ ...padded(), chunked: { pieces: 4, gapMs: 5 } }));
    await expect(antom.payments.inquiryPayment({ paymentRequestId: 'c' })).resolves.toMatchObject({ result: SUCCESS });
  });

  it.each([
    ['with a Content-Length', undefined],
    ['chunked', { pieces: 4, gapMs: 5 }],
  ])('refuses an answer over maxResponseBytes %s, without retrying', async (_, chunked) => {
    const { antom, gateway } = await setup(() => ({ ...padded(), chunked }), { maxResponseBytes: 1024 });
    await expect(antom.payments.inquiryPayment({ paymentRequestId: 'big' })).rejects.toMatchObject({
      name: 'AntomTransportError',
      code: 'RESPONSE_TOO_LARGE',
    });
    expect(gateway.requests).toHaveLength(1);
  });

  it('times out an answer whose body trickles past timeoutMs', async () => {
    const { antom } = await setup(() => ({ ...padded(), chunked: { pieces: 5, gapMs: 100 } }), {
      timeoutMs: 150,
      maxRetries: 0,
    });
    await expect(antom.payments.inquiryPayment({ paymentRequestId: 'trickle' })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
  });
});

describe('hooks', () => {
  it('report path, request id, attempt, status, result code and duration, never bodies', async () => {
    const events: Array<[string, unknown]> = [];
    const { antom } = await setup((_r, i) => (i === 0 ? result('U', 'UNKNOWN_EXCEPTION') : ok()), {
      hooks: {
        onRequest: (e) => events.push(['request', e]),
        onResponse: (e) => events.push(['response', e]),
        onRetry: (e) => {
          events.push(['retry', e]);
          throw new Error('a broken hook must not break the call');
        },
      },
    });
    await antom.payments.pay(payBody);
    expect(events.map(([k]) => k)).toEqual(['request', 'response', 'retry', 'request', 'response']);
    const retry = events[2]![1] as AntomRetryEvent;
    expect(retry).toMatchObject({
      path: '/ams/api/v1/payments/pay',
      requestId: 'pay-123',
      attempt: 1,
      status: 200,
      resultCode: 'UNKNOWN_EXCEPTION',
    });
    expect(retry.delayMs).toBeGreaterThanOrEqual(0);
    const last = events[4]![1] as AntomResponseEvent;
    expect(last).toMatchObject({ attempt: 2, status: 200, resultCode: 'SUCCESS', resultStatus: 'S' });
    expect(last.durationMs).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toMatch(/orderDescription|Caf|referenceOrderId/);
  });
});

describe('configuration', () => {
  const base = () => ({
    clientId: 'C1',
    privateKey: merchant.privateKey,
    antomPublicKey: antomKeys.publicKey,
    region: 'sea' as const,
  });

  it('maps regions to the live domains', () => {
    const origins = (['sea', 'na', 'eu', 'us'] as const).map((region) => {
      const client = new AntomClient({ ...base(), region });
      clients.push(client);
      return client.origin;
    });
    expect(origins).toEqual([
      'https://open-sea-global.alipay.com',
      'https://open-na-global.alipay.com',
      'https://open-de-global.alipay.com',
      'https://open.antglobal-us.com',
    ]);
  });

  it.each([
    ['clientId', { clientId: '' }, /"clientId"/],
    ['clientId', { clientId: 'C1\n' }, /line breaks/],
    ['region', { region: 'mars' }, /"region".*sea, na, eu, us/],
    ['region', { region: undefined }, /"region": is missing/],
    ['gateway', { gateway: 'http://127.0.0.1:4010' }, /not both/],
    [
      'gateway',
      { region: undefined, gateway: 'http://127.0.0.1:4010/ams/api' },
      /origin only.*http:\/\/127\.0\.0\.1:4010/,
    ],
    ['gateway', { region: undefined, gateway: 'ftp://x' }, /http: or https:/],
    ['privateKey', { privateKey: 'not a key!' }, /"privateKey".*neither PEM nor base64/],
    [
      'antomPublicKey',
      { antomPublicKey: merchant.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() },
      /"antomPublicKey".*PRIVATE KEY/,
    ],
    ['timeoutMs', { timeoutMs: -1 }, /"timeoutMs"/],
    ['maxRetries', { maxRetries: 1.5 }, /"maxRetries": must be an integer/],
  ])('rejects a bad %s with a message that names it', (_field, override, message) => {
    const make = () => new AntomClient({ ...base(), ...override } as AntomClientOptions);
    expect(make).toThrow(AntomConfigError);
    expect(make).toThrow(message);
  });

  it('never puts key material in a config error', () => {
    const pem = merchant.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const broken = pem.replace(/[A-Za-z]{10}\n/, 'AAAAAAAAAA\n');
    const error = (() => {
      try {
        new AntomClient({ ...base(), privateKey: broken.slice(0, 300) });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(AntomConfigError);
    const body = pem.split('\n')[1]!.slice(0, 20);
    expect(`${error!.message} ${String((error as { cause?: Error }).cause?.message)}`).not.toContain(body);
  });
});
