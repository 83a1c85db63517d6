export { type AntomClientAccess, antomClient } from './client';
export { type AntomNotificationsOptions, antomNotifications } from './notifications';
export { BODY_ALREADY_PARSED_FIX } from './raw-body';
export type { AntomState } from './state';
