import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SearchDocument, joinNoticeText } from '../index/index.js';
import { parseGazette } from '../parsers/index.js';
import { enrichRecords } from './enrich.js';

const file = join('corpus', '001_2722b5f0afb84519.txt');
const bytes = readFileSync(join(import.meta.dirname, '..', file));
const { records } = parseGazette(bytes, { file });
const documents = await enrichRecords(records);

describe('enrichRecords', () => {
  it('should keep every field of the record contract and add tokens, keywords, people and a numeric date', () => {
    expect(documents).toHaveLength(records.length);
    const record = records.find((r) => r.kind === 'notice' && r.text.includes('被征地农民'))!;
    const notice = documents.find((d): d is Extract<SearchDocument, { kind: 'notice' }> => d.id === record.id)!;
    expect(notice).toMatchObject({
      ...record,
      text: expect.any(String),
      departments: record.departments,
      dateValue: Number(notice.date!.replaceAll('-', '')),
      year: 2022,
    });
    // The index holds the notice's frame; its clauses and tables the rest, which put back give its text.
    expect(notice.text.length).toBeLessThan(record.text.length);
    const parts = new Map(
      documents.filter((d) => d.kind === 'clause' || d.kind === 'table').map((d) => [d.id, d.text]),
    );
    expect(joinNoticeText(notice.text, notice.textParts ?? [], parts)).toBe(record.text);
    // Tokens hold the words inside longer ones, which the index's own segmentation does not give.
    expect(notice.tokens).toEqual(expect.arrayContaining(['区政府', '办公室']));
    expect(notice.keywords.length).toBeGreaterThan(0);
  });

  it('should give the short words inside a department name as tokens, so 农业 finds 区农业农村局', () => {
    const clause = documents.find((d) => d.kind === 'clause' && d.text.includes('区农业农村局'))!;
    expect(clause.tokens).toEqual(expect.arrayContaining(['农业', '农村']));
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
