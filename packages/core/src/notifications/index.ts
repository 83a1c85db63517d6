export { type DedupeClaim, type DedupeStore, MemoryDedupeStore } from './dedupe';
export type { HeadersInput } from './headers';
export { defaultDedupeKey, NOTIFICATION_KINDS, notificationKind } from './kinds';
export type { NotificationLogger } from './logger';
export {
  createNotificationReceiver,
  type NotificationContext,
  type NotificationHandler,
  type NotificationHandlers,
  type NotificationReceiver,
  type NotificationReceiverOptions,
} from './receiver';
export { ANTOM_ACK_BODY, ANTOM_ACK_BYTES, DEFAULT_MAX_BODY_BYTES, isAck, type NotificationReply } from './reply';
export type * from './types';
export type { NotificationInput, RejectedNotification, VerifiedNotification, VerifyResult } from './verify';
