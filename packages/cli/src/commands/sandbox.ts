import { CliError, type Command, EXIT_OK, out, parse } from '../io';

const help = `antom sandbox [--port P] [--host H]

Starts the local Antom sandbox (@antomkit/sandbox, same as antom-sandbox): an Antom-compatible gateway with
cashier and dashboard pages. Prints its client id, keys and URLs; stops on Ctrl-C.

  --port P   port to listen on (default 4010; 0 picks a free one)
  --host H   address to bind (default 127.0.0.1)`;

interface SandboxHandle {
  url?: string;
  origin?: string;
  close?: () => Promise<void> | void;
  stop?: () => Promise<void> | void;
  [key: string]: unknown;
}

export const sandbox: Command = {
  summary: 'start the local sandbox',
  help,
  async run(args, io) {
    const { values } = parse(args, { port: { type: 'string' }, host: { type: 'string' } });
    if (values.help) {
      out(io, help);
      return EXIT_OK;
    }
    const port = Number(values.port ?? 4010);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port is a number from 0 to 65535');
    const mod = (await import('@antomkit/sandbox')) as {
      startSandbox?: (options: Record<string, unknown>) => Promise<SandboxHandle>;
    };
    if (typeof mod.startSandbox !== 'function')
      throw new CliError('this build of @antomkit/sandbox has no startSandbox()', 1);
    const handle = await mod.startSandbox({ port, host: values.host ?? '127.0.0.1' });
    out(io, describe(handle));
    await new Promise<void>((resolveStop) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolveStop();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await (handle.close ?? handle.stop)?.call(handle);
    return EXIT_OK;
  },
};

/** Prints what the sandbox tells about itself, except anything that looks like a private key. */
function describe(handle: SandboxHandle): string {
  const lines = [`Antom sandbox running at ${handle.url ?? handle.origin ?? '(unknown url)'}`];
  for (const [key, value] of Object.entries(handle)) {
    if (typeof value !== 'string' || key === 'url' || key === 'origin' || /private/i.test(key)) continue;
    lines.push(`  ${key}: ${value.includes('\n') ? `\n${value}` : value}`);
  }
  return lines.join('\n');
}
