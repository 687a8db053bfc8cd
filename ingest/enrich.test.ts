import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SearchDocument } from '../index/index.js';
import { parseGazette } from '../parsers/index.js';
import { enrichRecords } from './enrich.js';

const file = join('corpus', '001_2722b5f0afb84519.txt');
const bytes = readFileSync(join(import.meta.dirname, '..', file));
const { records } = parseGazette(bytes, { file });
const documents = await enrichRecords(records);

describe('enrichRecords', () => {
  it('should keep every field of the record contract and add tokens, keywords, people and a numeric date', () => {
    expect(documents).toHaveLength(records.length);
    const notice = documents.find((d): d is Extract<SearchDocument, { kind: 'notice' }> => d.kind === 'notice' && d.text.includes('被征地农民'))!;
    const record = records.find((r) => r.id === notice.id)!;
    expect(notice).toMatchObject({ ...record, departments: record.departments, dateValue: Number(notice.date!.replaceAll('-', '')), year: 2022 });
    expect(notice.tokens).toEqual(expect.arrayContaining(['被征地农民', '征地', '农民', '农业', '人口']));
    expect(notice.keywords.length).toBeGreaterThan(0);
  });

  it('should give the short words inside a department name as tokens, so 农业 finds 区农业农村局', () => {
    const clause = documents.find((d) => d.kind === 'clause' && d.text.includes('区农业农村局'))!;
    expect(clause.tokens).toEqual(expect.arrayContaining(['区农业农村局', '农业', '农村']));
  });

  it('should name the person of a personnel record and the people of its notice', () => {
    const personnel = documents.filter((d) => d.kind === 'personnel');
    expect(personnel.length).toBeGreaterThan(0);
    for (const p of personnel) {
      expect(p.people).toEqual([p.kind === 'personnel' ? p.person : '']);
      expect(p.tokens).toContain(p.people[0]);
      const notice = documents.find((d) => d.id === (p.kind === 'personnel' ? p.noticeId : ''))!;
      expect(notice.people).toContain(p.people[0]);
    }
  });

  it('should date a table by its notice', () => {
    for (const table of documents.filter((d) => d.kind === 'table')) {
      const notice = documents.find((d) => d.id === (table.kind === 'table' ? table.noticeId : ''))!;
      expect(table.dateValue).toBe(notice.dateValue);
    }
  });

  it('should give the same documents for the same bytes', async () => {
    const again = await enrichRecords(parseGazette(bytes, { file }).records);
    expect(again).toEqual(documents);
  });

  it('should leave the content hash alone when only the file name or sha256 changes, and change it with the text', async () => {
    const renamed = await enrichRecords(parseGazette(bytes, { file: 'elsewhere/copy.txt' }).records);
    expect(renamed.map((d) => d.contentHash)).toEqual(documents.map((d) => d.contentHash));
    const first = records[1]!;
    const changed = await enrichRecords([{ ...first, text: `${first.text}。` }]);
    expect(changed[0]!.contentHash).not.toBe(documents[1]!.contentHash);
  });
});
