import { describe } from 'vitest';
import { type Keys, keyPair } from './antom';
import { describeMountedPayments } from './mounted-payments.suite';
import { describeNotificationCases, describeParsedBodyMisuse, describePublicPath } from './notifications.suite';
import { describePaymentRoutes } from './payments.suite';
import type { AdapterUnderTest } from './types';

export { ACK, keyPair, paymentResult, send, signedHeaders } from './antom';
export { SUITE_MAX_BODY_BYTES } from './notifications.suite';
export { pressCashierButton } from './payments.suite';
export { listen, serve, suitePaymentCallbacks } from './support';
export type {
  AdapterUnderTest,
  BodyMode,
  MountedPaymentCallbacks,
  MountedPaymentsSetup,
  MountMode,
  NotificationSetup,
  PaymentSetup,
  RunningApp,
  RunningMountedPayments,
} from './types';

/**
 * The behaviour every antomkit adapter must have, over real HTTP on loopback with real RSA signatures.
 * Call it at the top level of a test file: `describeAdapterConformance('express 5', { ... })`.
 */
export function describeAdapterConformance(name: string, adapter: AdapterUnderTest): void {
  describe(`${name} conformance`, () => {
    let keys: Keys | undefined;
    const antomKeys = () => {
      keys ??= keyPair();
      return keys;
    };
    for (const body of adapter.bodyModes) {
      for (const mount of adapter.mounts) describeNotificationCases(adapter, body, mount, antomKeys);
    }
    describeParsedBodyMisuse(adapter, antomKeys);
    describePublicPath(adapter, antomKeys);
    describePaymentRoutes(adapter);
    describeMountedPayments(adapter);
  });
}
