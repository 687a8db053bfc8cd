import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { DOMAIN_WORDS, type IssueVersionInput } from '../index/index.js';
import { DecodeError, formatMessage, parseGazette } from '../parsers/index.js';
import { enrichRecords } from './enrich.js';
import { BadInputError } from './errors.js';

/** Turns an issue's records into search documents: {@link enrichRecords}, here or in a thread. */
export type Enrich = typeof enrichRecords;

/**
 * Bump when parsing or enrichment changes what records look like, so that issues indexed by an
 * older pipeline are processed again instead of skipped.
 */
// 6: web pages are read as HTML (they gave no records before); every record's cites; departments
// folded per body; notices indexed as their frame, tokens only the words inside longer words.
const PIPELINE_REVISION = 6;

/** Identifies the parse and enrichment that produced an issue's documents. */
export const PIPELINE_VERSION = `${PIPELINE_REVISION}-${createHash('sha256').update(DOMAIN_WORDS.join('\n')).digest('hex').slice(0, 8)}`;

/** The stages an issue goes through, in order. */
export type Stage = 'parse' | 'enrich' | 'index';

/** An issue's bytes parsed and enriched, ready to be written. */
export type PreparedIssue = IssueVersionInput;

/**
 * Parses and enriches one issue's raw bytes, yielding to the event loop between stages.
 * @param file the name the bytes were given, for records' `source.file` and for messages
 * @param onStage called as each stage starts
 * @param enrich how the records are enriched (a worker's thread, else in process)
 * @throws BadInputError for bytes that will never parse: undecodable, empty, or with a fatal diagnostic
 */
export async function prepareIssue(
  bytes: Uint8Array,
  file: string,
  onStage: (stage: Stage) => void = () => {},
  enrich: Enrich = enrichRecords,
): Promise<PreparedIssue> {
  onStage('parse');
  let parsed: ReturnType<typeof parseGazette>;
  try {
    parsed = parseGazette(bytes, { file });
  } catch (error) {
    if (error instanceof DecodeError) throw new BadInputError(error.message, { cause: error });
    throw error;
  }
  const fatal =
    parsed.messages.find((message) => message.fatal) ?? (parsed.records.length === 0 ? parsed.messages[0] : undefined);
  if (fatal) throw new BadInputError(formatMessage(file, fatal));
  if (parsed.records.length === 0)
    throw new BadInputError(`${file}:1:1: no records: expected gazette text with at least one notice or entry`);
  await yieldToEventLoop();
  onStage('enrich');
  const documents = await enrich(parsed.records);
  await yieldToEventLoop();
  return {
    id: parsed.records[0]!.issue,
    sha256: parsed.sha256,
    file,
    pipeline: PIPELINE_VERSION,
    warnings: parsed.messages.length,
    documents,
  };
}
