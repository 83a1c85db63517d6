export {
  type CheckoutResult,
  DEFAULT_PAYMENT_PATHS,
  type PaymentStatusUpdate,
  type RefundAuthorization,
  type RefundPlan,
  type ResolvedOrder,
} from '@antomkit/core/payment-routes';
export { type AntomClientAccess, antomClient } from './client';
export { type AntomNotificationsOptions, antomNotifications } from './notifications';
export { type AntomPaymentRoutesOptions, antomPaymentRoutes } from './payment-routes';
export { BODY_ALREADY_PARSED_FIX, readRawBody } from './raw-body';
