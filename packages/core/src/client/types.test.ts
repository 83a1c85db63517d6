import { describe, expectTypeOf, it } from 'vitest';
import type { AntomResponse, InquireBalanceResponse, PayRequest, PayResponse } from '../api';
import type { AntomClient } from './client';

describe('method types come from the endpoint table', () => {
  it('types known endpoints and keeps unknown ones loose', () => {
    expectTypeOf<AntomClient['payments']['pay']>().parameter(0).toEqualTypeOf<PayRequest>();
    expectTypeOf<AntomClient['payments']['pay']>().returns.resolves.toEqualTypeOf<PayResponse>();
    expectTypeOf<AntomClient['accounts']['inquireBalance']>().returns.resolves.toEqualTypeOf<InquireBalanceResponse>();
    expectTypeOf<AntomClient['aba']['cards']['applyCard']>().returns.resolves.toEqualTypeOf<AntomResponse>();
    expectTypeOf<AntomClient['merchants']['settlementInfo']['update']>().parameter(0).toHaveProperty('updateRequestId');
  });

  it('rejects a pay body without its idempotency key at compile time', () => {
    const compileOnly = (antom: AntomClient) => {
      // @ts-expect-error paymentRequestId is required
      void antom.payments.pay({
        productCode: 'CASHIER_PAYMENT',
        order: {} as PayRequest['order'],
        paymentAmount: { currency: 'USD', value: '1' },
        paymentMethod: { paymentMethodType: 'ALIPAY_CN' },
      });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});
