import { parseArgs } from 'node:util';
import type { StartSandboxOptions } from './sandbox';

export const USAGE = `Usage: antom-sandbox [--port N] [--host H] [--keys DIR] [--time-scale N] [--client-id ID] [--notification-url URL]

Starts a local Antom sandbox and prints its client id, keys and URLs as JSON on stdout.`;

/** Parses `antom-sandbox` flags; throws a TypeError with a readable message on bad input. */
export function parseCliArgs(argv: string[]): StartSandboxOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      keys: { type: 'string' },
      'time-scale': { type: 'string' },
      'client-id': { type: 'string' },
      'notification-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const options: StartSandboxOptions = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError('--port must be 0-65535.');
    options.port = port;
  }
  if (values['time-scale'] !== undefined) {
    const scale = Number(values['time-scale']);
    if (!(scale > 0)) throw new TypeError('--time-scale must be a positive number.');
    options.timeScale = scale;
  }
  if (values.host) options.host = values.host;
  if (values.keys) options.keysDir = values.keys;
  if (values['client-id']) options.clientId = values['client-id'];
  if (values['notification-url']) options.notificationUrl = values['notification-url'];
  return options;
}
