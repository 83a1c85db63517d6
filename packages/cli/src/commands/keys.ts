import { generateKeyPairSync } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { commandGroup } from '../command-group';
import { CliError, type Command, colours, EXIT_OK, out, parse } from '../io';

const help = `antom keys generate [--out DIR] [--force] [--print]

Generates an RSA-2048 key pair for Antom and writes, mode 0600:
  private-key.pem          PKCS#8 PEM (BEGIN PRIVATE KEY)
  private-key.base64.txt   the same key as bare base64, as the Antom dashboard takes it
  public-key.pem           SPKI PEM (BEGIN PUBLIC KEY)
  public-key.base64.txt    bare base64: paste it into Dashboard > Developer > Key configuration

Options:
  --out DIR   folder to write into (created if missing; default: the current folder)
  --force     overwrite existing key files
  --print     also print the private key to stdout (otherwise it is never printed)`;

const generate: Command = {
  summary: 'generate a key pair (PEM + dashboard base64)',
  help,
  async run(args, io) {
    const { values } = parse(args, { out: { type: 'string' }, force: { type: 'boolean' }, print: { type: 'boolean' } });
    if (values.help) {
      out(io, help);
      return EXIT_OK;
    }
    const dir = resolve(io.cwd, values.out ?? '.');
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const privateB64 = (privateKey.export({ type: 'pkcs8', format: 'der' }) as Buffer).toString('base64');
    const publicB64 = (publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const files: Array<[string, string]> = [
      ['private-key.pem', privatePem],
      ['private-key.base64.txt', `${privateB64}\n`],
      ['public-key.pem', publicPem],
      ['public-key.base64.txt', `${publicB64}\n`],
    ];
    for (const [name, content] of files) {
      try {
        await writeFile(join(dir, name), content, { mode: 0o600, flag: values.force ? 'w' : 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new CliError(`${join(dir, name)} exists; keep your current keys, pick another --out, or pass --force`);
        }
        throw error;
      }
    }
    const c = colours(io.stdout, io.env);
    if (values.print) out(io, privatePem.trimEnd());
    out(io, `${c.green('Wrote')} ${files.map(([name]) => join(dir, name)).join(', ')} (mode 0600)`);
    out(io, `Public key for the Antom dashboard (Developer > Key configuration):\n${publicB64}`);
    out(io, c.dim('Keep private-key.pem secret: Antom never sees it and cannot recover it.'));
    return EXIT_OK;
  },
};

export const keys = commandGroup(
  'keys',
  { summary: generate.summary, help, hint: 'try: antom keys generate' },
  { generate },
);
