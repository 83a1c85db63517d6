import type { AntomNotification, NotificationContext, NotificationKind, NotificationOf } from '@antomkit/core';

/** What a handler for `kind` receives: narrowed to that kind, or every notification for `'*'`. */
export type AntomNotificationArg<K extends NotificationKind | '*'> = K extends NotificationKind
  ? NotificationOf<K>
  : AntomNotification;

/** The signature `@OnAntomNotification(kind)` accepts. */
export type AntomNotificationMethod<K extends NotificationKind | '*'> = (
  notification: AntomNotificationArg<K>,
  context: NotificationContext,
) => unknown;

export type PaymentResultNotification = NotificationOf<'PAYMENT_RESULT'>;
export type CaptureResultNotification = NotificationOf<'CAPTURE_RESULT'>;
export type RefundResultNotification = NotificationOf<'REFUND_RESULT'>;
