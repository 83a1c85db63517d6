import { describe, expect, it } from 'vitest';
import { ShopInputError } from './catalogue';
import { shopErrorReply } from './errors';
import { OrderStateError } from './orders';

describe('shopErrorReply', () => {
  it('answers 400 for bad input, 409 for an order in the wrong state, a parser 4xx as it is', () => {
    expect(shopErrorReply(new ShopInputError('unknown sku "x"'))).toEqual({
      status: 400,
      body: { error: { code: 'ShopInputError', message: 'unknown sku "x"' } },
    });
    expect(shopErrorReply(new OrderStateError('order o is PAID')).status).toBe(409);
    const tooLarge = Object.assign(new Error('request entity too large'), {
      status: 413,
      name: 'PayloadTooLargeError',
    });
    expect(shopErrorReply(tooLarge)).toEqual({
      status: 413,
      body: { error: { code: 'PayloadTooLargeError', message: 'request entity too large' } },
    });
  });

  it('answers anything else 500 without its message', () => {
    for (const error of [new Error('password=hunter2'), Object.assign(new Error('x'), { status: 503 }), 'boom', null]) {
      expect(shopErrorReply(error)).toEqual({
        status: 500,
        body: { error: { code: 'INTERNAL', message: 'Something went wrong.' } },
      });
    }
  });
});
