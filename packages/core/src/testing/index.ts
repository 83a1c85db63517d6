export { ANTOM_ACK_BODY, isAck } from '../notifications/reply';
export { notificationFixtures } from './fixtures';
export { generateTestKeyPair, type TestKeyPair } from './keys';
export {
  type SignedNotification,
  type SignedNotificationRequestInput,
  type SignNotificationInput,
  signedNotificationRequest,
  signNotification,
} from './sign';
