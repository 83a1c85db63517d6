import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { fetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { generateTestKeyPair, notificationFixtures, signedNotificationRequest, signNotification } from '../testing';
import { ANTOM_ACK_BODY, createNotificationReceiver, type NotificationReceiver } from './index';

const antom = generateTestKeyPair();
const clientId = 'HANDLE_TEST';
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

function receiver(seen: string[], maxBodyBytes?: number): NotificationReceiver {
  return createNotificationReceiver({
    clientId,
    antomPublicKey: antom.publicKeyBase64,
    logger: false,
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
  })
    .on('PAYMENT_RESULT', (n) => void seen.push(n.paymentRequestId))
    .on('REFUND_RESULT', (n) => void seen.push(n.refundId));
}

/** A node server that hands each request to `handle(Request)` and writes the Response back. */
async function serveFetchStyle(r: NotificationReceiver): Promise<string> {
  server = createServer((req: IncomingMessage, res) => {
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method!,
      headers: Object.entries(req.headers).flatMap(([k, v]) =>
        v === undefined ? [] : Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]],
      ),
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
    } as RequestInit);
    r.handle(request)
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(() => res.writeHead(599).end());
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('handle(Request)', () => {
  it('acks a signed Request built by the testing kit, with the exact bytes', async () => {
    const seen: string[] = [];
    const body = notificationFixtures.PAYMENT_RESULT({ paymentRequestId: 'order-7' });
    const response = await receiver(seen).handle(
      signedNotificationRequest({
        url: 'https://shop.example/antom/notify?v=2',
        clientId,
        body,
        privateKey: antom.privateKey,
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe(ANTOM_ACK_BODY);
    expect(seen).toEqual(['order-7']);
  });

  it('refuses a Request whose URL is not the one signed, a GET, and a body over the limit', async () => {
    const seen: string[] = [];
    const r = receiver(seen, 2048);
    const body = notificationFixtures.PAYMENT_RESULT();
    const wrongPath = signedNotificationRequest({
      url: 'https://shop.example/antom/notify',
      path: '/antom/other',
      clientId,
      body,
      privateKey: antom.privateKey,
    });
    expect((await r.handle(wrongPath)).status).toBe(401);
    const get = await r.handle(new Request('https://shop.example/antom/notify'));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const big = signedNotificationRequest({
      url: 'https://shop.example/antom/notify',
      clientId,
      body: { ...body, padding: 'x'.repeat(4096) },
      privateKey: antom.privateKey,
    });
    expect((await r.handle(big)).status).toBe(413);
    expect(seen).toEqual([]);
  });

  it('works over a real HTTP server on 127.0.0.1 fed by undici fetch', async () => {
    const seen: string[] = [];
    const origin = await serveFetchStyle(receiver(seen, 4096));
    const url = `${origin}/antom/notifications?tenant=a`;
    const body = notificationFixtures.REFUND_RESULT({ refundId: 'rf-42' });
    const signed = signNotification({
      path: '/antom/notifications?tenant=a',
      clientId,
      body,
      privateKey: antom.privateKey,
    });

    const ok = await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body });
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).toString('utf8')).toBe(ANTOM_ACK_BODY);

    const duplicate = await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body });
    expect(await duplicate.text()).toBe(ANTOM_ACK_BODY);

    const edited = await fetch(url, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body.replace('rf-42', 'rf-43'),
    });
    expect(edited.status).toBe(401);
    expect(await edited.text()).toBe('{"error":"invalid signature"}');

    const huge = signNotification({
      path: '/antom/notifications?tenant=a',
      clientId,
      body: { ...body, padding: 'y'.repeat(64 * 1024) },
      privateKey: antom.privateKey,
    });
    const tooLarge = await fetch(url, { method: 'POST', headers: huge.headers, body: huge.body });
    expect(tooLarge.status).toBe(413);
    await tooLarge.text();

    const chunked = await fetch(url, {
      method: 'POST',
      headers: signed.headers,
      body: Readable.from([Buffer.from(signed.body.slice(0, 10)), Buffer.from(signed.body.slice(10))]),
      duplex: 'half',
    });
    expect(await chunked.text()).toBe(ANTOM_ACK_BODY);
    expect(seen).toEqual(['rf-42']);
  });
});
