import { AntomError } from '../errors';

/** A report file could not be read: truncated, malformed row, unknown layout. `line` is 1-based when known. */
export class AntomReportError extends AntomError {
  readonly line: number | undefined;

  constructor(code: string, message: string, line?: number, options?: { cause?: unknown }) {
    super(code, line === undefined ? message : `line ${line}: ${message}`, options);
    this.line = line;
  }
}
