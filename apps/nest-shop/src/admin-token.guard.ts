import { checkAdminToken } from '@antomkit/shop-kit';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ShopHttpException } from './shop-errors.filter';
import { SHOP_OPTIONS, type ShopConfig } from './shop-options';

/** Staff routes: `Authorization: Bearer <ADMIN_TOKEN>` (compared in constant time), else 401 or 403. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(SHOP_OPTIONS) private readonly shop: ShopConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const allowed = checkAdminToken(req.get('authorization'), this.shop.adminToken);
    if (allowed === 'unauthenticated') {
      throw new ShopHttpException(401, 'UNAUTHENTICATED', 'Send Authorization: Bearer <ADMIN_TOKEN>.');
    }
    if (!allowed) throw new ShopHttpException(403, 'FORBIDDEN', 'Refund not allowed.');
    return true;
  }
}
