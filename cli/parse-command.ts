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
    const output = new LineBuffer();
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

/** Lines gathered into writes of about a megabyte: one write per record would cost a system call each. */
class LineBuffer {
  private pending: string[] = [];
  private size = 0;

  add(line: string): void {
    this.pending.push(line);
    this.size += line.length;
    if (this.size >= 1 << 20) this.flush();
  }

  flush(): void {
    if (this.pending.length > 0) process.stdout.write(this.pending.join(''));
    this.pending = [];
    this.size = 0;
  }
}
