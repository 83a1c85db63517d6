import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

export { freePort } from '@antomkit/test-support';

const here = dirname(fileURLToPath(import.meta.url));
export const BIN = join(here, 'bin.ts');
export const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `antom` (src/bin.ts through tsx) in a child process. */
export function antom(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // ANTOM_CLI_BIN=dist/bin.js (from the package folder) runs the built binary instead of the source.
    const built = process.env.ANTOM_CLI_BIN && resolvePath(here, '..', process.env.ANTOM_CLI_BIN);
    const argv = built ? [built, ...args] : ['--import', TSX, BIN, ...args];
    const child = spawn(process.execPath, argv, {
      cwd: options.cwd ?? here,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'antom-cli-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs `main` in this process with captured output: the same command, without a child's start-up time. */
export async function antomInProcess(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<RunResult> {
  const text = { stdout: '', stderr: '' };
  const sink = (key: keyof typeof text) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        text[key] += chunk.toString();
        done();
      },
    });
  const { main } = await import('./main');
  const code = await main(args, {
    stdout: sink('stdout'),
    stderr: sink('stderr'),
    env: { NO_COLOR: '1', ...options.env },
    cwd: options.cwd ?? here,
  });
  return { code, ...text };
}
