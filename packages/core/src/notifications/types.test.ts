import { describe, expectTypeOf, it } from 'vitest';
import type { Amount, Result } from '../api/common';
import { generateTestKeyPair, notificationFixtures } from '../testing';
import {
  type AntomNotification,
  createNotificationReceiver,
  type NotificationHandlers,
  type NotificationKind,
  type NotificationOf,
  type NotificationReply,
  type VerifyResult,
} from './index';

const keys = generateTestKeyPair();

describe('types', () => {
  it('narrows each handler argument by kind', () => {
    createNotificationReceiver({ clientId: 'C', antomPublicKey: keys.publicKey, logger: false })
      .on('PAYMENT_RESULT', (n) => {
        expectTypeOf(n.kind).toEqualTypeOf<'PAYMENT_RESULT'>();
        expectTypeOf(n.notifyType).toEqualTypeOf<'PAYMENT_RESULT'>();
        expectTypeOf(n.paymentRequestId).toEqualTypeOf<string>();
        expectTypeOf(n.paymentAmount).toEqualTypeOf<Amount>();
        expectTypeOf(n.result).toEqualTypeOf<Result>();
      })
      .on('REFUND_RESULT', (n) => {
        expectTypeOf(n.refundId).toEqualTypeOf<string>();
        expectTypeOf(n.refundAmount).toEqualTypeOf<Amount>();
      })
      .on('DISPUTE_JUDGED', (n) => {
        expectTypeOf(n.disputeNotificationType).toEqualTypeOf<'DISPUTE_JUDGED'>();
        expectTypeOf(n.disputeId).toEqualTypeOf<string>();
      })
      .on('TOKEN_CREATED', (n) => expectTypeOf(n.accessToken).toEqualTypeOf<string | undefined>())
      .on('VAULTING_RESULT', (n) => expectTypeOf(n.vaultingRequestId).toEqualTypeOf<string>())
      .on('SUBSCRIPTION_CANCEL', (n) => expectTypeOf(n.subscriptionNotificationType).toEqualTypeOf<'CANCEL'>())
      .on('TRANSFER_RESULT', (n) => expectTypeOf(n.transferResult).toEqualTypeOf<Result>())
      .on('*', (n) => {
        expectTypeOf(n).toEqualTypeOf<AntomNotification>();
        if (n.kind === 'CAPTURE_RESULT') expectTypeOf(n.captureAmount).toEqualTypeOf<Amount>();
      });
  });

  it('rejects unknown kinds and wrong fields at compile time', () => {
    const receiver = createNotificationReceiver({ clientId: 'C', antomPublicKey: keys.publicKey, logger: false });
    // @ts-expect-error not a kind
    expectTypeOf(receiver.on).toBeCallableWith('PAYMENT_SUCCESS', () => {});
    receiver.on('REFUND_RESULT', (n) => {
      // @ts-expect-error refunds have no paymentAmount field typed as Amount
      expectTypeOf(n.paymentAmount).toEqualTypeOf<Amount>();
    });
  });

  it('types the two-step API, handler maps and fixtures', () => {
    const receiver = createNotificationReceiver({ clientId: 'C', antomPublicKey: keys.publicKey, logger: false });
    expectTypeOf(receiver.verify).returns.resolves.toEqualTypeOf<VerifyResult>();
    expectTypeOf(receiver.receive).returns.resolves.toEqualTypeOf<NotificationReply>();
    expectTypeOf<Parameters<NonNullable<NotificationHandlers['PAYMENT_PENDING']>>[0]>().toEqualTypeOf<
      NotificationOf<'PAYMENT_PENDING'>
    >();
    expectTypeOf(notificationFixtures.REFUND_RESULT).parameter(0).toMatchTypeOf<{ refundId?: string } | undefined>();
    expectTypeOf<AntomNotification['kind']>().toEqualTypeOf<NotificationKind>();
  });
});
