import type { Amount, AntomResponse, BuyerRedirect, DateTime, Env, PaymentMethod, SettlementStrategy } from './common';

export interface PeriodRule {
  periodType: 'DAY' | 'WEEK' | 'MONTH' | 'YEAR' | (string & {});
  periodCount: number;
}

export interface Trial {
  trialStartPeriod: number;
  trialAmount: Amount;
  trialEndPeriod?: number;
}

export interface SubscriptionOrderInfo {
  orderAmount: Amount;
}

export type SubscriptionStatus = 'ACTIVE' | 'TERMINATED' | 'CANCELLED' | (string & {});

export interface SubscriptionCreateRequest {
  /** Your idempotency key for the subscription. */
  subscriptionRequestId: string;
  subscriptionDescription: string;
  subscriptionRedirectUrl: string;
  subscriptionStartTime: DateTime;
  subscriptionEndTime?: DateTime;
  periodRule: PeriodRule;
  subscriptionExpiryTime?: DateTime;
  paymentMethod: PaymentMethod;
  subscriptionNotificationUrl: string;
  paymentNotificationUrl: string;
  orderInfo: SubscriptionOrderInfo;
  paymentAmount: Amount;
  settlementStrategy: SettlementStrategy;
  env: Env;
  trials?: Trial[];
}

export interface SubscriptionCreateResponse extends AntomResponse, BuyerRedirect {}

export interface SubscriptionChangeRequest {
  subscriptionChangeRequestId: string;
  subscriptionId: string;
  subscriptionDescription?: string;
  subscriptionStartTime?: DateTime;
  subscriptionEndTime?: DateTime;
  periodRule?: PeriodRule;
  subscriptionExpiryTime?: DateTime;
  orderInfo?: SubscriptionOrderInfo;
  paymentAmount: Amount;
  paymentAmountDifference?: Amount;
  env?: Env;
  subscriptionNotificationUrl?: string;
  subscriptionRedirectUrl?: string;
}

export interface SubscriptionChangeResponse extends AntomResponse, BuyerRedirect {
  subscriptionChangeId?: string;
}

export interface SubscriptionCancelRequest {
  subscriptionId: string;
  subscriptionRequestId?: string;
  cancellationType: 'CANCEL' | 'TERMINATE';
}

export interface SubscriptionUpdateRequest {
  subscriptionUpdateRequestId: string;
  subscriptionId: string;
  subscriptionDescription?: string;
  periodRule?: PeriodRule;
  paymentAmount?: Amount;
  subscriptionEndTime?: DateTime;
  orderInfo?: SubscriptionOrderInfo;
}

export interface SubscriptionInquireRequest {
  subscriptionId?: string;
  subscriptionRequestId?: string;
}

export interface SubscriptionInquireResponse extends AntomResponse {
  subscriptionId?: string;
  subscriptionRequestId?: string;
  subscriptionStatus?: SubscriptionStatus;
  subscriptionDescription?: string;
  periodRule?: PeriodRule;
  paymentAmount?: Amount;
  subscriptionStartTime?: DateTime;
  subscriptionEndTime?: DateTime;
  [field: string]: unknown;
}
