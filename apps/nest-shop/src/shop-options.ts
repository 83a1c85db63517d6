import type { NotificationLogger } from '@antomkit/core';
import type { AntomConnection, OrderStore } from '@antomkit/shop-kit';

export interface ShopOptions {
  orders: OrderStore;
  /** Client id, keys and gateway or region (see `antomSettingsFromEnv`). */
  antom: AntomConnection;
  /** The shop's own origin: Antom returns the buyer and sends notifications here. */
  publicUrl: string;
  /** Refunds need `Authorization: Bearer <adminToken>`. */
  adminToken: string;
  name?: string;
  /** Where notification refusals, failures and applied order updates are reported; `false` for none. */
  logger?: NotificationLogger | false;
}

/** The injection token of the shop's options (`@Inject(SHOP_OPTIONS)`). */
export const SHOP_OPTIONS = Symbol('SHOP_OPTIONS');

export type ShopConfig = ShopOptions & { name: string };

/** Antom posts PAYMENT_RESULT and REFUND_RESULT here (sent as paymentNotifyUrl and refundNotifyUrl). */
export const NOTIFY_PATH = '/antom/notifications';
