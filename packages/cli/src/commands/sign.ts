import { contentToSignBytes, loadPrivateKey, signRequest } from '@antomkit/core';
import { explain } from '../explain';
import { readBody, readKey } from '../files';
import { CliError, type Command, EXIT_OK, err, need, out, parse, type Values } from '../io';

export const signOptions = {
  path: { type: 'string' },
  'client-id': { type: 'string' },
  time: { type: 'string' },
  body: { type: 'string' },
  'body-file': { type: 'string' },
  method: { type: 'string' },
  explain: { type: 'boolean' },
} as const;

/** The content to sign, from the flags antom sign and antom verify share. */
export async function contentFrom(values: Values<typeof signOptions>, cwd: string) {
  return {
    method: values.method ?? 'POST',
    path: need(values.path, '--path'),
    clientId: need(values['client-id'], '--client-id'),
    time: need(values.time, '--time'),
    body: await readBody(cwd, values),
  };
}

const help = `antom sign --path P --client-id C --time T (--body S | --body-file F) --private-key-file K [--key-version N] [--explain]

Prints the Signature header value: algorithm=RSA256,keyVersion=N,signature=<url-encoded base64>.

  --path P              the path Antom signs, with query, without origin: /ams/api/v1/payments/pay
  --client-id C         your client id
  --time T              the Request-Time header value, verbatim (e.g. epoch milliseconds)
  --body S              the exact body; or --body-file F (exact bytes, "-" for stdin)
  --private-key-file K  your private key: PEM (PKCS#8 or PKCS#1) or the dashboard's bare base64
  --key-version N       keyVersion in the header (default 1)
  --method M            default POST
  --explain             also print (to stderr) the content to sign, with non-printing characters visible`;

export const sign: Command = {
  summary: 'sign a request and print the Signature header',
  help,
  async run(args, io) {
    const { values } = parse(args, {
      ...signOptions,
      'private-key-file': { type: 'string' },
      'key-version': { type: 'string' },
    });
    if (values.help) {
      out(io, help);
      return EXIT_OK;
    }
    const content = await contentFrom(values, io.cwd);
    const privateKey = await readKey(
      io.cwd,
      need(values['private-key-file'], '--private-key-file'),
      'private',
      loadPrivateKey,
    );
    const keyVersion = values['key-version'] ?? '1';
    if (!/^\d{1,9}$/.test(keyVersion)) throw new CliError('--key-version must be a number');
    if (values.explain) err(io, explain(contentToSignBytes(content), content));
    out(io, signRequest({ ...content, privateKey, keyVersion }));
    return EXIT_OK;
  },
};
