import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GazetteRecord, isTotalRow, parseGazette } from '../parsers/index.js';

/** Answer keys of the external documents (tests/external/SOURCES.md, keys.json). */
interface Key {
  file: string;
  notices: Array<{ docNumber: string | null; title: string; issuer: string; date: string }>;
  cites: string[];
  personnel: Array<{ person: string; action: string; post: string }>;
  tableRows: number | null;
}

const dir = join(import.meta.dirname, 'external');
const keys: Key[] = JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8'));

function parse(file: string): { records: GazetteRecord[]; fatal: number } {
  const result = parseGazette(readFileSync(join(dir, file)), { file });
  return { records: result.records, fatal: result.messages.filter((m) => m.fatal).length };
}

describe.each(keys)('external document $file', (key) => {
  const { records, fatal } = parse(key.file);
  const notices = records.filter((r) => r.kind === 'notice');

  it('should parse without fatal diagnostics', () => {
    expect(fatal).toBe(0);
  });

  it('should give the notices of the key: number, title, issuer and date', () => {
    expect(notices.map((n) => ({ docNumber: n.docNumber, title: n.title, issuer: n.issuer, date: n.date }))).toEqual(key.notices);
  });

  it('should cite exactly the numbers of the key', () => {
    expect(notices.flatMap((n) => n.cites)).toEqual(key.cites);
  });

  it('should find exactly the personnel actions of the key', () => {
    const actions = records.flatMap((r) => (r.kind === 'personnel' ? [{ person: r.person, action: r.action, post: r.post }] : []));
    expect(actions).toEqual(key.personnel);
  });

  it.runIf(key.tableRows !== null)('should read the flattened table with its numbered rows', () => {
    const tables = records.flatMap((r) => (r.kind === 'table' ? [r] : []));
    const rows = tables.flatMap((t) => t.rows.filter((row) => !isTotalRow(row)));
    expect(rows).toHaveLength(key.tableRows!);
  });
});
