/**
 * What the receiver needs to run each notification's handler once, across retries, duplicates and instances.
 *
 * - `claim(key, leaseMs)`: atomically take the key for processing. `'claimed'` means this caller runs the
 *   handler; `'done'` means a handler already succeeded for it (ack again, do not run); `'busy'` means another
 *   copy is being handled right now (do not ack: answer so Antom retries). A claim expires after `leaseMs`
 *   so a crashed instance cannot block a notification forever.
 * - `complete(key, ttlMs)`: the handler succeeded; remember the key as done for `ttlMs` (longer than Antom's
 *   24 h retry window).
 * - `release(key)`: the handler failed; forget the claim so Antom's retry runs the handler again.
 */
export interface DedupeStore {
  claim(key: string, leaseMs: number): Promise<DedupeClaim>;
  complete(key: string, ttlMs: number): Promise<void>;
  release(key: string): Promise<void>;
}

export type DedupeClaim = 'claimed' | 'done' | 'busy';

interface Entry {
  state: 'processing' | 'done';
  expiresAt: number;
}

/** The default store: one process only. Use `@antomkit/redis` when several instances share notifications. */
export class MemoryDedupeStore implements DedupeStore {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  #sweepAt = 0;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async claim(key: string, leaseMs: number): Promise<DedupeClaim> {
    const now = this.#now();
    this.#sweep(now);
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt > now) return entry.state === 'done' ? 'done' : 'busy';
    this.#entries.set(key, { state: 'processing', expiresAt: now + leaseMs });
    return 'claimed';
  }

  async complete(key: string, ttlMs: number): Promise<void> {
    this.#entries.set(key, { state: 'done', expiresAt: this.#now() + ttlMs });
  }

  async release(key: string): Promise<void> {
    const entry = this.#entries.get(key);
    if (entry?.state === 'processing') this.#entries.delete(key);
  }

  #sweep(now: number): void {
    if (now < this.#sweepAt) return;
    this.#sweepAt = now + 60_000;
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}
