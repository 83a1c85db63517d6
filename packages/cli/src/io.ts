import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Exit codes: 0 done / valid / acked / clean, 1 a negative answer (invalid, not acked, differences), 2 bad input. */
export const EXIT_OK = 0;
export const EXIT_NO = 1;
export const EXIT_USAGE = 2;

/** A failure the user can act on; `main` prints the message (never a stack) and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
  }
}

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function defaultIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Colours only on a TTY, never with NO_COLOR (any value), forced with FORCE_COLOR=1. */
export function colours(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv) {
  const on = env.NO_COLOR === undefined && (env.FORCE_COLOR === '1' || stream.isTTY === true);
  const wrap = (code: number) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { on, red: wrap(31), green: wrap(32), yellow: wrap(33), dim: wrap(2), bold: wrap(1) };
}

export const out = (io: Io, text = '') => io.stdout.write(`${text}\n`);
export const err = (io: Io, text = '') => io.stderr.write(`${text}\n`);

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with `--help` built in; unknown or malformed flags are a usage error (exit 2) naming the fix. */
export type Values<O extends Options> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string } & {
  help?: boolean;
};

export function parse<O extends Options>(
  args: string[],
  options: O,
  allowPositionals = false,
): { values: Values<O>; positionals: string[] } {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    }) as { values: Values<O>; positionals: string[] };
  } catch (error) {
    throw new CliError(`${(error as Error).message.replace(/\. To specify.*$/s, '.')} (see --help)`);
  }
}

export function need(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new CliError(`missing ${flag} (see --help)`);
  return value;
}

export interface Command {
  summary: string;
  help: string;
  run(args: string[], io: Io): Promise<number>;
}
