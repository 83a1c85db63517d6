#!/usr/bin/env node
import { runCli } from './cli';

runCli(process.argv.slice(2), process)
  .then((result) => {
    if (typeof result === 'number') {
      process.exitCode = result;
      return;
    }
    const stop = () => {
      void result.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  })
  .catch((error: unknown) => {
    process.stderr.write(`antom-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
