import { AntomClient, AntomTransportError, AntomUnknownOutcomeError } from '@antomkit/core';
import { type Sandbox, startSandbox } from '@antomkit/sandbox';
import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCuttingProxy } from './support/faulty-proxy';

/** An undici agent that records what each attempt sent: the exact body bytes and the signed headers. */
class RecordingAgent extends Agent {
  readonly sent: { path: string; body: string; headers: Record<string, string> }[] = [];
  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const headers = Object.fromEntries(
      Object.entries((options.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    this.sent.push({ path: options.path, body: Buffer.from(options.body as Buffer).toString('utf8'), headers });
    return super.dispatch(options, handler);
  }
}

let sandbox: Sandbox;
let seq = 0;
const rid = (label: string) => `rel_${label}_${Date.now().toString(36)}_${++seq}`;

function pay(paymentRequestId: string) {
  return {
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId,
    order: {
      referenceOrderId: paymentRequestId,
      orderDescription: 'Celadon cup',
      orderAmount: { currency: 'USD', value: '2400' },
    },
    paymentAmount: { currency: 'USD', value: '2400' },
    paymentMethod: { paymentMethodType: 'ALIPAY_CN' },
    paymentRedirectUrl: 'http://127.0.0.1:9/orders/1',
    paymentNotifyUrl: 'http://127.0.0.1:9/antom/notifications',
  } as never;
}

const paymentsFor = (id: string) => [...sandbox.state.payments.values()].filter((p) => p.paymentRequestId === id);

function client(agent: RecordingAgent, options: { gateway?: string; timeoutMs?: number; maxRetries?: number } = {}) {
  return new AntomClient({
    ...sandbox.clientOptions,
    ...(options.gateway ? { gateway: options.gateway } : {}),
    dispatcher: agent,
    retryBaseDelayMs: 5,
    retryMaxDelayMs: 20,
    timeoutMs: options.timeoutMs ?? 5_000,
    maxRetries: options.maxRetries ?? 3,
  });
}

/** Every attempt of one call sent the same bytes, the same signature and time, and the same request id. */
function expectIdenticalAttempts(agent: RecordingAgent, id: string, attempts: number) {
  const mine = agent.sent.filter((s) => s.body.includes(id) && s.path.endsWith('/payments/pay'));
  expect(mine).toHaveLength(attempts);
  for (const attempt of mine) {
    expect(attempt.body).toBe(mine[0]!.body);
    expect(attempt.headers.signature).toBe(mine[0]!.headers.signature);
    expect(attempt.headers['request-time']).toBe(mine[0]!.headers['request-time']);
    expect(JSON.parse(attempt.body).paymentRequestId).toBe(id);
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 10_000, onError: () => {} });
});
afterAll(() => sandbox?.close());

describe('client faults against the sandbox', () => {
  it('503 twice, then an answer: retried with the same bytes and request id; one payment', async () => {
    const agent = new RecordingAgent();
    const antom = client(agent);
    const id = rid('503');
    sandbox.faults.next({ kind: 'http-error', status: 503, path: '/v1/payments/pay', times: 2 });
    const started = performance.now();
    const created = await antom.payments.pay(pay(id));
    expect(created.result.resultStatus).toBe('U');
    expectIdenticalAttempts(agent, id, 3);
    expect(paymentsFor(id)).toHaveLength(1);
    console.log(
      `[client-faults] 503 x2: resolved after 3 identical attempts in ${(performance.now() - started).toFixed(0)} ms; sandbox payments for the id: ${paymentsFor(id).length}`,
    );
    await antom.close();
    await agent.close();
  });

  it('a reset before the answer, then an answer: retried identically; one payment', async () => {
    const agent = new RecordingAgent();
    const antom = client(agent);
    const id = rid('reset');
    sandbox.faults.next({ kind: 'reset', path: '/v1/payments/pay', times: 1 });
    await antom.payments.pay(pay(id));
    expectIdenticalAttempts(agent, id, 2);
    expect(paymentsFor(id)).toHaveLength(1);
    console.log(
      `[client-faults] reset x1: resolved after 2 identical attempts; sandbox payments for the id: ${paymentsFor(id).length}`,
    );
    await antom.close();
    await agent.close();
  });

  it('connections cut mid-response after the sandbox did the work: one payment, and the answer of the retry is the same payment', async () => {
    const proxy = await startCuttingProxy(new URL(sandbox.url));
    const agent = new RecordingAgent();
    const antom = client(agent, { gateway: proxy.url });
    const id = rid('cut');
    proxy.state.cutResponses = 2;
    const created = await antom.payments.pay(pay(id));
    expectIdenticalAttempts(agent, id, 3);
    expect(proxy.state.cut).toBe(2);
    expect(paymentsFor(id)).toHaveLength(1);
    expect(created.paymentId).toBe(paymentsFor(id)[0]!.paymentId);

    // Every attempt cut: the outcome is unknown, the error says to inquire, and an inquiry resolves it.
    const lost = rid('cut-all');
    proxy.state.cutResponses = 4;
    const error = await antom.payments.pay(pay(lost)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error instanceof AntomTransportError || error instanceof AntomUnknownOutcomeError).toBe(true);
    expect((error as Error).message).toMatch(/inquir/i);
    expectIdenticalAttempts(agent, lost, 4);
    expect(paymentsFor(lost)).toHaveLength(1);
    const inquiry = await antom.payments.inquiryPayment({ paymentRequestId: lost } as never);
    expect(inquiry.result.resultStatus).toBe('S');
    expect((inquiry as { paymentId?: string }).paymentId).toBe(paymentsFor(lost)[0]!.paymentId);
    console.log(
      `[client-faults] responses cut mid-way: ${proxy.state.cut} cut; one call resolved after 3 identical attempts, one gave up after 4 with ${(error as { constructor: { name: string } }).constructor.name}/${(error as { code: string }).code}; ` +
        `the inquiry found payment ${(inquiry as { paymentStatus?: string }).paymentStatus}; sandbox payments per id: ${paymentsFor(id).length}, ${paymentsFor(lost).length}`,
    );
    await antom.close();
    await agent.close();
    await proxy.close();
  });

  it('delays past the timeout: a typed TIMEOUT, the inquiry tells what happened, and a resend of the same id makes exactly one payment', async () => {
    const agent = new RecordingAgent();
    const antom = client(agent, { timeoutMs: 250, maxRetries: 2 });
    const id = rid('slow');
    sandbox.faults.next({ kind: 'latency', ms: 600, path: '/v1/payments/pay', times: 3 });
    const started = performance.now();
    const error = await antom.payments.pay(pay(id)).then(
      () => undefined,
      (e: unknown) => e,
    );
    const gaveUpMs = performance.now() - started;
    expect(error instanceof AntomTransportError || error instanceof AntomUnknownOutcomeError).toBe(true);
    expect((error as { code: string }).code).toBe('TIMEOUT');
    expectIdenticalAttempts(agent, id, 3);
    // The sandbox stalls before reading the body, so the abandoned attempts never became payments: the inquiry
    // says so, and the same request id can then be sent again safely.
    await new Promise((resolve) => setTimeout(resolve, 700));
    const inquiry = await antom.payments.inquiryPayment({ paymentRequestId: id } as never).then(
      (r) => `${r.result.resultStatus}/${(r as { paymentStatus?: string }).paymentStatus}`,
      (e: { resultStatus?: string; code: string }) => `${e.resultStatus ?? ''}/${e.code}`,
    );
    expect(paymentsFor(id).length).toBeLessThanOrEqual(1);
    if (paymentsFor(id).length === 0) expect(inquiry).toMatch(/^F\//);
    const again = await antom.payments.pay(pay(id));
    expect(paymentsFor(id)).toHaveLength(1);
    expect(again.paymentId).toBe(paymentsFor(id)[0]!.paymentId);
    console.log(
      `[client-faults] latency 600 ms vs timeout 250 ms: gave up after 3 identical attempts in ${gaveUpMs.toFixed(0)} ms with ${(error as { constructor: { name: string } }).constructor.name}/TIMEOUT; ` +
        `inquiry said ${inquiry}; the same request id sent again -> sandbox holds ${paymentsFor(id).length} payment`,
    );
    await antom.close();
    await agent.close();
  });
});
