import { createHash } from 'node:crypto';
import type { AntomNotification, NotificationKind } from './types';

const NOTIFY_TYPES = new Set<string>([
  'PAYMENT_RESULT',
  'PAYMENT_PENDING',
  'OFFLINE_PAYMENT_CODE',
  'CAPTURE_RESULT',
  'REFUND_RESULT',
  'REGISTRATION_RESULT',
  'SETTLEMENT_RESULT',
  'SETTLEMENT_INFO_UPDATE_RESULT',
]);
const AUTHORIZATION_TYPES = new Set<string>(['AUTHCODE_CREATED', 'TOKEN_CREATED', 'TOKEN_CANCELED']);
const DISPUTE_TYPES = new Set<string>([
  'DISPUTE_CREATED',
  'DISPUTE_JUDGED',
  'DISPUTE_CANCELLED',
  'DEFENSE_SUPPLIED',
  'DEFENSE_DUE_ALERT',
  'DISPUTE_ACCEPTED',
  'RDR_RESOLVED',
]);
const SUBSCRIPTION_TYPES = new Set<string>(['CREATE', 'CHANGE', 'CANCEL', 'TERMINATE', 'UPDATE']);

/** Every kind `.on()` accepts besides `'*'`, in a stable order (handy for docs, fixtures and exhaustive tests). */
export const NOTIFICATION_KINDS = [
  ...NOTIFY_TYPES,
  ...AUTHORIZATION_TYPES,
  ...DISPUTE_TYPES,
  'VAULTING_RESULT',
  ...[...SUBSCRIPTION_TYPES].map((t) => `SUBSCRIPTION_${t}`),
  'TRANSFER_RESULT',
  'REGISTRATION_STATUS',
  'EVIDENCE_READY',
  'UNKNOWN',
] as readonly NotificationKind[];

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Which notification this is. Antom has no single type field: payments, captures, refunds, marketplace
 * registration and settlement use `notifyType`; authorizations, disputes, subscriptions and risk have their own
 * field; vaulting and payout/transfer have none and are recognised by their ids.
 */
export function notificationKind(body: Record<string, unknown>): NotificationKind {
  const notifyType = str(body.notifyType);
  if (notifyType) return NOTIFY_TYPES.has(notifyType) ? (notifyType as NotificationKind) : 'UNKNOWN';
  const auth = str(body.authorizationNotifyType);
  if (auth) return AUTHORIZATION_TYPES.has(auth) ? (auth as NotificationKind) : 'UNKNOWN';
  const dispute = str(body.disputeNotificationType);
  if (dispute) return DISPUTE_TYPES.has(dispute) ? (dispute as NotificationKind) : 'UNKNOWN';
  const subscription = str(body.subscriptionNotificationType);
  if (subscription) {
    return SUBSCRIPTION_TYPES.has(subscription) ? (`SUBSCRIPTION_${subscription}` as NotificationKind) : 'UNKNOWN';
  }
  if (body.notificationType === 'EVIDENCE_READY') return 'EVIDENCE_READY';
  if (str(body.vaultingRequestId)) return 'VAULTING_RESULT';
  if (str(body.transferRequestId) && typeof body.transferResult === 'object') return 'TRANSFER_RESULT';
  if (typeof body.registrationResult === 'object' || Array.isArray(body.pspRegistrationResultList)) {
    return 'REGISTRATION_STATUS';
  }
  return 'UNKNOWN';
}

/** Antom's own type value for a notification, whatever field carries it. */
export function notificationType(body: Record<string, unknown>): string | undefined {
  return (
    str(body.notifyType) ??
    str(body.authorizationNotifyType) ??
    str(body.disputeNotificationType) ??
    str(body.subscriptionNotificationType) ??
    str(body.notificationType)
  );
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function resultOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { resultStatus, resultCode } = value as Record<string, unknown>;
  return [str(resultStatus), str(resultCode)].filter(Boolean).join('/') || undefined;
}

/** The fields that identify one event of a kind; `undefined` when they are missing (the caller then hashes the body). */
function identity(n: AntomNotification): (string | undefined)[] | undefined {
  switch (n.kind) {
    case 'PAYMENT_RESULT':
    case 'PAYMENT_PENDING':
    case 'OFFLINE_PAYMENT_CODE':
      return [str(n.paymentId) ?? str(n.paymentRequestId), resultOf(n.result)];
    case 'CAPTURE_RESULT':
      return [str(n.captureId) ?? str(n.captureRequestId), resultOf(n.result)];
    case 'REFUND_RESULT':
      return [str(n.refundId) ?? str(n.refundRequestId), str(n.refundStatus) ?? resultOf(n.result)];
    case 'AUTHCODE_CREATED':
    case 'TOKEN_CREATED':
    case 'TOKEN_CANCELED': {
      // Codes and tokens are secrets; a store (Redis) only ever sees their hash.
      const secret = str(n.accessToken) ?? str(n.authCode);
      return [secret && sha256(secret).slice(0, 32), str(n.authState)];
    }
    case 'DISPUTE_CREATED':
    case 'DISPUTE_JUDGED':
    case 'DISPUTE_CANCELLED':
    case 'DEFENSE_SUPPLIED':
    case 'DEFENSE_DUE_ALERT':
    case 'DISPUTE_ACCEPTED':
    case 'RDR_RESOLVED':
      return [str(n.disputeId), str(n.disputeJudgedResult)];
    case 'VAULTING_RESULT':
      return [str(n.vaultingRequestId), str(n.vaultingStatus) ?? resultOf(n.result)];
    case 'REGISTRATION_RESULT':
      return [str(n.registrationRequestId), str(n.registrationStatus)];
    case 'REGISTRATION_STATUS': {
      const status = n.registrationResult?.registrationStatus;
      return [str(n.registrationRequestId) ?? str(n.referenceMerchantId), str(status)];
    }
    case 'SETTLEMENT_INFO_UPDATE_RESULT':
      return [str(n.updateRequestId), str(n.updateStatus)];
    case 'SETTLEMENT_RESULT':
      return [
        str(n.settlementBatchId) ?? str(n.settlementId) ?? str(n.settlementRequestId),
        str(n.settleTo),
        str(n.referenceMerchantId),
      ];
    case 'TRANSFER_RESULT':
      return [str(n.transferId) ?? str(n.transferRequestId), resultOf(n.transferResult)];
    case 'EVIDENCE_READY':
      return [str(n.disputeId)];
    default:
      // Subscriptions can change several times with the same id and status, and unknown kinds have no known id:
      // only the exact bytes identify a retry.
      return undefined;
  }
}

/**
 * The de-duplication key: kind + the ids that identify the event + its status, e.g.
 * `PAYMENT_RESULT:2024...:S/SUCCESS`; a sha256 of the raw body when those ids are missing.
 */
export function defaultDedupeKey(n: AntomNotification, rawBody: string | Uint8Array): string {
  const parts = identity(n);
  if (!parts?.[0]) return `${n.kind}:sha256:${sha256(rawBody)}`;
  return [n.kind, ...parts.map((p) => p ?? '')].join(':');
}
