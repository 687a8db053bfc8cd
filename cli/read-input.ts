import { readFileSync } from 'node:fs';
import { DecodeError, type ParseResult, parseGazette } from '../parsers/index.js';

/** A file that could not be parsed at all, with the reason to print. */
export interface InputFailure {
  file: string;
  reason: string;
}

/**
 * Reads and parses one file given on the command line.
 * @returns the parse result, or the reason it failed (unreadable or undecodable bytes)
 */
export function parseFile(file: string): ParseResult | InputFailure {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { file, reason: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : String(error) };
  }
  try {
    return parseGazette(bytes, { file });
  } catch (error) {
    if (error instanceof DecodeError) return { file, reason: error.message.slice(file.length + 2) };
    throw error;
  }
}

/** Whether parsing failed. */
export function failed(result: ParseResult | InputFailure): result is InputFailure {
  return 'reason' in result;
}
