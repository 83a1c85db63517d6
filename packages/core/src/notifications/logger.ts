/** Where the receiver reports refusals and failures; `console` fits, so does pino or winston. */
export interface NotificationLogger {
  info?(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

const silent: NotificationLogger = { warn() {}, error() {} };

export function resolveLogger(logger: NotificationLogger | false | undefined): NotificationLogger {
  if (logger === false) return silent;
  return logger ?? console;
}
