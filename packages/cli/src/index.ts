export { ACK } from './commands/notify';
export { CliError, EXIT_NO, EXIT_OK, EXIT_USAGE, type Io } from './io';
export { commands, main } from './main';
export { databaseSource, fileSource, type MerchantSource, SHOP_QUERY } from './merchant-sources';
export { NOTIFICATION_TYPES, notificationBody } from './notification-bodies';
