import type { ParseResult } from '../parsers/index.js';
import { formatMessage } from '../parsers/format-message.js';
import { parseFile, streamFile } from './read-input.js';
import { formatReport } from './report.js';

/** Options of `gazette parse`. */
export interface ParseCommandOptions {
  report?: boolean;
  quiet?: boolean;
}

/**
 * `gazette parse FILE...`: records as JSON Lines on stdout (or the coverage report with
 * --report), diagnostics on stderr.
 * @returns the exit code: 0 when every file parsed, 1 when a file could not be read, decoded or
 *   parsed without fatal errors
 */
export function parseCommand(files: string[], options: ParseCommandOptions): number {
  const parsed: Array<{ file: string; result: ParseResult }> = [];
  let code = 0;
  const printMessages = (file: string, messages: ParseResult['messages']) => {
    for (const message of messages) {
      if (message.fatal) code = 1;
      if (!options.quiet || message.fatal) process.stderr.write(`${formatMessage(file, message)}\n`);
    }
  };
  for (const file of files) {
    if (options.report) {
      const result = parseFile(file);
      if (result) {
        printMessages(file, result.messages);
        parsed.push({ file, result });
      } else code = 1;
      continue;
    }
    // Records are written notice by notice as they are built, so memory does not grow with the file.
    const output = new LineBuffer((bytes) => process.stdout.write(bytes));
    const result = streamFile(file, (records) => {
      for (const record of records) output.add(`${JSON.stringify(record)}\n`);
    });
    output.flush();
    if (result) printMessages(file, result.messages);
    else code = 1;
  }
  if (options.report) process.stdout.write(formatReport(parsed));
  return code;
}

/**
 * Lines encoded straight into buffers of about a megabyte, each written in one call: a write per
 * record would cost a system call each, and joining the lines into a string first would copy
 * every byte once more before the encoding copies it again.
 */
export class LineBuffer {
  private static readonly SIZE = 1 << 20;
  private buffer = Buffer.allocUnsafe(LineBuffer.SIZE);
  private used = 0;

  /** @param write takes each full buffer (or a line too long for one), as UTF-8 bytes */
  constructor(private readonly write: (bytes: Buffer) => void) {}

  add(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8: room for that much is room enough.
    if (this.used + line.length * 3 > LineBuffer.SIZE) {
      this.flush();
      if (line.length * 3 > LineBuffer.SIZE) {
        this.write(Buffer.from(line));
        return;
      }
    }
    this.used += this.buffer.write(line, this.used);
  }

  flush(): void {
    if (this.used === 0) return;
    this.write(this.buffer.subarray(0, this.used));
    // The stream may still hold the bytes written (a pipe): the next lines go to a new buffer.
    this.buffer = Buffer.allocUnsafe(LineBuffer.SIZE);
    this.used = 0;
  }
}
