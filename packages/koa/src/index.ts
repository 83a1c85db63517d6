export type {
  CheckoutResult,
  PaymentStatusUpdate,
  RefundAuthorization,
  RefundPlan,
  ResolvedOrder,
} from '@antomkit/core/payment-routes';
export { type AntomClientAccess, antomClient } from './client';
export { type AntomNotificationsOptions, antomNotifications } from './notifications';
export {
  type AntomPaymentRoutesOptions,
  antomPaymentRoutes,
  DEFAULT_PAYMENT_PATHS,
  type PaymentContext,
} from './payment-routes';
export { BODY_ALREADY_PARSED_FIX } from './raw-body';
export type { AntomState } from './state';
