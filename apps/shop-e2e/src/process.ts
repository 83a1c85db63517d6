import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A shop as the suite sees it: the design's routes at `url`, the embedded sandbox at `sandboxUrl`. */
export interface RunningShop {
  url: string;
  sandboxUrl: string;
  adminToken: string;
  /** Everything the shop printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  adminToken: string;
  /** Reuse the same ports on a restart, so the return URLs stay valid. */
  port: number;
  sandboxPort: number;
}

export type StartShop = (options: StartOptions) => Promise<RunningShop>;

const appsDir = fileURLToPath(new URL('../../', import.meta.url));

export { freePort } from '@antomkit/test-support';

/**
 * Starts `apps/<app>/dist/main.js` (what `pnpm --filter ./apps/<app> start` runs) as a child process with the
 * design's environment and no ANTOM_* variables (embedded sandbox); resolves once `GET /api/products` answers.
 */
export function shopProcess(app: string): StartShop {
  const dir = join(appsDir, app);
  const entry = join(dir, 'dist/main.js');
  return async (options) => {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`pnpm build\` (or turbo run build) first.`);
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith('ANTOM_') || name === 'DATABASE_URL') delete env[name];
    const child = spawn(process.execPath, [entry], {
      cwd: dir,
      env: {
        ...env,
        NODE_OPTIONS: '',
        PORT: String(options.port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${options.port}`,
        SANDBOX_PORT: String(options.sandboxPort),
        DATA_DIR: options.dataDir,
        ADMIN_TOKEN: options.adminToken,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = `http://127.0.0.1:${options.port}`;
    await waitUntilUp(url, child, () => text);
    return {
      url,
      sandboxUrl: `http://127.0.0.1:${options.sandboxPort}`,
      adminToken: options.adminToken,
      output: () => text,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      },
    };
  };
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the shop exited (${child.exitCode ?? child.signalCode}) before listening:\n${output()}`);
    }
    try {
      const res = await fetch(`${url}/api/products`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  child.kill('SIGKILL');
  throw new Error(`the shop did not answer ${url}/api/products within 45 s:\n${output()}`);
}
