import { AntomClient } from '@antomkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPairPem } from './keys';
import { isAck, RETRY_SCHEDULE_SECONDS } from './notifier';
import { startSandbox } from './sandbox';
import { startNotificationEndpoint } from './test-helpers';

const keys = { antom: generateKeyPairPem(), merchant: generateKeyPairPem() };
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(timeScale: number, reply?: Parameters<typeof startNotificationEndpoint>[1]) {
  const sandbox = await startSandbox({ timeScale, keys });
  const endpoint = await startNotificationEndpoint(sandbox, reply);
  const antom = new AntomClient({ ...sandbox.clientOptions, maxRetries: 0 });
  cleanup.push(
    () => sandbox.close(),
    () => endpoint.close(),
    () => antom.close(),
  );
  return { sandbox, endpoint, antom };
}

async function payAndApprove(antom: AntomClient, notifyUrl: string, id: string) {
  const created = await antom.payments.pay({
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId: id,
    order: { referenceOrderId: id, orderDescription: 'Tea', orderAmount: { currency: 'JPY', value: '1500' } },
    paymentAmount: { currency: 'JPY', value: '1500' },
    paymentMethod: { paymentMethodType: 'PAYPAY' },
    paymentRedirectUrl: 'http://127.0.0.1:9/return',
    paymentNotifyUrl: notifyUrl,
  } as any);
  const page = await (await fetch(created.normalUrl!)).text();
  expect(page).toContain('JPY 1,500');
  await fetch(created.normalUrl!, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=pay',
  });
  return created.paymentId!;
}

describe('notification delivery', () => {
  it("retries on Antom's schedule (0s, 2m, 10m, 10m, 1h, 2h, 6h, 15h) divided by timeScale, 8 tries in all", async () => {
    const timeScale = 100_000; // 2 minutes -> 1.2 ms, 15 hours -> 540 ms
    const { sandbox, endpoint, antom } = await setup(timeScale, () => ({ status: 500, body: 'try later' }));
    const paymentId = await payAndApprove(antom, `${endpoint.url}/notify`, 'retry-1');
    await endpoint.waitFor((all) => all.length === 8, 5000);
    await new Promise((r) => setTimeout(r, 100));
    const record = sandbox.notifications.list().find((n) => n.relatedId === paymentId)!;
    expect(record.state).toBe('exhausted');
    expect(record.attempts).toHaveLength(8);
    expect(endpoint.received).toHaveLength(8);
    expect(record.attempts.every((a) => a.status === 500 && !a.acked && a.reply === 'try later')).toBe(true);
    // Each wait is at least its scheduled share, and the long waits dominate: the schedule's shape holds.
    const gaps = endpoint.received.slice(1).map((r, i) => r.at - endpoint.received[i]!.at);
    RETRY_SCHEDULE_SECONDS.slice(1).forEach((seconds, i) => {
      expect(gaps[i]!).toBeGreaterThanOrEqual(Math.floor((seconds * 1000) / timeScale) - 1);
    });
    expect(gaps[6]!).toBeGreaterThan(gaps[0]! + gaps[1]! + gaps[2]! + gaps[3]!);
  });

  it('stops at the first exact ack; a 200 with another body is not an ack', async () => {
    const { sandbox, endpoint, antom } = await setup(100_000, (_n, i) =>
      i < 2 ? { status: 200, body: '{"result":"ok"}' } : undefined,
    );
    const paymentId = await payAndApprove(antom, `${endpoint.url}/notify`, 'ack-1');
    await endpoint.waitFor((all) => all.length >= 3);
    await sandbox.notifications.idle();
    await new Promise((r) => setTimeout(r, 80));
    const record = sandbox.notifications.list().find((n) => n.relatedId === paymentId)!;
    expect(record.state).toBe('acked');
    expect(record.attempts.map((a) => a.acked)).toEqual([false, false, true]);
    expect(endpoint.received).toHaveLength(3);
    expect(isAck(200, ' {"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}\n')).toBe(
      true,
    );
    expect(isAck(200, '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"Success"}}')).toBe(false);
    expect(isAck(201, '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}')).toBe(false);
  });

  it('duplicates and reorders deliveries when those faults are armed', async () => {
    const { sandbox, endpoint, antom } = await setup(1);
    sandbox.faults.next({ kind: 'duplicate', notifyType: 'PAYMENT_RESULT' });
    const dup = await payAndApprove(antom, `${endpoint.url}/notify`, 'dup-1');
    await endpoint.waitFor((all) => all.filter((r) => r.body.paymentId === dup).length === 2);
    expect(endpoint.received.every((r) => r.verified)).toBe(true);

    sandbox.faults.next({ kind: 'reorder', holdMs: 2000 });
    const first = await payAndApprove(antom, `${endpoint.url}/notify`, 'order-1');
    const second = await payAndApprove(antom, `${endpoint.url}/notify`, 'order-2');
    await endpoint.waitFor((all) => all.some((r) => r.body.paymentId === first));
    const ids = endpoint.received.map((r) => r.body.paymentId).filter((id) => id === first || id === second);
    expect(ids).toEqual([second, first]);
  });

  it('never calls non-loopback targets, and resends on demand', async () => {
    const { sandbox, endpoint, antom } = await setup(1, (_n, i) => (i === 0 ? { status: 503, body: '' } : undefined));
    const remote = await payAndApprove(antom, 'http://192.0.2.1/notify', 'remote-1');
    const refused = sandbox.notifications.list().find((n) => n.relatedId === remote)!;
    expect(refused.state).toBe('refused');
    expect(refused.attempts[0]!.error).toMatch(/loopback/);

    const paymentId = await payAndApprove(antom, `${endpoint.url}/notify`, 'resend-1');
    await endpoint.waitFor((all) => all.length === 1);
    await sandbox.notifications.idle();
    const record = sandbox.notifications.list().find((n) => n.relatedId === paymentId)!;
    expect(record.state).toBe('pending'); // the next scheduled try is 2 minutes away at timeScale 1
    const resent = await fetch(`${sandbox.url}/_sandbox/notifications/${record.id}/resend`, { method: 'POST' });
    expect(await resent.json()).toEqual({ id: record.id, state: 'acked' });
    expect(record.attempts.map((a) => a.trigger)).toEqual(['scheduled', 'manual']);
  });

  it('sends DISPUTE_CREATED to the dashboard notification URL, and the dispute APIs work', async () => {
    const { sandbox, endpoint, antom } = await setup(1);
    sandbox.setNotificationUrl(`${endpoint.url}/disputes`);
    const paymentId = await payAndApprove(antom, `${endpoint.url}/notify`, 'dispute-1');
    const opened = await fetch(`${sandbox.url}/_sandbox/payments/${paymentId}/dispute`, { method: 'POST' });
    const { disputeId } = (await opened.json()) as { disputeId: string };
    const [n] = (await endpoint.waitFor((all) => all.some((r) => r.path === '/disputes'))).filter(
      (r) => r.path === '/disputes',
    );
    expect(n!.body).toMatchObject({ disputeNotificationType: 'DISPUTE_CREATED', disputeId, paymentId });
    const template = await antom.payments.downloadDisputeEvidence({
      disputeId,
      disputeEvidenceType: 'DISPUTE_EVIDENCE_TEMPLATE',
    } as any);
    expect(Buffer.from(String(template.disputeEvidence), 'base64').toString('latin1')).toMatch(/^%PDF/);
    const defended = await antom.payments.supplyDefenseDocument({
      disputeId,
      disputeEvidence: Buffer.from('receipt').toString('base64'),
    } as any);
    expect(defended.disputeResolutionTime).toBeTruthy();
    await expect(antom.payments.acceptDispute({ disputeId } as any)).rejects.toMatchObject({
      resultCode: 'REPEAT_REQUEST',
    });
    await endpoint.waitFor((all) => all.some((r) => r.body.disputeNotificationType === 'DEFENSE_SUPPLIED'));
  });
});
