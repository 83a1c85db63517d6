import { describe, expect, it } from 'vitest';
import { antomInProcess } from './test-utils';

async function run(...argv: string[]) {
  const { code, stdout: out, stderr: err } = await antomInProcess(argv);
  return { code, out, err };
}

describe('antom keys / antom reports (command groups)', () => {
  it('print their help: exit 2 without a command, 0 with --help or -h', async () => {
    for (const [group, first] of [
      ['keys', 'antom keys generate [--out DIR]'],
      ['reports', 'antom reports <command>'],
    ] as const) {
      expect(await run(group)).toMatchObject({ code: 2, err: '' });
      expect((await run(group)).out.startsWith(first)).toBe(true);
      expect((await run(group, '--help')).code).toBe(0);
      expect((await run(group, '-h')).out).toBe((await run(group)).out);
    }
    expect((await run('keys', 'generate', '--help')).out).toBe((await run('keys')).out);
    expect((await run('reports')).out).toMatch(/^ {2}reconcile {2}reconcile a report against/m);
  });

  it('name an unknown command and what to try instead (exit 2), never an inherited property', async () => {
    expect(await run('keys', 'nope')).toMatchObject({
      code: 2,
      out: '',
      err: 'error: unknown command "keys nope" (try: antom keys generate)\n',
    });
    expect(await run('reports', 'constructor')).toMatchObject({
      code: 2,
      err: 'error: unknown command "reports constructor" (parse, reconcile, fetch)\n',
    });
    for (const name of ['constructor', 'toString', '__proto__']) {
      const top = await run(name);
      expect(top.code).toBe(2);
      expect(top.err).toMatch(new RegExp(`^error: unknown command "${name}" \\(`));
    }
  });
});
