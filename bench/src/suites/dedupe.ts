import {
  createNotificationReceiver,
  type DedupeStore,
  MemoryDedupeStore,
  type NotificationInput,
} from '@antomkit/core';
import { notificationFixtures, signNotification } from '@antomkit/core/testing';
import { CLIENT_ID, keyPairs } from '../fixtures';
import type { Sample, Suite } from '../harness';

const PATH = '/antom/notifications';

/** Claims everything, remembers nothing: the receiver as if it had no de-duplication. */
export const NO_DEDUPE: DedupeStore = {
  claim: async () => 'claimed',
  complete: async () => undefined,
  release: async () => undefined,
};

/** Distinct signed PAYMENT_RESULT notifications, as the receiver gets them from a Node server. */
export function distinctNotifications(count: number): NotificationInput[] {
  const { antomPrivate } = keyPairs();
  return Array.from({ length: count }, () => {
    const { headers, body } = signNotification({
      path: PATH,
      clientId: CLIENT_ID,
      body: notificationFixtures.PAYMENT_RESULT(),
      privateKey: antomPrivate,
    });
    return { method: 'POST', path: PATH, headers, rawBody: Buffer.from(body) };
  });
}

/**
 * Notifications per CPU second (see syncThroughput) through `receiver.receive` (verify, de-duplicate, run the handler, ack): each sample is a fresh
 * receiver and store taking every notification once, so the store does the first-delivery work each time
 * (claim, then complete).
 */
export function receiveThroughput(inputs: NotificationInput[], store: () => DedupeStore): Sample {
  const { antomPublic } = keyPairs();
  return async () => {
    const receiver = createNotificationReceiver({
      clientId: CLIENT_ID,
      antomPublicKey: antomPublic,
      dedupe: store(),
      logger: false,
    });
    let handled = 0;
    receiver.on('PAYMENT_RESULT', () => void handled++);
    const cpu = process.cpuUsage();
    for (const input of inputs) {
      const reply = await receiver.receive(input);
      if (reply.status !== 200) throw new Error(`the receiver answered ${reply.status}`);
    }
    const { user, system } = process.cpuUsage(cpu);
    if (handled !== inputs.length) throw new Error(`${handled} of ${inputs.length} handlers ran`);
    return (inputs.length / Math.max(user + system, 1)) * 1e6;
  };
}

export const dedupeSuite: Suite = {
  name: 'dedupe',
  async setup({ quick }) {
    const inputs = distinctNotifications(quick ? 4 : 400);
    return {
      pairs: [
        {
          name: 'receiver.receive with MemoryDedupeStore (each notification new)',
          unit: 'notifications/CPU-s',
          higherIsBetter: true,
          baselineLabel: 'the same receiver with a store that remembers nothing',
          slices: quick ? 1 : 8,
          ours: receiveThroughput(inputs, () => new MemoryDedupeStore()),
          baseline: receiveThroughput(inputs, () => NO_DEDUPE),
        },
      ],
    };
  },
};
