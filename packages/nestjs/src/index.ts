export { AntomModule } from './antom.module';
export { InjectAntom, InjectAntomReceiver } from './inject-antom.decorator';
export { ANTOM_ASYNC_OPTIONS_TYPE, ANTOM_MODULE_OPTIONS, ANTOM_OPTIONS_TYPE } from './module-definition';
export { AntomNotificationFilter } from './notification.filter';
export { AntomNotificationGuard } from './notification.guard';
export { AntomNotificationInterceptor } from './notification.interceptor';
export { AntomNotificationEndpoint, type AntomNotificationEndpointOptions } from './notification-endpoint.decorator';
export { type AntomHandlerMetadata, OnAntomNotification } from './on-notification.decorator';
export type {
  AntomAsyncRouteOptions,
  AntomModuleExtras,
  AntomModuleOptions,
  AntomNotificationsOptions,
  ExistingAntomClient,
} from './options';
export { RAW_BODY_FIX } from './raw-body';
export { AntomNotificationRejectedException } from './reply';
export { DEFAULT_ANTOM_NAME, getAntomClientToken, getAntomReceiverToken } from './tokens';
export type {
  AntomNotificationArg,
  AntomNotificationMethod,
  CaptureResultNotification,
  PaymentResultNotification,
  RefundResultNotification,
} from './types';
