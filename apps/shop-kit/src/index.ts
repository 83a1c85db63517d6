export { checkAdminToken } from './admin';
export {
  type AntomConnection,
  type AntomMode,
  type AntomSettings,
  antomClientFrom,
  antomSettingsFromEnv,
  describeMode,
} from './antom-settings';
export { type CartItem, catalogue, type Money, type Product, priceCart, ShopInputError } from './catalogue';
export { openDatabase, type Sql } from './database';
export { type ShopErrorReply, shopErrorReply } from './errors';
export { paymentResultFromNotification, refundResultFromNotification } from './notifications';
export { orderNotificationHandlers } from './order-handlers';
export { type Order, OrderStateError, type OrderStatus, OrderStore, type PaymentOutcome, type Refund } from './orders';
export { orderPage, storefrontPage } from './pages';
export { type PaymentOrder, paymentOrder } from './payment-order';
export { type ServableShop, type ShopRuntime, serveShop } from './serve';
export { type ShopSettings, shopSettingsFromEnv } from './settings';
export type { ShopOptions } from './shop-options';
