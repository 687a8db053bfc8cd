import type { RecordHit } from '../index/index.js';

const COLUMNS = ['id', 'kind', 'docNumber', 'title', 'date', 'departments', 'path', 'person', 'post', 'text', 'file', 'line'] as const;

/** The CSV header line. */
export const CSV_HEADER = `${COLUMNS.join(',')}\r\n`;

/** One record as a CSV line (RFC 4180: fields quoted when needed, quotes doubled). */
export function toCsvRow(record: RecordHit): string {
  const r = record as unknown as Record<string, unknown>;
  const values: Record<(typeof COLUMNS)[number], unknown> = {
    id: r.id, kind: r.kind, docNumber: r.docNumber, title: r.title, date: r.date,
    departments: (r.departments as string[] | undefined)?.join(';'), path: (r.path as string[] | undefined)?.join(''),
    person: r.person, post: r.post, text: r.text, file: record.source.file, line: record.source.line,
  };
  return `${COLUMNS.map((column) => csvField(values[column])).join(',')}\r\n`;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
