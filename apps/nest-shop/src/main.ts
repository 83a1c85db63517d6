import { serveShop } from '@antomkit/shop-kit';
import { createShop } from './app';

await serveShop(async ({ settings, antom, orders }) => {
  const shop = await createShop({ orders, antom, publicUrl: settings.publicUrl, adminToken: settings.adminToken });
  return { listener: shop.app.getHttpAdapter().getInstance(), close: shop.close };
});
