import { contentToSignBytes, loadPublicKey, parseSignatureHeader, redactSignature, verifyParsed } from '@antomkit/core';
import { explain } from '../explain';
import { readKey } from '../files';
import { CliError, type Command, colours, EXIT_NO, EXIT_OK, err, need, out, parse } from '../io';
import { contentFrom, signOptions } from './sign';

const help = `antom verify --path P --client-id C --time T (--body S | --body-file F) --signature H --public-key-file K [--explain]

Checks a Signature header against the exact content. Exit 0 valid, 1 invalid, 2 bad input; the reason is printed.

  --signature H         the whole header value (algorithm=RSA256,keyVersion=1,signature=...) or just the signature
  --public-key-file K   the signer's public key: SPKI PEM or the dashboard's bare base64
                        (Antom's public key for responses and notifications, yours for your own requests)
  other flags as for antom sign; --explain prints the content that was checked`;

export const verify: Command = {
  summary: 'verify a Signature header (exit 0 valid, 1 invalid, 2 bad input)',
  help,
  async run(args, io) {
    const { values } = parse(args, {
      ...signOptions,
      signature: { type: 'string' },
      'public-key-file': { type: 'string' },
    });
    if (values.help) {
      out(io, help);
      return EXIT_OK;
    }
    const content = await contentFrom(values, io.cwd);
    const header = need(values.signature, '--signature');
    const publicKey = await readKey(
      io.cwd,
      need(values['public-key-file'], '--public-key-file'),
      'public',
      loadPublicKey,
    );
    let parsed: ReturnType<typeof parseSignatureHeader>;
    try {
      parsed = parseSignatureHeader(header.includes('signature=') ? header : `signature=${header}`);
    } catch (error) {
      throw new CliError(`the signature is malformed: ${(error as Error).message}`);
    }
    const bytes = contentToSignBytes(content);
    if (values.explain) err(io, explain(bytes, content));
    const c = colours(io.stdout, io.env);
    if (verifyParsed(content, parsed, publicKey)) {
      out(
        io,
        `${c.green('valid')}: signature ${redactSignature(parsed.signature)} matches ${bytes.length} bytes of content`,
      );
      return EXIT_OK;
    }
    out(
      io,
      `${c.red('invalid')}: signature ${redactSignature(parsed.signature)} does not match this content and key.\n` +
        "Check, in this order: the public key (Antom's for its messages, the same mode: sandbox or live), the path " +
        '(with the /ams/sandbox rewrite and query), the time (the header verbatim), the body bytes (no re-serialised JSON, ' +
        'same line endings). Run with --explain to see the exact content.',
    );
    return EXIT_NO;
  },
};
