import { parseArgs } from 'node:util';
import { type Sandbox, type StartSandboxOptions, startSandbox } from './sandbox';

export const DEFAULT_PORT = 4010;

export const USAGE = `Usage: antom-sandbox [--port N (default 4010, 0 = any)] [--host H] [--keys DIR] [--time-scale N] [--client-id ID] [--notification-url URL]

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
  const options: StartSandboxOptions = { port: DEFAULT_PORT };
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

/**
 * What `antom-sandbox` and `antom sandbox --json` print: its URLs, client id, keys (the merchant private key is the
 * sandbox's throwaway one) and the environment a sample shop needs.
 */
export function sandboxSummary(sandbox: Sandbox) {
  return {
    url: sandbox.url,
    gateway: sandbox.url,
    dashboardUrl: `${sandbox.url}/`,
    clientId: sandbox.clientId,
    merchantPrivateKey: sandbox.keys.merchantPrivateKey,
    merchantPublicKey: sandbox.keys.merchantPublicKey,
    antomPublicKey: sandbox.keys.antomPublicKey,
    env: sandbox.env,
  };
}

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * Runs `antom-sandbox`: starts the sandbox and prints one JSON line on stdout (client id, keys, URLs, env);
 * human notes go to stderr so stdout stays machine-readable. Returns the sandbox, or an exit code.
 */
export async function runCli(argv: string[], io: CliIo): Promise<Sandbox | number> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const sandbox = await startSandbox(options);
  io.stdout.write(`${JSON.stringify(sandboxSummary(sandbox))}\n`);
  io.stderr.write(`antom-sandbox listening on ${sandbox.url} (dashboard ${sandbox.url}/)\n`);
  return sandbox;
}
