import type { Position, Point } from 'unist';
import type { VFile } from 'vfile';

/** Rule ids of the diagnostics the parser emits, one per rule of the format. */
export type RuleId =
  | 'empty-file'
  | 'html-no-text'
  | 'html-charset'
  | 'html-table-cut'
  | 'no-records'
  | 'document-fallback'
  | 'title-truncated'
  | 'notice-without-title'
  | 'title-walkback'
  | 'doc-number-space'
  | 'doc-number-brackets'
  | 'missing-signature'
  | 'issuer-mismatch'
  | 'missing-addressee'
  | 'numbering-typo'
  | 'numbering-gap'
  | 'hard-wrap'
  | 'table-ragged'
  | 'table-unterminated'
  | 'personnel-unparsed'
  | 'event-unparsed'
  | 'event-year'
  | 'event-order'
  | 'missing-range'
  | 'residue'
  | 'duplicate-line'
  | 'duplicate-text'
  | 'unknown-department';

/**
 * Records a problem in the content as a message on the file: never an exception.
 * @param file the file being parsed
 * @param reason what happened and what was expected
 * @param place where, in the raw file
 * @param ruleId the format rule concerned
 * @param source the plugin that noticed it
 * @param fatal whether the input would otherwise produce wrong records
 */
export function report(
  file: VFile,
  reason: string,
  place: Position | Point | undefined,
  ruleId: RuleId,
  source: string,
  fatal = false,
): void {
  // A VFileMessage is an Error, which captures a stack trace, and then sets its stack to '': not
  // capturing it at all leaves the same message at a fraction of the cost.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const message = file.message(reason, { place, ruleId, source });
    message.fatal = fatal;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
