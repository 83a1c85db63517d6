/** The exact body Antom expects as an acknowledgement; anything else (even reformatted JSON) makes it retry. */
export const ANTOM_ACK_BODY = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}';

/** {@link ANTOM_ACK_BODY} as UTF-8 bytes. */
export const ANTOM_ACK_BYTES: Uint8Array = new TextEncoder().encode(ANTOM_ACK_BODY);

/** Notifications larger than this are refused with 413 (Antom's bodies are a few KB). */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** What the adapter sends back: status, headers and the body string, verbatim. */
export interface NotificationReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

export function ackReply(): NotificationReply {
  return { status: 200, headers: { ...JSON_HEADERS }, body: ANTOM_ACK_BODY };
}

/** A short generic error reply; the detail goes to the logger, never to the caller. */
export function errorReply(status: number, error: string, headers: Record<string, string> = {}): NotificationReply {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify({ error }) };
}

/** True when a reply is Antom's ack (status 200 and the exact bytes). */
export function isAck(reply: { status: number; body: string | Uint8Array }): boolean {
  const body = typeof reply.body === 'string' ? reply.body : Buffer.from(reply.body).toString('utf8');
  return reply.status === 200 && body === ANTOM_ACK_BODY;
}
