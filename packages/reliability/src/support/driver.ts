import type { KeyObject } from 'node:crypto';
import { signNotification } from '@antomkit/core/testing';
import { RETRY_SCHEDULE_SECONDS } from '@antomkit/sandbox';
import { Agent, request } from 'undici';

/** One delivery chain as Antom runs it: the same body, retried on its schedule until acknowledged. */
export interface Delivery {
  id: number;
  body: string;
  /** Several deliveries may share an event (duplicates); the event is what must be handled once. */
  event: string;
  attempts: number;
  acked: boolean;
  statuses: number[];
}

export interface DriverOptions {
  /** Where to post; a function so a test can spread deliveries over instances or follow a restarted process. */
  url: (delivery: Delivery) => string;
  path: string;
  clientId: string;
  privateKey: KeyObject;
  concurrency: number;
  /** Divides Antom's schedule (0 s, 2 min, 10 min, ...): 2000 turns 2 minutes into 60 ms. */
  timeScale: number;
  /** Give up after this many tries of one delivery (Antom: 8). */
  maxTries?: number;
  requestTimeoutMs?: number;
  /** Called once per delivery when it is acknowledged. */
  onAck?: (delivery: Delivery) => void;
}

const ACK = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}';

/**
 * Delivers notifications the way Antom does, compressed in time: each one signed afresh per attempt over the
 * same body, `concurrency` in flight, and every non-ack retried after the next wait of Antom's schedule.
 */
export class NotificationDriver {
  readonly deliveries: Delivery[] = [];
  private readonly queue: Delivery[] = [];
  private readonly agent: Agent;
  private running = 0;
  private waiting = 0;
  private idle?: () => void;
  private failed?: (error: Error) => void;
  private seq = 0;
  readonly errors = new Map<string, number>();

  constructor(private readonly options: DriverOptions) {
    this.agent = new Agent({ connections: options.concurrency, keepAliveTimeout: 2_000 });
  }

  /** Queues a delivery; with `random`, at a random place in the queue (reordered). */
  add(event: string, body: string, random?: () => number): Delivery {
    const delivery: Delivery = { id: ++this.seq, body, event, attempts: 0, acked: false, statuses: [] };
    this.deliveries.push(delivery);
    if (random) this.queue.splice(Math.floor(random() * (this.queue.length + 1)), 0, delivery);
    else this.queue.push(delivery);
    this.pump();
    return delivery;
  }

  /** Resolves when every delivery was acknowledged; rejects when one exhausted its tries. */
  done(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.idle = resolve;
      this.failed = reject;
      this.check();
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  get attempts(): number {
    return this.deliveries.reduce((n, d) => n + d.attempts, 0);
  }

  private check() {
    if (this.running === 0 && this.waiting === 0 && this.queue.length === 0) this.idle?.();
  }

  private pump() {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const delivery = this.queue.shift()!;
      this.running++;
      void this.attempt(delivery).finally(() => {
        this.running--;
        this.pump();
        this.check();
      });
    }
  }

  private async attempt(d: Delivery): Promise<void> {
    d.attempts++;
    const signed = signNotification({
      path: this.options.path,
      clientId: this.options.clientId,
      body: d.body,
      privateKey: this.options.privateKey,
    });
    let status = 0;
    try {
      const res = await request(this.options.url(d) + this.options.path, {
        dispatcher: this.agent,
        method: 'POST',
        headers: signed.headers,
        body: signed.body,
        headersTimeout: this.options.requestTimeoutMs ?? 10_000,
        bodyTimeout: this.options.requestTimeoutMs ?? 10_000,
      });
      const text = await res.body.text();
      status = res.statusCode;
      if (status === 200 && text === ACK) d.acked = true;
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as Error).name;
      this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
    }
    d.statuses.push(status);
    if (d.acked) {
      this.options.onAck?.(d);
      return;
    }
    const wait = RETRY_SCHEDULE_SECONDS[d.attempts];
    if (wait === undefined || d.attempts >= (this.options.maxTries ?? RETRY_SCHEDULE_SECONDS.length)) {
      this.failed?.(new Error(`delivery ${d.id} (${d.event}) was never acknowledged: ${d.statuses.join(', ')}`));
      return;
    }
    this.waiting++;
    setTimeout(
      () => {
        this.waiting--;
        this.queue.push(d);
        this.pump();
      },
      (wait * 1000) / this.options.timeScale,
    );
  }
}

/** Fisher-Yates with a seeded generator, so a failing order can be replayed. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
