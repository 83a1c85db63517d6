import { AntomConfigError } from '../errors';
import { loadPublicKeyring, type PublicKeyring } from '../keys';
import { type DedupeStore, MemoryDedupeStore } from './dedupe';
import { defaultDedupeKey, NOTIFICATION_KINDS } from './kinds';
import { type NotificationLogger, resolveLogger } from './logger';
import { ackReply, DEFAULT_MAX_BODY_BYTES, errorReply, type NotificationReply } from './reply';
import { readRequest, toResponse } from './request';
import type { AntomNotification, NotificationKind, NotificationOf } from './types';
import {
  type NotificationInput,
  type VerifiedNotification,
  type VerifyConfig,
  type VerifyResult,
  verifyNotification,
} from './verify';

/** What a handler gets besides the notification. */
export interface NotificationContext {
  dedupeKey: string;
  /** The body exactly as Antom sent it. */
  rawBody: string;
}

export type NotificationHandler<K extends NotificationKind | '*' = NotificationKind> = (
  notification: K extends NotificationKind ? NotificationOf<K> : AntomNotification,
  context: NotificationContext,
) => unknown;

/** `{ PAYMENT_RESULT: async (n) => ..., '*': ... }`: handlers by kind, for adapters that take them as an object. */
export type NotificationHandlers = { [K in NotificationKind | '*']?: NotificationHandler<K> };

export interface NotificationReceiverOptions {
  /** Your client id: a notification whose `client-id` header differs is refused. */
  clientId: string;
  /** The Antom public key (PEM, dashboard base64, DER, KeyObject) or `{ [keyVersion]: key }` while rotating. */
  antomPublicKey: PublicKeyring;
  /** Where handled notifications are remembered; defaults to a {@link MemoryDedupeStore} (one process). */
  dedupe?: DedupeStore;
  /** The path of the notify URL Antom called, when a proxy in front rewrites it. Default: the request's path. */
  publicPath?: string;
  /** Default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
  /** Where refusals and handler errors are reported (never key material or full signatures). Default: console. */
  logger?: NotificationLogger | false;
  /**
   * Called for a verified notification no handler is registered for. Return nothing to ack it (the default,
   * logged), or a reply to send instead (e.g. `{ status: 503, ... }` to have Antom retry later).
   */
  onUnhandled?: (
    notification: AntomNotification,
    context: NotificationContext,
  ) => NotificationReply | undefined | Promise<NotificationReply | undefined>;
  /** Override what identifies a notification for de-duplication; return undefined for the default. */
  dedupeKey?: (notification: AntomNotification, rawBody: string) => string | undefined;
  /** How long a handled notification is remembered. Default 48 h (Antom retries for 24 h). */
  dedupeTtlMs?: number;
  /** How long a claim blocks other copies while its handler runs. Default 60 s. */
  leaseMs?: number;
}

export interface NotificationReceiver {
  /** Registers the handler for one kind (its argument is narrowed to that kind), or `'*'` for every other kind. */
  on<K extends NotificationKind | '*'>(kind: K, handler: NotificationHandler<K>): NotificationReceiver;
  /** verify + dispatch: the reply for one HTTP request. */
  receive(input: NotificationInput): Promise<NotificationReply>;
  /** For fetch-style runtimes (Hono, Bun, Deno, Next route handlers, workers). */
  handle(request: Request): Promise<Response>;
  /** Step 1: signature, size, method, headers, JSON. Runs no handler. */
  verify(input: NotificationInput): Promise<VerifyResult>;
  /** Step 2, for a verified notification: de-duplicate, run its handler, and answer ack or 500. */
  dispatch(verified: Pick<VerifiedNotification, 'notification' | 'dedupeKey' | 'rawBody'>): Promise<NotificationReply>;
  readonly clientId: string;
  readonly maxBodyBytes: number;
}

const KNOWN = new Set<string>([...NOTIFICATION_KINDS, '*']);

/**
 * A framework-neutral receiver for Antom's notifications: verifies the RSA signature over the exact bytes,
 * dispatches by kind to typed handlers, runs each event's handler once across retries and duplicate copies,
 * and answers Antom's exact ack only after the handler succeeded.
 */
export function createNotificationReceiver(options: NotificationReceiverOptions): NotificationReceiver {
  if (typeof options?.clientId !== 'string' || options.clientId.trim() === '') {
    throw new AntomConfigError('CLIENT_ID_MISSING', 'createNotificationReceiver needs your Antom clientId.');
  }
  if (options.antomPublicKey === undefined || options.antomPublicKey === null) {
    throw new AntomConfigError(
      'PUBLIC_KEY_MISSING',
      'createNotificationReceiver needs antomPublicKey: the Antom public key from the dashboard (Developer > Key configuration).',
    );
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new AntomConfigError('MAX_BODY_BYTES_INVALID', 'maxBodyBytes must be a positive integer number of bytes.');
  }
  const config: VerifyConfig = {
    clientId: options.clientId,
    keys: loadPublicKeyring(options.antomPublicKey),
    publicPath: options.publicPath,
    maxBodyBytes,
  };
  const store = options.dedupe ?? new MemoryDedupeStore();
  const ttlMs = options.dedupeTtlMs ?? 48 * 3_600_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const log = resolveLogger(options.logger);
  const handlers = new Map<string, NotificationHandler<NotificationKind | '*'>>();
  const inFlight = new Map<string, Promise<NotificationReply>>();

  async function verify(input: NotificationInput): Promise<VerifyResult> {
    const result = verifyNotification(input, config);
    if (!result.ok) {
      log.warn(`antom notification refused (${result.reply.status}): ${result.reason}`);
      return result;
    }
    const custom = options.dedupeKey?.(result.notification, result.rawBody);
    const verified = result as VerifiedNotification;
    verified.dedupeKey = custom ?? defaultDedupeKey(result.notification, result.rawBody);
    return verified;
  }

  async function unhandled(notification: AntomNotification, context: NotificationContext): Promise<NotificationReply> {
    if (!options.onUnhandled) {
      log.warn(`antom notification ${notification.kind} has no handler; acknowledged`, {
        dedupeKey: context.dedupeKey,
      });
      return ackReply();
    }
    try {
      return (await options.onUnhandled(notification, context)) ?? ackReply();
    } catch (error) {
      log.error(`antom onUnhandled failed for ${notification.kind}; answered 500 so Antom retries`, { error });
      return errorReply(500, 'handler failed');
    }
  }

  async function run(
    handler: NotificationHandler<NotificationKind | '*'>,
    notification: AntomNotification,
    context: NotificationContext,
  ): Promise<NotificationReply> {
    const key = context.dedupeKey;
    let claim: Awaited<ReturnType<DedupeStore['claim']>>;
    try {
      claim = await store.claim(key, leaseMs);
    } catch (error) {
      log.error('antom dedupe store claim failed; answered 503 so Antom retries', { dedupeKey: key, error });
      return errorReply(503, 'try again later');
    }
    if (claim === 'done') {
      log.info?.(`antom notification ${notification.kind} already handled; acknowledged again`, { dedupeKey: key });
      return ackReply();
    }
    if (claim === 'busy') {
      log.info?.(`antom notification ${notification.kind} is being handled elsewhere; answered 409`, {
        dedupeKey: key,
      });
      return errorReply(409, 'notification in progress');
    }
    try {
      await handler(notification as never, context);
    } catch (error) {
      log.error(`antom notification handler for ${notification.kind} failed; answered 500 so Antom retries`, {
        dedupeKey: key,
        error,
      });
      await store.release(key).catch((releaseError: unknown) => {
        log.error('antom dedupe store release failed', { dedupeKey: key, error: releaseError });
      });
      return errorReply(500, 'handler failed');
    }
    try {
      await store.complete(key, ttlMs);
    } catch (error) {
      log.error('antom dedupe store complete failed; the handler ran, so the notification is acknowledged', {
        dedupeKey: key,
        error,
      });
    }
    return ackReply();
  }

  async function dispatch(
    verified: Pick<VerifiedNotification, 'notification' | 'dedupeKey' | 'rawBody'>,
  ): Promise<NotificationReply> {
    const { notification, dedupeKey, rawBody } = verified;
    const context: NotificationContext = { dedupeKey, rawBody };
    const handler = handlers.get(notification.kind) ?? handlers.get('*');
    if (!handler) return unhandled(notification, context);
    const running = inFlight.get(dedupeKey);
    if (running) {
      // A copy of the same event is being handled in this process: answer exactly as it will.
      const reply = await running;
      return { ...reply, headers: { ...reply.headers } };
    }
    const promise = run(handler, notification, context);
    inFlight.set(dedupeKey, promise);
    try {
      return await promise;
    } finally {
      inFlight.delete(dedupeKey);
    }
  }

  async function receive(input: NotificationInput): Promise<NotificationReply> {
    const verified = await verify(input);
    return verified.ok ? dispatch(verified) : verified.reply;
  }

  const receiver: NotificationReceiver = {
    clientId: options.clientId,
    maxBodyBytes,
    on(kind, handler) {
      if (!KNOWN.has(kind)) {
        throw new AntomConfigError(
          'NOTIFICATION_KIND_UNKNOWN',
          `Unknown notification kind "${String(kind)}"; use one of ${NOTIFICATION_KINDS.join(', ')} or '*'.`,
        );
      }
      if (typeof handler !== 'function') {
        throw new AntomConfigError('NOTIFICATION_HANDLER_INVALID', `The handler for ${kind} must be a function.`);
      }
      if (handlers.has(kind)) {
        throw new AntomConfigError(
          'NOTIFICATION_HANDLER_DUPLICATE',
          `A handler for ${kind} is already registered; do all the work for one kind in one handler.`,
        );
      }
      handlers.set(kind, handler as NotificationHandler<NotificationKind | '*'>);
      return receiver;
    },
    receive,
    verify,
    dispatch,
    async handle(request) {
      const input = await readRequest(request, maxBodyBytes);
      return toResponse(await receive(input));
    },
  };
  return receiver;
}
