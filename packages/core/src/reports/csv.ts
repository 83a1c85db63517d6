import { StringDecoder } from 'node:string_decoder';
import { AntomReportError } from './errors';

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

/** Anything that yields text or bytes: a fs/http Readable, a generator, an array of chunks. */
export type ReportSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

const MAX_FIELD = 1 << 20;

/**
 * Streams RFC 4180 records out of chunks: UTF-8 split anywhere, optional BOM, CRLF or LF, quoted fields with
 * `""` escapes and line breaks inside quotes. Holds one record at a time, never the file.
 */
export async function* csvRecords(source: ReportSource): AsyncGenerator<CsvRecord> {
  const decoder = new StringDecoder('utf8');
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let started = false;
  let line = 1;
  let recordLine = 1;
  let first = true;

  function* end(): Generator<CsvRecord> {
    fields.push(field);
    yield { fields, line: recordLine };
    fields = [];
    field = '';
    afterQuote = false;
    started = false;
  }

  for await (const chunk of source) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (quoted) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          const part = text.slice(i);
          field += part;
          line += countNewlines(part);
          i = n;
        } else {
          const part = text.slice(i, q);
          field += part;
          line += countNewlines(part);
          quoted = false;
          afterQuote = true;
          i = q + 1;
        }
        if (field.length > MAX_FIELD)
          throw new AntomReportError('REPORT_FIELD_TOO_LONG', 'a field is over 1 MiB', recordLine);
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 44 /* , */) {
        fields.push(field);
        field = '';
        afterQuote = false;
        started = true;
        i++;
      } else if (c === 10 /* \n */) {
        yield* end();
        line++;
        recordLine = line;
        i++;
      } else if (c === 13 /* \r */) {
        i++;
      } else if (c === 34 /* " */) {
        if (afterQuote) {
          field += '"';
          quoted = true;
          afterQuote = false;
        } else if (field === '') {
          quoted = true;
        } else {
          throw new AntomReportError('REPORT_MALFORMED_CSV', 'a quote inside an unquoted field', line);
        }
        started = true;
        i++;
      } else {
        if (afterQuote) throw new AntomReportError('REPORT_MALFORMED_CSV', 'text after a closing quote', line);
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 44 || d === 10 || d === 13 || d === 34) break;
          j++;
        }
        field += text.slice(i, j);
        started = true;
        i = j;
        if (field.length > MAX_FIELD)
          throw new AntomReportError('REPORT_FIELD_TOO_LONG', 'a field is over 1 MiB', recordLine);
      }
    }
  }
  const rest = decoder.end();
  if (rest) field += rest;
  if (quoted) throw new AntomReportError('REPORT_MALFORMED_CSV', 'a quoted field is never closed', recordLine);
  if (started || field !== '' || fields.length > 0) yield* end();
}

function countNewlines(s: string): number {
  let count = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) count++;
  return count;
}

/** Quotes a field only when it must (comma, quote, CR/LF, or leading/trailing space). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
