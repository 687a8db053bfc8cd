import type { ParseResult } from '../parsers/index.js';
import { formatMessage } from '../parsers/format-message.js';
import { parseFile } from './read-input.js';
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
  for (const file of files) {
    const result = parseFile(file);
    if (!result) {
      code = 1;
      continue;
    }
    for (const message of result.messages) {
      if (message.fatal) code = 1;
      if (!options.quiet || message.fatal) process.stderr.write(`${formatMessage(file, message)}\n`);
    }
    if (options.report) parsed.push({ file, result });
    else process.stdout.write(result.records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
  if (options.report) process.stdout.write(formatReport(parsed));
  return code;
}
