import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

export function which(bin: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Debian puts initdb under /usr/lib/postgresql/<major>/bin, off the PATH. */
function postgresBin(name: string): string | undefined {
  const onPath = which(name);
  if (onPath) return onPath;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  for (const major of readdirSync(base).sort().reverse()) {
    const candidate = join(base, major, 'bin', name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

const root = process.getuid?.() === 0;

/** PostgreSQL refuses to run as root, so a root run needs the `postgres` user and runuser. */
export const postgresAvailable = Boolean(
  postgresBin('initdb') && postgresBin('postgres') && (!root || which('runuser')),
);

export interface Service {
  url: string;
  stop(): Promise<void>;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * A throwaway PostgreSQL cluster (initdb in a temp dir, trust auth, user `shop`, no fsync) on a free 127.0.0.1
 * port; as the `postgres` user when running as root. `url` points at its `postgres` database.
 */
export async function startPostgres(): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), 'antom-pg-'));
  const as = (cmd: string, args: string[]): [string, string[]] =>
    root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const [initCmd, initArgs] = as(postgresBin('initdb')!, ['-D', data, '-A', 'trust', '-U', 'shop', '--no-sync']);
  execFileSync(initCmd, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const [cmd, args] = as(postgresBin('postgres')!, [
    '-D',
    data,
    '-k',
    dir,
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-F',
    '-c',
    'max_connections=60',
  ]);
  const server = spawn(cmd, args, { stdio: 'ignore' });
  const stop = async () => {
    await stopChild(server);
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `postgres://shop@127.0.0.1:${port}/postgres`;
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (i > 150) {
        await stop();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, stop };
}
