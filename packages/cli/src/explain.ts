import { createHash } from 'node:crypto';

const NAMES: Record<number, string> = { 9: '\\t', 13: '\\r', 0: '\\0' };

/**
 * The content to sign with every non-printing character made visible: a line feed shows as `\n` and then
 * breaks the line, CR as `\r`, tab as `\t`, other controls and BOM/zero-width characters as `<U+XXXX>`, a
 * trailing space as `·`. The one thing to compare when a signature does not match.
 */
export function visible(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 10) out += '\\n\n';
    else if (NAMES[code]) out += NAMES[code];
    else if (
      code < 32 ||
      code === 127 ||
      (code >= 0x80 && code < 0xa0) ||
      code === 0xfeff ||
      (code >= 0x200b && code <= 0x200f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0xa0
    ) {
      out += `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
    } else out += ch;
  }
  return out.replace(/ +$/gm, (spaces) => '·'.repeat(spaces.length));
}

export function explain(
  content: Buffer,
  parts: { method: string; path: string; clientId: string; time: string; body: Buffer },
): string {
  const sha = createHash('sha256').update(content).digest('hex');
  return [
    `Content to sign: ${content.length} bytes, sha256 ${sha}`,
    `  method    ${parts.method}`,
    `  path      ${parts.path}`,
    `  client id ${parts.clientId}`,
    `  time      ${parts.time}`,
    `  body      ${parts.body.length} bytes`,
    '--- begin (\\n = line feed; nothing is added after the body) ---',
    visible(content.toString('utf8')),
    '--- end ---',
  ].join('\n');
}
