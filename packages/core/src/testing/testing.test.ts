import { describe, expect, it } from 'vitest';
import { loadPrivateKey, loadPublicKey } from '../keys';
import { ANTOM_ACK_BODY, createNotificationReceiver, NOTIFICATION_KINDS } from '../notifications';
import { verifySignature } from '../signature';
import { generateTestKeyPair, isAck, notificationFixtures, signedNotificationRequest, signNotification } from './index';

const keys = generateTestKeyPair();

describe('generateTestKeyPair', () => {
  it('gives one RSA-2048 pair as PEM, bare base64 and KeyObjects', () => {
    expect(keys.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(keys.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(keys.privateKeyBase64).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(keys.publicKeyBase64).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(keys.privateKeyObject.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const spki = (k: Parameters<typeof loadPublicKey>[0]) => loadPublicKey(k).export({ type: 'spki', format: 'der' });
    for (const k of [keys.publicKey, keys.publicKeyBase64, keys.publicKeyObject, keys.privateKeyObject]) {
      expect(spki(k).equals(spki(keys.publicKey))).toBe(true);
    }
    expect(loadPrivateKey(keys.privateKeyBase64).type).toBe('private');
    expect(generateTestKeyPair().publicKey).not.toBe(keys.publicKey);
  });
});

describe('signNotification', () => {
  it('signs `POST <path>\\n<client-id>.<request-time>.<body>` as Antom does', () => {
    const body = notificationFixtures.PAYMENT_RESULT();
    const signed = signNotification({
      path: '/n?a=1',
      clientId: 'C1',
      body,
      privateKey: keys.privateKey,
      time: '2026-01-01T00:00:00Z',
      keyVersion: 3,
    });
    expect(signed.body).toBe(JSON.stringify(body));
    expect(signed.headers['client-id']).toBe('C1');
    expect(signed.headers['request-time']).toBe('2026-01-01T00:00:00Z');
    expect(signed.headers.signature).toMatch(/^algorithm=RSA256,keyVersion=3,signature=[A-Za-z0-9%]+$/);
    const content = { path: '/n?a=1', clientId: 'C1', time: '2026-01-01T00:00:00Z', body: signed.body };
    expect(verifySignature({ ...content, signature: signed.headers.signature, publicKey: keys.publicKey })).toBe(true);
    expect(
      verifySignature({ ...content, path: '/n', signature: signed.headers.signature, publicKey: keys.publicKey }),
    ).toBe(false);
  });

  it('keeps a string body byte for byte', () => {
    const text = '{ "notifyType" : "PAYMENT_RESULT",\r\n "x": "é" }';
    expect(signNotification({ path: '/n', clientId: 'C', body: text, privateKey: keys.privateKeyObject }).body).toBe(
      text,
    );
  });
});

describe('signedNotificationRequest and fixtures', () => {
  it('builds a Request every kind of fixture passes a receiver with', async () => {
    const receiver = createNotificationReceiver({ clientId: 'C', antomPublicKey: keys.publicKey, logger: false });
    const kinds: string[] = [];
    receiver.on('*', (n) => void kinds.push(n.kind));
    for (const kind of NOTIFICATION_KINDS) {
      const request = signedNotificationRequest({
        url: 'http://127.0.0.1/hooks/antom?x=1',
        clientId: 'C',
        body: notificationFixtures[kind](),
        privateKey: keys.privateKey,
      });
      expect(request.method).toBe('POST');
      const response = await receiver.handle(request);
      expect(isAck({ status: response.status, body: await response.text() })).toBe(true);
    }
    expect(kinds).toEqual([...NOTIFICATION_KINDS]);
  });

  it('gives fresh ids on every call and applies overrides in Antom field names', () => {
    const a = notificationFixtures.PAYMENT_RESULT();
    const b = notificationFixtures.PAYMENT_RESULT();
    expect(a.paymentRequestId).not.toBe(b.paymentRequestId);
    expect(a.paymentId).not.toBe(b.paymentId);
    expect(a.paymentAmount).toEqual({ currency: 'USD', value: '1000' });
    const failed = notificationFixtures.PAYMENT_RESULT({
      paymentRequestId: 'order-1',
      result: { resultCode: 'USER_BALANCE_NOT_ENOUGH', resultStatus: 'F', resultMessage: 'balance' },
    });
    expect(failed).toMatchObject({
      notifyType: 'PAYMENT_RESULT',
      paymentRequestId: 'order-1',
      result: { resultStatus: 'F' },
    });
    expect(notificationFixtures.DISPUTE_JUDGED().disputeJudgedResult).toBe('ACCEPT_BY_CUSTOMER');
    expect(notificationFixtures.PAYMENT_PENDING().result.resultStatus).toBe('U');
    expect(isAck({ status: 200, body: ANTOM_ACK_BODY })).toBe(true);
    expect(isAck({ status: 200, body: `${ANTOM_ACK_BODY}\n` })).toBe(false);
  });
});
