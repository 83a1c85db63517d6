import { describe, expect, it } from 'vitest';
import { notificationFixtures } from '../testing';
import { defaultDedupeKey, NOTIFICATION_KINDS, notificationKind, sha256 } from './kinds';
import type { AntomNotification } from './types';

function keyOf(body: Record<string, unknown>, raw = JSON.stringify(body)): string {
  return defaultDedupeKey({ ...body, kind: notificationKind(body) } as AntomNotification, raw);
}

describe('notificationKind', () => {
  it('recognises every fixture as its own kind', () => {
    for (const kind of NOTIFICATION_KINDS) expect(notificationKind(notificationFixtures[kind]())).toBe(kind);
  });

  it('falls back to UNKNOWN for new type values and unrecognisable bodies', () => {
    expect(notificationKind({ notifyType: 'SOMETHING_ELSE' })).toBe('UNKNOWN');
    expect(notificationKind({ disputeNotificationType: 'DISPUTE_REOPENED', disputeId: 'd' })).toBe('UNKNOWN');
    expect(notificationKind({ subscriptionNotificationType: 'PAUSE' })).toBe('UNKNOWN');
    expect(notificationKind({})).toBe('UNKNOWN');
    expect(notificationKind({ notifyType: 42 })).toBe('UNKNOWN');
  });
});

describe('defaultDedupeKey', () => {
  it('is kind + id + status, the same for every copy of one event', () => {
    const payment = notificationFixtures.PAYMENT_RESULT({ paymentId: 'P1' });
    expect(keyOf(payment)).toBe('PAYMENT_RESULT:P1:S/SUCCESS');
    expect(keyOf({ ...payment }, JSON.stringify(payment, null, 2))).toBe(keyOf(payment));
    const failed = {
      ...payment,
      result: { resultStatus: 'F', resultCode: 'USER_BALANCE_NOT_ENOUGH', resultMessage: '' },
    };
    expect(keyOf(failed)).toBe('PAYMENT_RESULT:P1:F/USER_BALANCE_NOT_ENOUGH');
    expect(keyOf(notificationFixtures.PAYMENT_PENDING({ paymentId: 'P1' }))).toMatch(/^PAYMENT_PENDING:P1:/);
    expect(keyOf(notificationFixtures.CAPTURE_RESULT({ captureId: 'C1' }))).toBe('CAPTURE_RESULT:C1:S/SUCCESS');
    expect(keyOf(notificationFixtures.REFUND_RESULT({ refundId: 'R1', refundStatus: 'FAIL' }))).toBe(
      'REFUND_RESULT:R1:FAIL',
    );
    expect(keyOf(notificationFixtures.DISPUTE_CREATED({ disputeId: 'D1' }))).toBe('DISPUTE_CREATED:D1:');
    expect(keyOf(notificationFixtures.DISPUTE_JUDGED({ disputeId: 'D1' }))).toBe(
      'DISPUTE_JUDGED:D1:ACCEPT_BY_CUSTOMER',
    );
    expect(keyOf(notificationFixtures.REGISTRATION_RESULT({ registrationRequestId: 'G1' }))).toBe(
      'REGISTRATION_RESULT:G1:SUCCESSFUL',
    );
    expect(keyOf(notificationFixtures.TRANSFER_RESULT({ transferId: 'T1' }))).toBe('TRANSFER_RESULT:T1:S/SUCCESS');
    expect(keyOf(notificationFixtures.VAULTING_RESULT({ vaultingRequestId: 'V1' }))).toBe('VAULTING_RESULT:V1:SUCCESS');
  });

  it('never puts an access token or auth code into the key', () => {
    const body = notificationFixtures.TOKEN_CREATED({ accessToken: 'secret-token-123' });
    const key = keyOf(body);
    expect(key).not.toContain('secret-token-123');
    expect(key).toContain(sha256('secret-token-123').slice(0, 32));
  });

  it('hashes the raw body for subscriptions, unknown kinds and bodies without ids', () => {
    const sub = notificationFixtures.SUBSCRIPTION_CHANGE();
    const raw = JSON.stringify(sub);
    expect(keyOf(sub, raw)).toBe(`SUBSCRIPTION_CHANGE:sha256:${sha256(raw)}`);
    expect(keyOf({ notifyType: 'NEW' }, '{"notifyType":"NEW"}')).toBe(
      `UNKNOWN:sha256:${sha256('{"notifyType":"NEW"}')}`,
    );
    expect(keyOf({ notifyType: 'PAYMENT_RESULT' }, 'x')).toBe(`PAYMENT_RESULT:sha256:${sha256('x')}`);
  });
});
