#!/usr/bin/env node
import { parseCliArgs, USAGE } from './cli';
import { startSandbox } from './sandbox';

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const sandbox = await startSandbox(options);
  process.stdout.write(
    `${JSON.stringify({
      url: sandbox.url,
      gateway: sandbox.url,
      dashboardUrl: `${sandbox.url}/`,
      clientId: sandbox.clientId,
      merchantPrivateKey: sandbox.keys.merchantPrivateKey,
      merchantPublicKey: sandbox.keys.merchantPublicKey,
      antomPublicKey: sandbox.keys.antomPublicKey,
      env: sandbox.env,
    })}\n`,
  );
  process.stderr.write(`antom-sandbox listening on ${sandbox.url} (dashboard ${sandbox.url}/)\n`);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`antom-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
