import { AntomApiError, AntomClient } from '@antomkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairPem } from './keys';
import { type Sandbox, startSandbox } from './sandbox';
import { startNotificationEndpoint } from './test-helpers';

let sandbox: Sandbox;
let isv: AntomClient;
let endpoint: Awaited<ReturnType<typeof startNotificationEndpoint>>;

beforeAll(async () => {
  sandbox = await startSandbox({
    timeScale: 10_000,
    isv: {
      merchants: [
        { merchantId: 'shop-a', agentToken: 'token-a' },
        { merchantId: 'shop-b', agentToken: 'token-b' },
      ],
    },
  });
  endpoint = await startNotificationEndpoint(sandbox);
  sandbox.setNotificationUrl(`${endpoint.url}/dashboard`);
  isv = new AntomClient({ ...sandbox.clientOptions, maxRetries: 0 });
});
afterAll(async () => {
  await isv.close();
  await sandbox.close();
  await endpoint.close();
});

const usd = (value: string) => ({ currency: 'USD', value });
const pay = (client: AntomClient, paymentRequestId: string, value: string) =>
  client.payments.pay({
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId,
    order: { referenceOrderId: paymentRequestId, orderAmount: usd(value) },
    paymentAmount: usd(value),
    paymentMethod: { paymentMethodType: 'CARD', paymentMethodMetaData: { cardNo: '4054695723100768', cvv: '123' } },
    paymentRedirectUrl: 'http://127.0.0.1:9/r',
    paymentNotifyUrl: `${endpoint.url}/notify`,
  } as never);

describe('ISV mode: one client id, many merchants by Agent-Token', () => {
  it("keeps two merchants' data apart: same request ids, inquiries, refunds, disputes, balances, reports", async () => {
    const a = isv.withAgentToken('token-a');
    const b = isv.withAgentToken('token-b');
    // The same paymentRequestId with a different amount is no REPEAT_REQ_INCONSISTENT across merchants.
    const paidA = await pay(a, 'order-1', '1000');
    const paidB = await pay(b, 'order-1', '2000');
    expect(paidA.paymentId).not.toBe(paidB.paymentId);
    expect((await a.payments.inquiryPayment({ paymentRequestId: 'order-1' })).paymentAmount).toEqual(usd('1000'));
    expect((await b.payments.inquiryPayment({ paymentRequestId: 'order-1' })).paymentAmount).toEqual(usd('2000'));

    const notFound = { resultCode: 'ORDER_NOT_EXIST' };
    await expect(a.payments.inquiryPayment({ paymentId: paidB.paymentId! })).rejects.toMatchObject(notFound);
    await expect(b.payments.inquiryPayment({ paymentId: paidA.paymentId! })).rejects.toMatchObject(notFound);
    // The ISV's own data is a third space: without a token it sees neither merchant's payments.
    await expect(isv.payments.inquiryPayment({ paymentRequestId: 'order-1' })).rejects.toMatchObject(notFound);
    await expect(
      a.payments.refund({ refundRequestId: 'r-1', paymentId: paidB.paymentId!, refundAmount: usd('100') }),
    ).rejects.toMatchObject(notFound);
    await expect(a.payments.cancel({ paymentId: paidB.paymentId! })).rejects.toMatchObject(notFound);

    const disputeId = (
      (await (
        await fetch(`${sandbox.url}/_sandbox/payments/${paidB.paymentId}/dispute`, { method: 'POST' })
      ).json()) as {
        disputeId: string;
      }
    ).disputeId;
    await expect(a.payments.acceptDispute({ disputeId })).rejects.toMatchObject({ resultCode: 'PARAM_ILLEGAL' });
    expect((await b.payments.acceptDispute({ disputeId })).result.resultStatus).toBe('S');

    expect((await a.accounts.inquireBalance({})).accountBalances).toEqual([
      expect.objectContaining({ frozenBalance: usd('1000') }),
    ]);
    expect((await b.accounts.inquireBalance({})).accountBalances).toEqual([
      expect.objectContaining({ frozenBalance: usd('0'), availableBalance: usd('0') }),
    ]);

    // Sellers registered by one merchant are unknown to the other.
    await a.merchants.register({
      registrationRequestId: 'reg-1',
      merchantInfo: {
        referenceMerchantId: 'seller-1',
        loginId: 's@x.example',
        legalEntityType: 'INDIVIDUAL',
        individual: { name: { fullName: 'S' } },
      },
      settlementInfos: [
        {
          settlementCurrency: 'USD',
          settlementBankAccount: { bankAccountNo: '1', accountHolderName: 'S', bankRegion: 'SG' },
        },
      ],
    });
    await endpoint.waitFor((all) => all.some((n) => n.body.notifyType === 'REGISTRATION_RESULT'));
    expect((await a.accounts.inquireBalance({ referenceMerchantId: 'seller-1' })).result.resultStatus).toBe('S');
    await expect(b.accounts.inquireBalance({ referenceMerchantId: 'seller-1' })).rejects.toMatchObject({
      resultCode: 'PARAM_ILLEGAL',
    });

    // Notifications for a merchant's payment are signed for the ISV's client id (they verify with its key).
    await endpoint.waitFor((all) => all.filter((n) => n.body.notifyType === 'PAYMENT_RESULT').length === 2);
    for (const n of endpoint.received) {
      expect(n.verified).toBe(true);
      expect(n.headers['client-id']).toBe(sandbox.clientId);
    }

    const reportsOf = async (merchant: string) =>
      (await (
        await fetch(`${sandbox.url}/sandbox/reports?merchant=${encodeURIComponent(merchant)}`)
      ).json()) as string[];
    const [fileA] = await reportsOf(`${sandbox.clientId}/shop-a`);
    const csvA = await (
      await fetch(
        `${sandbox.url}/sandbox/reports/${fileA}?merchant=${encodeURIComponent(`${sandbox.clientId}/shop-a`)}`,
      )
    ).text();
    expect(csvA).toContain(paidA.paymentId);
    expect(csvA).not.toContain(paidB.paymentId);
    expect(await reportsOf(sandbox.clientId)).toEqual([]);
  });

  it('refuses unknown and revoked tokens with INVALID_ACCESS_TOKEN; tokens are issued and revoked over the admin API', async () => {
    const unknown = await isv
      .withAgentToken('no-such-token')
      .payments.inquiryPayment({ paymentRequestId: 'order-1' })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(AntomApiError);
    expect(unknown).toMatchObject({ resultCode: 'INVALID_ACCESS_TOKEN', resultStatus: 'F' });

    const issued = await fetch(`${sandbox.url}/_sandbox/isv/merchants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ merchantId: 'shop-c', name: 'Shop C' }),
    });
    expect(issued.status).toBe(201);
    const { agentToken } = (await issued.json()) as { agentToken: string };
    const c = isv.withAgentToken(agentToken);
    await pay(c, 'order-c', '300');
    const listed = (await (await fetch(`${sandbox.url}/_sandbox/isv/merchants`)).json()) as Array<{
      merchantId: string;
    }>;
    expect(listed.map((m) => m.merchantId)).toEqual(['shop-a', 'shop-b', 'shop-c']);

    const revoke = (token: string) =>
      fetch(`${sandbox.url}/_sandbox/isv/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agentToken: token }),
      });
    expect((await revoke(agentToken)).status).toBe(200);
    expect((await revoke('never-issued')).status).toBe(404);
    await expect(c.payments.inquiryPayment({ paymentRequestId: 'order-c' })).rejects.toMatchObject({
      resultCode: 'INVALID_ACCESS_TOKEN',
    });
    // Revoking one merchant's token leaves the others working.
    expect(
      (await isv.withAgentToken('token-a').payments.inquiryPayment({ paymentRequestId: 'order-1' })).paymentStatus,
    ).toBe('SUCCESS');
  });

  it("refuses another client's token: a token only works with the client id it was issued to", async () => {
    const other = generateKeyPairPem();
    sandbox.registerMerchant({ clientId: 'SANDBOX_OTHER_ISV', publicKey: other.publicKey });
    sandbox.isv.issue({ clientId: 'SANDBOX_OTHER_ISV', merchantId: 'x', agentToken: 'token-other' });
    await expect(
      isv.withAgentToken('token-other').payments.inquiryPayment({ paymentRequestId: 'order-1' }),
    ).rejects.toMatchObject({ resultCode: 'INVALID_ACCESS_TOKEN' });
    const otherClient = new AntomClient({
      ...sandbox.clientOptions,
      clientId: 'SANDBOX_OTHER_ISV',
      privateKey: other.privateKey,
      maxRetries: 0,
    });
    await expect(
      otherClient.withAgentToken('token-a').payments.inquiryPayment({ paymentRequestId: 'order-1' }),
    ).rejects.toMatchObject({ resultCode: 'INVALID_ACCESS_TOKEN' });
    await otherClient.close();
  });
});
