import { catalogue, describeMode, OrderStore, orderPage, storefrontPage } from '@antomkit/shop-kit';
import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { findOrder } from './find-order';
import { SHOP_OPTIONS, type ShopConfig } from './shop-options';

@Controller()
export class StorefrontController {
  constructor(
    @Inject(SHOP_OPTIONS) private readonly shop: ShopConfig,
    @Inject(OrderStore) private readonly orders: OrderStore,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  storefront(): string {
    return storefrontPage(this.shop.name, describeMode(this.shop.antom));
  }

  @Get('api/products')
  products() {
    return catalogue;
  }

  /** The return page (`paymentRedirectUrl`): it only renders; the order's status changes by notification. */
  @Get('orders/:orderId')
  @Header('content-type', 'text/html; charset=utf-8')
  async orderPage(@Param('orderId') orderId: string): Promise<string> {
    await findOrder(this.orders, orderId);
    return orderPage(this.shop.name, orderId);
  }
}
