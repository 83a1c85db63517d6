import { describe, expect, it } from 'vitest';
import { generateTestKeyPair, notificationFixtures, signNotification } from '../testing';
import { ANTOM_ACK_BODY, createNotificationReceiver } from './index';

describe('smoke', () => {
  it('acks a signed payment result', async () => {
    const keys = generateTestKeyPair();
    const seen: string[] = [];
    const receiver = createNotificationReceiver({
      clientId: 'C',
      antomPublicKey: keys.publicKeyBase64,
      logger: false,
    }).on('PAYMENT_RESULT', (n) => {
      seen.push(n.paymentRequestId);
    });
    const body = notificationFixtures.PAYMENT_RESULT({ paymentRequestId: 'p1' });
    const signed = signNotification({ path: '/n?x=1', clientId: 'C', body, privateKey: keys.privateKey });
    const reply = await receiver.receive({
      method: 'POST',
      path: '/n?x=1',
      headers: signed.headers,
      rawBody: signed.body,
    });
    expect(reply.body).toBe(ANTOM_ACK_BODY);
    expect(seen).toEqual(['p1']);
  });
});
