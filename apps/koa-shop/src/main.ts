import { serveShop } from '@antomkit/shop-kit';
import { createShop } from './app';

await serveShop(({ settings, antom, orders }) => {
  const shop = createShop({ orders, antom, publicUrl: settings.publicUrl, adminToken: settings.adminToken });
  return { listener: shop.app.callback(), close: shop.close };
});
