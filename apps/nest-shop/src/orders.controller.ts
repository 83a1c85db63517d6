import { type Money, OrderStore, ShopInputError } from '@antomkit/shop-kit';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AdminTokenGuard } from './admin-token.guard';
import { findOrder } from './find-order';
import { PaymentsService } from './payments.service';

@Controller('api/orders')
export class OrdersController {
  constructor(
    @Inject(OrderStore) private readonly orders: OrderStore,
    @Inject(PaymentsService) private readonly payments: PaymentsService,
  ) {}

  /** Prices the cart from the server's catalogue; the browser only says what and how many. */
  @Post()
  async create(@Body() body: { items?: unknown } | undefined) {
    const order = await this.orders.createOrder(body?.items);
    return { orderId: order.orderId, amount: order.amount, status: order.status };
  }

  @Get(':orderId')
  find(@Param('orderId') orderId: string) {
    return findOrder(this.orders, orderId);
  }

  /** `200 { paymentRequestId, redirectUrl }` for fetch; a browser form post gets a 303 to the cashier. */
  @Post(':orderId/checkout')
  async checkout(@Param('orderId') orderId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const result = await this.payments.checkout(await findOrder(this.orders, orderId), req.get('user-agent'));
    if (wantsRedirect(req)) res.redirect(303, result.redirectUrl);
    else res.status(200).json(result);
  }

  @Post(':orderId/refunds')
  @UseGuards(AdminTokenGuard)
  @HttpCode(202)
  async refund(@Param('orderId') orderId: string, @Body() body: { amount?: unknown } | undefined) {
    return this.payments.refund(await findOrder(this.orders, orderId), refundAmount(body?.amount));
  }
}

function wantsRedirect(req: Request): boolean {
  if (req.is(['application/x-www-form-urlencoded', 'multipart/form-data'])) return true;
  return req.accepts(['json', 'html']) === 'html';
}

function refundAmount(amount: unknown): Money | undefined {
  if (amount === undefined) return undefined;
  const { currency, value } = (amount ?? {}) as Partial<Money>;
  if (typeof currency !== 'string' || typeof value !== 'string') {
    throw new ShopInputError('amount must be { currency, value } with value a positive integer string in minor units');
  }
  return { currency, value };
}
