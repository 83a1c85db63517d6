import { describe, expect, it } from 'vitest';
import { csvField, csvRecords } from './csv';
import { AntomReportError } from './errors';

async function all(chunks: Iterable<string | Uint8Array>) {
  const out = [];
  for await (const record of csvRecords(chunks)) out.push(record);
  return out;
}

function byteChunks(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

describe('csvRecords', () => {
  const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\r\nÅngström,日本,\n<END>\n';
  const expected = [
    { fields: ['a', 'b', 'c'], line: 1 },
    { fields: ['x, y', 'say "hi"', 'two\nlines'], line: 2 },
    { fields: ['Ångström', '日本', ''], line: 4 },
    { fields: ['<END>'], line: 5 },
  ];

  it('reads a BOM, quoted fields, escaped quotes, CRLF and line breaks inside quotes', async () => {
    expect(await all([text])).toEqual(expected);
  });

  it('gives the same records whatever the chunking, even splitting multi-byte characters', async () => {
    for (const size of [1, 2, 3, 7, 64]) expect(await all(byteChunks(text, size))).toEqual(expected);
  });

  it('rejects an unterminated quote and text after a closing quote, with the line', async () => {
    await expect(all(['a,b\n"open,x\n'])).rejects.toMatchObject({ code: 'REPORT_MALFORMED_CSV', line: 2 });
    await expect(all(['a\n"x"y\n'])).rejects.toBeInstanceOf(AntomReportError);
  });

  it('quotes only what needs quoting', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
  });
});
