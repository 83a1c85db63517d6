import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ChildServer {
  origin: string;
  /** The child's CPU time so far (user + system), in microseconds. */
  cpuMicros(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Runs a TypeScript server file in its own Node process (so the load generator or client in this process does
 * not share its event loop; on two cores each gets one). The file prints its port on stdout's first line and
 * exits when its stdin ends.
 */
export async function startChild(file: URL, args: string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx/esm', fileURLToPath(file), ...args], {
    stdio: ['pipe', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  const port = Number(first.value);
  if (!port) {
    child.kill();
    throw new Error(`${fileURLToPath(file)} did not start (printed ${JSON.stringify(first.value)})`);
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    cpuMicros: () =>
      new Promise((resolve) => {
        child.once('message', (cpu) => resolve(Number(cpu)));
        child.send('cpu');
      }),
    close: () => {
      child.disconnect();
      child.stdin!.end();
      return exited;
    },
  };
}

/** The child's side: print the port, report CPU time when asked, close and exit when the parent closes stdin. */
export function serveUntilStdinEnds(port: number, close: () => Promise<unknown>): void {
  process.on('message', () => {
    const { user, system } = process.cpuUsage();
    process.send?.(user + system);
  });
  process.stdout.write(`${port}\n`);
  process.stdin.on('end', () => {
    void close().finally(() => process.exit(0));
  });
  process.stdin.resume();
}
