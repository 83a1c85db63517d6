import type { ServerResponse } from 'node:http';

export function sendHtml(res: ServerResponse, status: number, document: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=UTF-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
  });
  res.end(document);
}
