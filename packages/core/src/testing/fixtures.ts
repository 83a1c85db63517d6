import { randomInt } from 'node:crypto';
import type { Result } from '../api/common';
import type { DisputeNotificationType, NotificationBodies, NotificationKind } from '../notifications/types';

let sequence = 0;

function digits(length: number): string {
  let out = '';
  while (out.length < length) out += randomInt(0, 1e9).toString().padStart(9, '0');
  return out.slice(0, length);
}

/** An Antom-looking id: a date prefix and digits, unique per call. */
function antomId(): string {
  sequence = (sequence + 1) % 1e6;
  return `2026${digits(22)}${String(sequence).padStart(6, '0')}`;
}

function requestId(prefix: string): string {
  sequence = (sequence + 1) % 1e6;
  return `${prefix}_${Date.now()}_${digits(6)}${sequence}`;
}

function now(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

const SUCCESS: Result = { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success.' };

type Fixture<K extends NotificationKind> = (overrides?: Partial<NotificationBodies[K]>) => NotificationBodies[K];
type Fixtures = { [K in Exclude<NotificationKind, 'UNKNOWN'>]: Fixture<K> } & {
  UNKNOWN: (overrides?: Record<string, unknown>) => Record<string, unknown>;
};

function payment<T extends 'PAYMENT_RESULT' | 'PAYMENT_PENDING' | 'OFFLINE_PAYMENT_CODE'>(notifyType: T) {
  return (overrides?: Partial<NotificationBodies[T]>) =>
    ({
      notifyType,
      result:
        notifyType === 'PAYMENT_RESULT'
          ? SUCCESS
          : { resultCode: 'PAYMENT_IN_PROCESS', resultStatus: 'U', resultMessage: 'payment in process' },
      paymentRequestId: requestId('pay'),
      paymentId: antomId(),
      paymentAmount: { currency: 'USD', value: '1000' },
      paymentCreateTime: now(-60_000),
      ...(notifyType === 'PAYMENT_RESULT' ? { paymentTime: now() } : {}),
      ...(notifyType === 'OFFLINE_PAYMENT_CODE'
        ? { paymentCode: digits(12), paymentCodeForm: { expireTime: now(86_400_000) } }
        : {}),
      paymentMethodType: notifyType === 'OFFLINE_PAYMENT_CODE' ? 'OXXO' : 'CARD',
      grossSettlementAmount: { currency: 'USD', value: '1000' },
      settlementQuote: { quoteCurrencyPair: 'USD/USD', quotePrice: '1.0000000000' },
      ...overrides,
    }) as NotificationBodies[T];
}

function authorization<T extends 'AUTHCODE_CREATED' | 'TOKEN_CREATED' | 'TOKEN_CANCELED'>(type: T) {
  return (overrides?: Partial<NotificationBodies[T]>) =>
    ({
      authorizationNotifyType: type,
      authClientId: 'SANDBOX_AUTH_CLIENT',
      authState: requestId('state'),
      ...(type === 'AUTHCODE_CREATED'
        ? { authCode: `authcode_${digits(24)}` }
        : { accessToken: `token_${digits(32)}` }),
      ...(type === 'TOKEN_CANCELED' ? { reason: 'USER_CANCELED' } : {}),
      userLoginId: '861****8888',
      ...overrides,
    }) as NotificationBodies[T];
}

function dispute<T extends DisputeNotificationType>(type: T): Fixture<T> {
  return (overrides) =>
    ({
      disputeNotificationType: type,
      paymentRequestId: requestId('pay'),
      paymentId: antomId(),
      disputeId: antomId(),
      disputeTime: now(-3_600_000),
      disputeAmount: { currency: 'USD', value: '1000' },
      disputeReasonCode: '4853',
      disputeReasonMsg: 'Cardholder Dispute',
      disputeSource: 'Mastercard',
      defendable: 'true',
      defenseDueTime: now(7 * 86_400_000),
      arn: digits(23),
      ...(type === 'DISPUTE_JUDGED'
        ? {
            disputeJudgedResult: 'ACCEPT_BY_CUSTOMER',
            disputeJudgedTime: now(),
            disputeJudgedAmount: { currency: 'USD', value: '0' },
          }
        : {}),
      ...overrides,
    }) as NotificationBodies[T];
}

function subscription<T extends 'CREATE' | 'CHANGE' | 'CANCEL' | 'TERMINATE' | 'UPDATE'>(type: T) {
  return (overrides?: Partial<NotificationBodies[`SUBSCRIPTION_${T}`]>) =>
    ({
      subscriptionNotificationType: type,
      subscriptionRequestId: requestId('sub'),
      subscriptionId: antomId(),
      subscriptionStatus: type === 'CANCEL' ? 'CANCELLED' : type === 'TERMINATE' ? 'TERMINATED' : 'ACTIVE',
      subscriptionStartTime: now(),
      subscriptionEndTime: now(365 * 86_400_000),
      periodRule: { periodType: 'MONTH', periodCount: 1 },
      paymentMethodType: 'CARD',
      ...overrides,
    }) as NotificationBodies[`SUBSCRIPTION_${T}`];
}

/**
 * Realistic notification bodies, one per kind, with fresh ids on every call; pass overrides in Antom's field
 * names. Sign them with `signNotification` / `signedNotificationRequest`.
 *
 * ```ts
 * const body = notificationFixtures.PAYMENT_RESULT({ paymentRequestId: order.id, paymentAmount: { currency: 'USD', value: '2500' } });
 * ```
 */
export const notificationFixtures: Fixtures = {
  PAYMENT_RESULT: payment('PAYMENT_RESULT'),
  PAYMENT_PENDING: payment('PAYMENT_PENDING'),
  OFFLINE_PAYMENT_CODE: payment('OFFLINE_PAYMENT_CODE'),
  CAPTURE_RESULT: (overrides) => ({
    notifyType: 'CAPTURE_RESULT',
    result: SUCCESS,
    captureRequestId: requestId('capture'),
    paymentId: antomId(),
    captureId: antomId(),
    captureAmount: { currency: 'USD', value: '1000' },
    captureTime: now(),
    ...overrides,
  }),
  REFUND_RESULT: (overrides) => ({
    notifyType: 'REFUND_RESULT',
    result: SUCCESS,
    refundStatus: 'SUCCESS',
    refundRequestId: requestId('refund'),
    refundId: antomId(),
    refundAmount: { currency: 'USD', value: '500' },
    refundTime: now(),
    grossSettlementAmount: { currency: 'USD', value: '500' },
    settlementQuote: { quoteCurrencyPair: 'USD/USD', quotePrice: '1.0000000000' },
    ...overrides,
  }),
  AUTHCODE_CREATED: authorization('AUTHCODE_CREATED'),
  TOKEN_CREATED: authorization('TOKEN_CREATED'),
  TOKEN_CANCELED: authorization('TOKEN_CANCELED'),
  DISPUTE_CREATED: dispute('DISPUTE_CREATED'),
  DISPUTE_JUDGED: dispute('DISPUTE_JUDGED'),
  DISPUTE_CANCELLED: dispute('DISPUTE_CANCELLED'),
  DEFENSE_SUPPLIED: dispute('DEFENSE_SUPPLIED'),
  DEFENSE_DUE_ALERT: dispute('DEFENSE_DUE_ALERT'),
  DISPUTE_ACCEPTED: dispute('DISPUTE_ACCEPTED'),
  RDR_RESOLVED: dispute('RDR_RESOLVED'),
  VAULTING_RESULT: (overrides) => ({
    result: SUCCESS,
    vaultingRequestId: requestId('vault'),
    vaultingStatus: 'SUCCESS',
    paymentMethodDetail: {
      paymentMethodDetailType: 'CARD',
      card: {
        cardToken: `ALIPAY${digits(20)}`,
        brand: 'VISA',
        maskedCardNo: '************0768',
        expiryYear: '30',
        expiryMonth: '12',
      },
    },
    vaultingCreateTime: now(),
    ...overrides,
  }),
  SUBSCRIPTION_CREATE: subscription('CREATE'),
  SUBSCRIPTION_CHANGE: subscription('CHANGE'),
  SUBSCRIPTION_CANCEL: subscription('CANCEL'),
  SUBSCRIPTION_TERMINATE: subscription('TERMINATE'),
  SUBSCRIPTION_UPDATE: subscription('UPDATE'),
  REGISTRATION_RESULT: (overrides) => ({
    notifyType: 'REGISTRATION_RESULT',
    registrationRequestId: requestId('reg'),
    referenceMerchantId: requestId('seller'),
    registrationStatus: 'SUCCESSFUL',
    ...overrides,
  }),
  REGISTRATION_STATUS: (overrides) => ({
    registrationRequestId: requestId('reg'),
    referenceMerchantId: requestId('merchant'),
    referenceStoreId: requestId('store'),
    registrationResult: { registrationStatus: 'COMPLETED' },
    pspRegistrationResultList: [{ pspName: 'ALIPAY_CN', registrationResult: { registrationStatus: 'APPROVED' } }],
    ...overrides,
  }),
  SETTLEMENT_INFO_UPDATE_RESULT: (overrides) => ({
    notifyType: 'SETTLEMENT_INFO_UPDATE_RESULT',
    referenceMerchantId: requestId('seller'),
    updateRequestId: requestId('update'),
    updateStatus: 'SUCCESSFUL',
    ...overrides,
  }),
  SETTLEMENT_RESULT: (overrides) => ({
    notifyType: 'SETTLEMENT_RESULT',
    result: SUCCESS,
    settlementRequestId: requestId('settle'),
    settlementBatchId: antomId(),
    settleTo: 'SELLER',
    referenceMerchantId: requestId('seller'),
    actualSettlementAmount: { currency: 'USD', value: '950' },
    settlementArrivalTime: now(),
    ...overrides,
  }),
  TRANSFER_RESULT: (overrides) => ({
    transferRequestId: requestId('transfer'),
    transferId: antomId(),
    transferResult: SUCCESS,
    transferFinishTime: now(),
    transferFromDetail: {
      transferFromMethod: { paymentMethodType: 'BALANCE_ACCOUNT' },
      transferFromAmount: { currency: 'USD', value: '1000' },
    },
    transferToDetail: {
      transferToMethod: { paymentMethodType: 'BANK_ACCOUNT' },
      transferToCurrency: 'USD',
      feeAmount: { currency: 'USD', value: '0' },
      actualTransferToAmount: { currency: 'USD', value: '1000' },
    },
    ...overrides,
  }),
  EVIDENCE_READY: (overrides) => ({ notificationType: 'EVIDENCE_READY', disputeId: antomId(), ...overrides }),
  UNKNOWN: (overrides) => ({ notifyType: 'SOMETHING_NEW', somethingId: antomId(), ...overrides }),
};
