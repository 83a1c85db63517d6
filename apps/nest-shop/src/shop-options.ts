import type { ShopOptions } from '@antomkit/shop-kit';

export type { ShopOptions };

/** The injection token of the shop's options (`@Inject(SHOP_OPTIONS)`). */
export const SHOP_OPTIONS = Symbol('SHOP_OPTIONS');

export type ShopConfig = ShopOptions & { name: string };

/** Antom posts PAYMENT_RESULT and REFUND_RESULT here (sent as paymentNotifyUrl and refundNotifyUrl). */
export const NOTIFY_PATH = '/antom/notifications';
