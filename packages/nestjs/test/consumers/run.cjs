// Boots a Nest app on the built package (ESM or CJS, passed in) and sends it one signed notification.
require('reflect-metadata');
const { Injectable, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const {
  ANTOM_ACK_BODY,
  generateTestKeyPair,
  notificationFixtures,
  signNotification,
} = require('@antomkit/core/testing');

module.exports = async function run(lib) {
  const antom = generateTestKeyPair();
  const merchant = generateTestKeyPair();
  const seen = [];
  class Handler {
    on(n) {
      seen.push(n.paymentRequestId);
    }
  }
  Injectable()(Handler);
  lib.OnAntomNotification('PAYMENT_RESULT')(
    Handler.prototype,
    'on',
    Object.getOwnPropertyDescriptor(Handler.prototype, 'on'),
  );
  class App {}
  Module({
    imports: [
      lib.AntomModule.forRoot({
        clientId: 'SMOKE',
        privateKey: merchant.privateKey,
        antomPublicKey: antom.publicKey,
        gateway: 'http://127.0.0.1:9',
        notifications: { path: 'antom/notifications', logger: false },
      }),
    ],
    providers: [Handler],
  })(App);
  const app = await NestFactory.create(App, { rawBody: true, logger: false });
  app.setGlobalPrefix('api');
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();
  const body = notificationFixtures.PAYMENT_RESULT({});
  const signed = signNotification({
    path: '/api/antom/notifications',
    clientId: 'SMOKE',
    body,
    privateKey: antom.privateKey,
  });
  const res = await fetch(`http://127.0.0.1:${port}/api/antom/notifications`, {
    method: 'POST',
    headers: signed.headers,
    body: signed.body,
  });
  const text = await res.text();
  await app.close();
  const paramtypes = Reflect.getMetadata('design:paramtypes', lib.AntomNotificationGuard) ?? [];
  return {
    status: res.status,
    acked: text === ANTOM_ACK_BODY,
    handled: seen.length === 1 && seen[0] === body.paymentRequestId,
    guardParamtypes: paramtypes.map((t) => t?.name),
  };
};
