import { readFileSync } from 'node:fs';
import {
  DecodeError,
  type GazetteRecord,
  type ParseResult,
  type StreamedParse,
  parseGazette,
  parseGazetteStreaming,
} from '../parsers/index.js';

/**
 * Reads and parses one file given on the command line. A file that cannot be read or decoded
 * is reported on stderr as `FILE: error: cannot parse: REASON`.
 * @returns the parse result, or null when the file could not be parsed at all
 */
export function parseFile(file: string): ParseResult | null {
  return readAndParse(file, (take) => parseGazette(take(), { file }));
}

/**
 * Reads and parses one file as {@link parseFile} does, giving each notice's records to `write`
 * as soon as they are built (parseGazetteStreaming) instead of returning them all.
 * @returns what was parsed besides the records, or null when the file could not be parsed at all
 */
export function streamFile(file: string, write: (records: GazetteRecord[]) => void): StreamedParse | null {
  return readAndParse(file, (take) => parseGazetteStreaming(take, { file }, write));
}

/**
 * Reads the file, then parses it with `parse`, which gets the bytes by calling `take`: they are
 * handed over, not kept here, so a parser that lets go of them once decoded frees their memory.
 */
function readAndParse<T>(file: string, parse: (take: () => Buffer) => T): T | null {
  const reason = (why: string) => {
    process.stderr.write(`${file}: error: cannot parse: ${why}\n`);
    return null;
  };
  let bytes: Buffer | undefined;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return reason(
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : String(error),
    );
  }
  try {
    return parse(() => {
      const taken = bytes!;
      bytes = undefined;
      return taken;
    });
  } catch (error) {
    if (error instanceof DecodeError) return reason(error.message.slice(file.length + 2));
    throw error;
  }
}
