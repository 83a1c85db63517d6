export type { RequestBody } from '../body';
export { PaymentRouteError, paymentErrorReply } from './errors';
export { DEFAULT_PAYMENT_PATHS } from './options';
export { createPaymentRoutes, type PaymentRoute, type PaymentRoutes } from './routes';
export type {
  CheckoutResult,
  PaymentJsonReply,
  PaymentRouteName,
  PaymentRouteReply,
  PaymentRouteRequest,
  PaymentRoutesOptions,
  PaymentStatusUpdate,
  RefundAuthorization,
  RefundPlan,
  ResolvedOrder,
} from './types';
