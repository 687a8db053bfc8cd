import type { VFileMessage } from 'vfile-message';

/**
 * A diagnostic as `file:line:column: message (source:rule)`, the form editors and CI read.
 * @param file the file name as the user gave it
 */
export function formatMessage(file: string, message: VFileMessage): string {
  const place = message.place && 'start' in message.place ? message.place.start : message.place;
  const where = place ? `${place.line}:${place.column}` : '1:1';
  const severity = message.fatal ? 'error: ' : '';
  return `${file}:${where}: ${severity}${message.reason} (${message.source ?? 'gazette'}:${message.ruleId ?? 'unknown'})`;
}
