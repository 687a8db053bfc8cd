import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GazetteRecord, isTotalRow, parseGazette } from '../parsers/index.js';

/**
 * Real documents of other governments (tests/external/SOURCES.md) against their answer keys
 * (keys.json): the first 18 and a second collection of 19 that nobody tuned the parser to.
 */
interface Key {
  file: string;
  notices: Array<{ docNumber: string | null; title: string; issuer: string; date: string | null }>;
  cites: string[];
  personnel: Array<{ person: string; action: string; post: string }>;
  tableRows: number | null;
  events: number | null;
}

/**
 * Table rows where the key gives none (tableRows null), read off the documents and the keys'
 * notes by hand: 0 for documents that print no table (a roster is no table); null where a
 * table is printed but its rows cannot be counted (merged cells with no numbering).
 */
interface TableCount {
  file: string;
  rows: number | null;
  why: string;
}

const dir = join(import.meta.dirname, 'external');
const keys: Key[] = JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8'));
const tableCounts: TableCount[] = JSON.parse(readFileSync(join(dir, 'table-counts.json'), 'utf8'));

function parse(file: string): GazetteRecord[] {
  return parseGazette(readFileSync(join(dir, file)), { file }).records;
}

function tableRows(records: GazetteRecord[]): number {
  return records.flatMap((r) => (r.kind === 'table' ? r.rows.filter((row) => !isTotalRow(row)) : [])).length;
}

describe.each(keys)('external document $file', (key) => {
  const records = parse(key.file);
  const notices = records.filter((r) => r.kind === 'notice');

  it('should give the notices of the key: number, title, issuer and date', () => {
    expect(notices.map((n) => ({ docNumber: n.docNumber, title: n.title, issuer: n.issuer, date: n.date }))).toEqual(
      key.notices.map(({ docNumber, title, issuer, date }) => ({ docNumber, title, issuer, date })),
    );
  });

  it('should cite exactly the numbers of the key', () => {
    expect(notices.flatMap((n) => n.cites)).toEqual(key.cites);
  });

  it('should find exactly the personnel actions of the key', () => {
    const actions = records.flatMap((r) =>
      r.kind === 'personnel' ? [{ person: r.person, action: r.action, post: r.post }] : [],
    );
    expect(actions).toEqual(key.personnel);
  });

  const expectedRows = key.tableRows ?? tableCounts.find((t) => t.file === key.file)?.rows;
  it.runIf(expectedRows !== null)('should read its tables with the numbered rows the key counts', () => {
    expect(expectedRows, 'a table count in keys.json or table-counts.json').toBeTypeOf('number');
    expect(tableRows(records)).toBe(expectedRows);
  });

  it('should give the chronicle entries of the key, and none where it has no chronicle', () => {
    expect(records.filter((r) => r.kind === 'event')).toHaveLength(key.events ?? 0);
  });
});

describe('the table counts kept beside the keys', () => {
  it('should cover exactly the documents whose key gives no table rows', () => {
    expect(tableCounts.map((t) => t.file).sort()).toEqual(
      keys
        .filter((k) => k.tableRows === null)
        .map((k) => k.file)
        .sort(),
    );
  });
});
