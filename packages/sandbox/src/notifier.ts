import type { KeyObject } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { signRequest } from '@antomkit/core';
import type { Faults } from './faults';
import { antomTime } from './time';

/** Antom's retry schedule in seconds: the first try, then the waits before each retry (8 tries in all). */
export const RETRY_SCHEDULE_SECONDS = [0, 120, 600, 600, 3600, 7200, 21600, 54000] as const;

export const ACK_BODY = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}';

export interface NotificationAttempt {
  at: string;
  durationMs: number;
  status?: number;
  reply: string;
  error?: string;
  acked: boolean;
  /** `scheduled` (Antom's schedule), `manual` (resend), `duplicate` (fault). */
  trigger: 'scheduled' | 'manual' | 'duplicate';
}

export type NotificationState = 'pending' | 'acked' | 'exhausted' | 'refused';

export interface NotificationRecord {
  id: string;
  /** `notifyType`, or the dispute / authorization notification type. */
  type: string;
  owner: string;
  url: string;
  body: string;
  relatedId?: string;
  createdAt: string;
  state: NotificationState;
  scheduledTries: number;
  nextAttemptAt?: string;
  attempts: NotificationAttempt[];
}

export interface NotifierOptions {
  clientId: (owner: string) => string;
  antomPrivateKey: KeyObject;
  timeScale: number;
  faults: Faults;
  timeoutMs?: number;
  /** Lets notifications reach hosts other than loopback. Off by default: a local sandbox calls local apps. */
  allowRemoteTargets?: boolean;
}

const REPLY_SNIPPET = 300;
const MAX_REPLY_BYTES = 64 * 1024;

export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Antom only counts the exact acknowledgement: HTTP 200 and that JSON (whitespace aside). */
export function isAck(status: number | undefined, body: string): boolean {
  if (status !== 200) return false;
  if (body.trim() === ACK_BODY) return true;
  try {
    return JSON.stringify(JSON.parse(body)) === ACK_BODY;
  } catch {
    return false;
  }
}

interface Held {
  record: NotificationRecord;
  timer: NodeJS.Timeout;
}

export class Notifier extends EventEmitter {
  private readonly records: NotificationRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly held: Held[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private readonly aborter = new AbortController();
  private closed = false;
  private seq = 0;

  constructor(private readonly options: NotifierOptions) {
    super();
  }

  list(): NotificationRecord[] {
    return this.records;
  }

  get(id: string): NotificationRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  /** Queues a signed notification; the first try runs at once (schedule[0] = 0 s). */
  send(input: { type: string; owner: string; url: string; payload: Record<string, unknown>; relatedId?: string }) {
    const record: NotificationRecord = {
      id: `ntf-${++this.seq}`,
      type: input.type,
      owner: input.owner,
      url: input.url,
      body: JSON.stringify(input.payload),
      ...(input.relatedId ? { relatedId: input.relatedId } : {}),
      createdAt: antomTime(),
      state: 'pending',
      scheduledTries: 0,
      attempts: [],
    };
    this.records.push(record);
    let target: URL | undefined;
    try {
      target = new URL(record.url);
    } catch {
      target = undefined;
    }
    if (!target || (!this.options.allowRemoteTargets && !isLoopbackUrl(target))) {
      record.state = 'refused';
      record.attempts.push({
        at: antomTime(),
        durationMs: 0,
        reply: '',
        error: target ? 'refused: the sandbox only calls loopback addresses' : 'refused: not a URL',
        acked: false,
        trigger: 'scheduled',
      });
      this.emit('attempt', record);
      return record;
    }
    const reorder = this.options.faults.take(['reorder'], { notifyType: record.type });
    if (reorder) {
      const timer = setTimeout(() => this.release(record), reorder.holdMs ?? 1000);
      this.held.push({ record, timer });
    } else {
      this.schedule(record, RETRY_SCHEDULE_SECONDS[0]);
    }
    return record;
  }

  /** A manual try from the dashboard; it does not move Antom's schedule. */
  async resend(id: string): Promise<NotificationRecord | undefined> {
    const record = this.get(id);
    if (!record || record.state === 'refused') return record;
    await this.track(this.deliver(record, 'manual'));
    return record;
  }

  /** Resolves when no delivery is in flight; handy in tests. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    for (const h of this.held) clearTimeout(h.timer);
    this.timers.clear();
    this.held.length = 0;
    this.aborter.abort();
    await Promise.allSettled([...this.inflight]);
  }

  private release(record: NotificationRecord): void {
    const i = this.held.findIndex((h) => h.record === record);
    if (i < 0) return;
    clearTimeout(this.held[i]!.timer);
    this.held.splice(i, 1);
    this.schedule(record, 0);
  }

  private schedule(record: NotificationRecord, seconds: number): void {
    if (this.closed) return;
    const delay = (seconds * 1000) / this.options.timeScale;
    record.nextAttemptAt = antomTime(Date.now() + delay);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.track(this.scheduledTry(record));
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  private async scheduledTry(record: NotificationRecord): Promise<void> {
    if (this.closed || record.state !== 'pending') return;
    record.scheduledTries++;
    delete record.nextAttemptAt;
    const duplicate = this.options.faults.take(['duplicate'], { notifyType: record.type });
    const tries = [this.deliver(record, 'scheduled')];
    if (duplicate) tries.push(this.deliver(record, 'duplicate'));
    await Promise.all(tries);
    // A held (reordered) notification goes out only after a later one was delivered.
    for (const h of [...this.held]) if (h.record !== record) this.release(h.record);
    if (record.state !== 'pending') return;
    const wait = RETRY_SCHEDULE_SECONDS[record.scheduledTries];
    if (wait === undefined) record.state = 'exhausted';
    else this.schedule(record, wait);
  }

  private track(work: Promise<void>): Promise<void> {
    this.inflight.add(work);
    return work.finally(() => this.inflight.delete(work));
  }

  private async deliver(record: NotificationRecord, trigger: NotificationAttempt['trigger']): Promise<void> {
    const started = Date.now();
    const url = new URL(record.url);
    const clientId = this.options.clientId(record.owner);
    const time = antomTime();
    const signature = signRequest({
      path: url.pathname + url.search,
      clientId,
      time,
      body: record.body,
      privateKey: this.options.antomPrivateKey,
    });
    const attempt: NotificationAttempt = { at: antomTime(started), durationMs: 0, reply: '', acked: false, trigger };
    try {
      const { status, body } = await post(
        url,
        record.body,
        {
          'content-type': 'application/json; charset=UTF-8',
          'client-id': clientId,
          'request-time': time,
          signature,
        },
        this.options.timeoutMs ?? 10_000,
        this.aborter.signal,
      );
      attempt.status = status;
      attempt.reply = body.slice(0, REPLY_SNIPPET);
      attempt.acked = isAck(status, body);
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : String(error);
    }
    attempt.durationMs = Date.now() - started;
    record.attempts.push(attempt);
    if (attempt.acked && record.state === 'pending') {
      record.state = 'acked';
      delete record.nextAttemptAt;
    }
    this.emit('attempt', record, attempt);
  }
}

function post(
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      { method: 'POST', agent: false, signal, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_REPLY_BYTES) chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no reply within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
