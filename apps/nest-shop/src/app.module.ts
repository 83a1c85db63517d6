import { AntomModule } from '@antomkit/nestjs';
import { OrderStore } from '@antomkit/shop-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AdminTokenGuard } from './admin-token.guard';
import { OrderNotifications } from './order-notifications.service';
import { OrdersController } from './orders.controller';
import { PaymentsService } from './payments.service';
import { ShopErrorsFilter } from './shop-errors.filter';
import { NOTIFY_PATH, SHOP_OPTIONS, type ShopConfig, type ShopOptions } from './shop-options';
import { StorefrontController } from './storefront.controller';

@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest module is a class; forRoot gives it the shop's options
export class AppModule {
  static forRoot(options: ShopOptions): DynamicModule {
    const { antom, logger } = options;
    const config: ShopConfig = { ...options, name: options.name ?? 'Antom tea shop (NestJS)' };
    return {
      module: AppModule,
      imports: [
        AntomModule.forRoot({
          clientId: antom.clientId,
          privateKey: antom.privateKey,
          antomPublicKey: antom.antomPublicKey,
          ...(antom.gateway ? { gateway: antom.gateway } : { region: antom.region! }),
          // Registers POST /antom/notifications: the module's guard verifies the signature over the raw bytes,
          // then the @OnAntomNotification methods of OrderNotifications run.
          notifications: { path: NOTIFY_PATH, ...(logger === undefined ? {} : { logger }) },
        }),
      ],
      controllers: [StorefrontController, OrdersController],
      providers: [
        { provide: SHOP_OPTIONS, useValue: config },
        { provide: OrderStore, useValue: options.orders },
        PaymentsService,
        OrderNotifications,
        AdminTokenGuard,
        { provide: APP_FILTER, useClass: ShopErrorsFilter },
      ],
    };
  }
}
