import { describe, expect, it } from 'vitest';
import { sandboxPerFile } from '../test-helpers';

const t = sandboxPerFile({}, { notificationPath: '/antom' });

describe('authorizations', () => {
  it('consults, approves on the wallet page, issues, refreshes and revokes tokens; agreement pay needs a live token', async () => {
    const consult = await t.antom.request('/v1/authorizations/consult', {
      customerBelongsTo: 'GCASH',
      authRedirectUrl: 'http://127.0.0.1:9/auth-return',
      scopes: ['AGREEMENT_PAY'],
      authState: 'st-1',
    });
    const authUrl = String((consult as any).authUrl);
    expect(authUrl.startsWith(`${t.sandbox.url}/authorize/`)).toBe(true);
    const approve = await fetch(authUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=approve',
    });
    const back = new URL(approve.headers.get('location')!);
    expect(back.searchParams.get('authState')).toBe('st-1');
    const authCode = back.searchParams.get('authCode')!;
    const token = (await t.antom.request('/v1/authorizations/applyToken', {
      grantType: 'AUTHORIZATION_CODE',
      customerBelongsTo: 'GCASH',
      authCode,
    })) as any;
    expect(token.accessToken).toBeTruthy();
    await expect(
      t.antom.request('/v1/authorizations/applyToken', {
        grantType: 'AUTHORIZATION_CODE',
        customerBelongsTo: 'GCASH',
        authCode,
      }),
    ).rejects.toMatchObject({ resultCode: 'INVALID_CODE' });
    const refreshed = (await t.antom.request('/v1/authorizations/applyToken', {
      grantType: 'REFRESH_TOKEN',
      customerBelongsTo: 'GCASH',
      refreshToken: token.refreshToken,
    })) as any;
    const agreement = (accessToken: string, id: string) =>
      t.antom.payments.pay({
        productCode: 'AGREEMENT_PAYMENT',
        paymentRequestId: id,
        paymentAmount: { currency: 'PHP', value: '10000' },
        paymentMethod: { paymentMethodType: 'GCASH', paymentMethodId: accessToken },
        paymentNotifyUrl: `${t.endpoint.url}/pay`,
      } as any);
    expect((await agreement(refreshed.accessToken, 'agr-1')).result.resultStatus).toBe('S');
    await t.antom.request('/v1/authorizations/revoke', { accessToken: refreshed.accessToken });
    await expect(agreement(refreshed.accessToken, 'agr-2')).rejects.toMatchObject({
      resultCode: 'INVALID_ACCESS_TOKEN',
    });
    await t.endpoint.waitFor((all) => all.some((n) => n.body.authorizationNotifyType === 'TOKEN_CANCELED'));
  });
});

describe('admin surface', () => {
  it('refuses cross-origin form posts and answers JSON state', async () => {
    const paymentId = [...t.sandbox.state.payments.values()].find((p) => p.status === 'SUCCESS')!.paymentId;
    const cross = await fetch(`${t.sandbox.url}/_sandbox/payments/${paymentId}/dispute`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(cross.status).toBe(403);
    expect(t.sandbox.state.disputes.size).toBe(0);
    const state = (await (await fetch(`${t.sandbox.url}/_sandbox/state`)).json()) as any;
    expect(state.payments.length).toBe(t.sandbox.state.payments.size);
    expect(state.payments[0].captured).toMatch(/^\d+$/);
    expect((await fetch(`${t.sandbox.url}/_sandbox/payments/nope/settle`, { method: 'POST' })).status).toBe(404);
  });
});
