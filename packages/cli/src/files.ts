import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError } from './io';

export async function readInput(cwd: string, path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(resolve(cwd, path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read the ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'error')}`);
  }
}

/** `--body S` or `--body-file F` (exact bytes; `-` reads stdin). */
export async function readBody(cwd: string, values: { body?: string; 'body-file'?: string }): Promise<Buffer> {
  if (values.body !== undefined && values['body-file'] !== undefined)
    throw new CliError('give --body or --body-file, not both');
  if (values.body !== undefined) return Buffer.from(values.body, 'utf8');
  const file = values['body-file'];
  if (file === undefined) throw new CliError('missing --body or --body-file (see --help)');
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  return readInput(cwd, file, 'body file');
}

/** Reads and loads a key file; a key that does not load is a usage error saying which key. */
export async function readKey<K>(cwd: string, path: string, kind: 'private' | 'public', load: (text: string) => K) {
  const text = await readInput(cwd, path, `${kind} key file`);
  try {
    return load(text.toString('utf8'));
  } catch (error) {
    throw new CliError(`the ${kind} key file is not usable: ${(error as Error).message}`);
  }
}
