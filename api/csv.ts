import type { RecordHit } from '../index/index.js';

const COLUMNS = [
  'id',
  'kind',
  'docNumber',
  'title',
  'date',
  'departments',
  'path',
  'person',
  'post',
  'text',
  'file',
  'line',
] as const;

/** The UTF-8 byte-order mark a CSV export starts with, so that Excel reads it as UTF-8. */
export const CSV_BOM = '\uFEFF';

/** The CSV header line. */
export const CSV_HEADER = `${COLUMNS.join(',')}\r\n`;

/**
 * One record as a CSV line (RFC 4180: fields quoted when needed, quotes doubled). A text cell
 * that a spreadsheet would read as a formula is neutralised (see {@link csvField}).
 */
export function toCsvRow(record: RecordHit): string {
  const r = record as unknown as Record<string, unknown>;
  const values: Record<(typeof COLUMNS)[number], unknown> = {
    id: r.id,
    kind: r.kind,
    docNumber: r.docNumber,
    title: r.title,
    date: r.date,
    departments: (r.departments as string[] | undefined)?.join(';'),
    path: (r.path as string[] | undefined)?.join(''),
    person: r.person,
    post: r.post,
    text: r.text,
    file: record.source.file,
    line: record.source.line,
  };
  return `${COLUMNS.map((column) => csvField(values[column])).join(',')}\r\n`;
}

// What makes a spreadsheet read a cell as a formula (=, +, -, @), also after a TAB or CR it
// drops (OWASP's list for CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field. Text starting like a formula gets a leading `'`, which Excel and LibreOffice
 * show as text and do not evaluate: records hold text from crawled pages, so a cell such as
 * `=HYPERLINK(…)` must stay text. Numbers (line numbers) are written as they are.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
