// A minimal signing gateway standing in for Antom on 127.0.0.1, run as its own process so it does not share the
// client's event loop: verifies each request's signature, answers a signed success. Prints its port on stdout.
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveUntilStdinEnds } from './child';

const [merchantPublicPem, antomPrivatePem] = JSON.parse(process.argv[2] ?? '[]') as [string, string];
const merchantPublic = createPublicKey(merchantPublicPem);
const antomPrivate = createPrivateKey(antomPrivatePem);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const path = req.url ?? '';
    const clientId = String(req.headers['client-id'] ?? '');
    const header = String(req.headers.signature ?? '');
    const signature = Buffer.from(decodeURIComponent(header.slice(header.indexOf('signature=') + 10)), 'base64');
    const content = Buffer.concat([Buffer.from(`POST ${path}\n${clientId}.${req.headers['request-time']}.`), body]);
    if (!verify('sha256', content, merchantPublic, signature)) {
      res.writeHead(401).end();
      return;
    }
    const { paymentRequestId } = JSON.parse(body.toString()) as { paymentRequestId?: string };
    const text = JSON.stringify({
      result: { resultCode: 'PAYMENT_IN_PROCESS', resultStatus: 'U', resultMessage: 'payment in process' },
      paymentRequestId,
      paymentId: `2026${paymentRequestId}`,
      paymentAmount: { currency: 'USD', value: '1250' },
      paymentCreateTime: '2026-01-01T00:00:00+08:00',
      normalUrl: 'https://cashier.example/pay?id=1',
    });
    const time = String(Date.now());
    const answer = sign('sha256', Buffer.from(`POST ${path}\n${clientId}.${time}.${text}`), antomPrivate);
    res.writeHead(200, {
      'content-type': 'application/json; charset=UTF-8',
      'client-id': clientId,
      'response-time': time,
      signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(answer.toString('base64'))}`,
    });
    res.end(text);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  serveUntilStdinEnds((server.address() as AddressInfo).port, () => new Promise((resolve) => server.close(resolve)));
});
