import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface KeyPairs {
  merchantPrivatePem: string;
  merchantPrivate: KeyObject;
  merchantPublicPem: string;
  merchantPublic: KeyObject;
  antomPrivatePem: string;
  antomPrivate: KeyObject;
  antomPublicPem: string;
  antomPublic: KeyObject;
}

function pair(): [string, KeyObject, string, KeyObject] {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return [
    privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    privateKey,
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicKey,
  ];
}

let cached: KeyPairs | undefined;

/** RSA-2048 like Antom's keys: the merchant's pair and a stand-in for Antom's. */
export function keyPairs(): KeyPairs {
  if (cached) return cached;
  const [merchantPrivatePem, merchantPrivate, merchantPublicPem, merchantPublic] = pair();
  const [antomPrivatePem, antomPrivate, antomPublicPem, antomPublic] = pair();
  cached = {
    merchantPrivatePem,
    merchantPrivate,
    merchantPublicPem,
    merchantPublic,
    antomPrivatePem,
    antomPrivate,
    antomPublicPem,
    antomPublic,
  };
  return cached;
}

export const CLIENT_ID = 'BENCH_CLIENT_ID';
export const PAY_PATH = '/ams/api/v1/payments/pay';

/** A realistic pay request (about 1 KB once serialised). */
export function payRequest(paymentRequestId: string) {
  return {
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId,
    order: {
      referenceOrderId: `order-${paymentRequestId}`,
      orderDescription: 'Café – 2 × ☕ and a croissant',
      orderAmount: { currency: 'USD', value: '1250' },
      goods: [
        {
          referenceGoodsId: 'sku-1',
          goodsName: 'Flat white',
          goodsUnitAmount: { currency: 'USD', value: '450' },
          goodsQuantity: '2',
        },
        {
          referenceGoodsId: 'sku-2',
          goodsName: 'Croissant',
          goodsUnitAmount: { currency: 'USD', value: '350' },
          goodsQuantity: '1',
        },
      ],
      buyer: { referenceBuyerId: 'buyer-42', buyerName: { firstName: 'Ada', lastName: 'Lovelace' } },
    },
    paymentAmount: { currency: 'USD', value: '1250' },
    paymentMethod: { paymentMethodType: 'ALIPAY_CN' },
    paymentRedirectUrl: 'https://shop.example/orders/return?order=1',
    paymentNotifyUrl: 'https://shop.example/antom/notifications',
    settlementStrategy: { settlementCurrency: 'USD' },
    env: { terminalType: 'WEB', clientIp: '203.0.113.7' },
  };
}

export const PAY_BODY = JSON.stringify(payRequest('pay-bench-0001'));
export const REQUEST_TIME = '1700000000000';
