import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../../', import.meta.url));

export interface ShopProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/**
 * Runs a TypeScript entry in ONE node process (`node --import tsx`, so a kill -9 hits the server itself, not a
 * wrapper); workspace packages resolve to their sources through tsconfig.child.json.
 */
export function spawnTs(entry: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: pkg,
    env: { ...process.env, NODE_OPTIONS: '', TSX_TSCONFIG_PATH: `${pkg}src/shop/tsconfig.child.json`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts `src/shop/main.ts` and resolves once it listens. */
export async function startShopProcess(env: Record<string, string>): Promise<ShopProcess> {
  const child = spawnTs(`${pkg}src/shop/main.ts`, [], env);
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`shop did not start:\n${text}`)), 30_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const m = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`shop exited with ${code} before listening:\n${text}`));
    });
  });
  return {
    url,
    child,
    output: () => text,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
