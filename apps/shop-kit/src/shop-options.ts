import type { NotificationLogger } from '@antomkit/core';
import type { AntomConnection } from './antom-settings';
import type { OrderStore } from './orders';

/** What every shop's `createShop` takes; `serveShop` builds it from the environment. */
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
