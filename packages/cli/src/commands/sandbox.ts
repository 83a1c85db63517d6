import { CliError, type Command, colours, EXIT_OK, err, out, parse } from '../io';

const help = `antom sandbox [--port P] [--host H] [--keys-dir DIR] [--time-scale N] [--json]

Starts the local Antom sandbox (@antomkit/sandbox, same as antom-sandbox): an Antom-compatible gateway with
cashier and dashboard pages, on loopback. Prints its URL, client id and the environment a sample shop needs;
stops on Ctrl-C.

  --port P         port to listen on (default 4010; 0 picks a free one)
  --host H         address to bind (default 127.0.0.1)
  --keys-dir DIR   keep the sandbox keys in DIR (mode 0600) so restarts keep them
  --time-scale N   divide Antom's notification retry schedule by N (tests)
  --json           print one JSON line like antom-sandbox (includes the sandbox's throwaway merchant private key)`;

export const sandbox: Command = {
  summary: 'start the local sandbox',
  help,
  async run(args, io) {
    const { values } = parse(args, {
      port: { type: 'string' },
      host: { type: 'string' },
      'keys-dir': { type: 'string' },
      'time-scale': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) {
      out(io, help);
      return EXIT_OK;
    }
    const port = Number(values.port ?? 4010);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port is a number from 0 to 65535');
    const timeScale = values['time-scale'] === undefined ? undefined : Number(values['time-scale']);
    if (timeScale !== undefined && !(timeScale > 0)) throw new CliError('--time-scale is a positive number');
    const { sandboxSummary, startSandbox } = await import('@antomkit/sandbox');
    const sandbox = await startSandbox({
      port,
      host: values.host ?? '127.0.0.1',
      ...(values['keys-dir'] ? { keysDir: values['keys-dir'] } : {}),
      ...(timeScale ? { timeScale } : {}),
    });
    if (values.json) {
      out(io, JSON.stringify(sandboxSummary(sandbox)));
    } else {
      const c = colours(io.stdout, io.env);
      out(io, `${c.green('Antom sandbox')} at ${sandbox.url} (dashboard ${sandbox.url}/)`);
      out(io, `  ANTOM_GATEWAY=${sandbox.url}`);
      out(io, `  ANTOM_CLIENT_ID=${sandbox.clientId}`);
      out(io, `  ANTOM_PUBLIC_KEY: the sandbox's Antom public key:\n${sandbox.keys.antomPublicKey.trimEnd()}`);
      out(io, c.dim('  ANTOM_PRIVATE_KEY: use --keys-dir DIR to get the merchant key as a file, or --json.'));
    }
    err(io, 'Ctrl-C stops it.');
    await new Promise<void>((resolveStop) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolveStop();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await sandbox.close();
    return EXIT_OK;
  },
};
