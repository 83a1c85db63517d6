export { type AntomMode, type AntomSettings, antomSettingsFromEnv, describeMode } from './antom-settings';
export { type CartItem, catalogue, type Money, type Product, priceCart, ShopInputError } from './catalogue';
export { openDatabase, type Sql } from './database';
export { paymentResultFromNotification, refundResultFromNotification } from './notifications';
export { type Order, OrderStateError, type OrderStatus, OrderStore, type PaymentOutcome, type Refund } from './orders';
export { orderPage, storefrontPage } from './pages';
export { type ShopSettings, shopSettingsFromEnv } from './settings';
