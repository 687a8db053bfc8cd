import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GazetteRecord, parseGazette } from '../parsers/index.js';

/** §2.10 of gazette-format.md, read from the spec's tables by hand into JSON. */
interface CatalogueEntry {
  docNumber: string;
  titleLine: number;
  numberLine: number;
  dateLine: number;
  date: string;
  afterSignature: null | 'personnel' | { line: number; startsWith: string };
}
const catalogue: Record<string, CatalogueEntry[]> = JSON.parse(
  readFileSync(join(import.meta.dirname, 'notice-catalogue.json'), 'utf8'),
);

const dir = join(import.meta.dirname, '..', 'corpus');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const parsed = files.map((f) => ({
  name: f,
  raw: readFileSync(join(dir, f), 'utf8'),
  result: parseGazette(readFileSync(join(dir, f)), { file: `corpus/${f}` }),
}));
const records = parsed.flatMap((p) => p.result.records);
const ofKind = <K extends GazetteRecord['kind']>(kind: K) =>
  records.filter((r): r is Extract<GazetteRecord, { kind: K }> => r.kind === kind);

/** Issuers by number prefix (§2.6): no exceptions in the seeds. */
const ISSUER: Record<string, string> = {
  海政发: '南通市海门区人民政府',
  海政干: '南通市海门区人民政府',
  海政办发: '南通市海门区人民政府办公室',
};

describe('the whole corpus', () => {
  it('should find the 71 notices of §2.10, per file 13/13/13/22/10', () => {
    expect(parsed.map((p) => p.result.records.filter((x) => x.kind === 'notice').length)).toEqual([13, 13, 13, 22, 10]);
  });

  describe.each(parsed.map((p) => [p.name, p] as const))(
    'notices of %s against the §2.10 catalogue',
    (name, { raw, result }) => {
      const lines = raw.split('\n');
      const notices = result.records.filter((r) => r.kind === 'notice');
      const entries = catalogue[name]!;

      it('should give each notice its number, title line, date and issuer', () => {
        expect(notices.map((n) => [n.docNumber, n.source.line, n.date, n.issuer])).toEqual(
          entries.map((e) => [e.docNumber, e.titleLine, e.date, ISSUER[e.docNumber.replace(/〔.*$/u, '')]]),
        );
      });

      it('should join the title lines with nothing between them', () => {
        const titles = entries.map((e) =>
          lines
            .slice(e.titleLine - 1, e.numberLine - 1)
            .map((l) => l.trim())
            .filter(Boolean)
            .join(''),
        );
        expect(notices.map((n) => n.title)).toEqual(titles);
      });

      it('should start the first enclosure on the line after the signature, or find none', () => {
        const firstEnclosure = result.tree.children
          .filter((n) => n.type === 'notice')
          .map((n) => n.children.find((c) => c.type === 'document' && c.kind !== 'body')?.position?.start.line ?? null);
        expect(firstEnclosure).toEqual(
          entries.map((e) => (e.afterSignature && e.afterSignature !== 'personnel' ? e.afterSignature.line : null)),
        );
      });

      it('should put 海政干 notices, and only those, in the personnel section', () => {
        expect(notices.map((n) => n.section)).toEqual(
          entries.map((e) => (e.afterSignature === 'personnel' ? 'personnel' : 'documents')),
        );
      });
    },
  );

  it('should find all 60 personnel actions in 51 statements (§6.2)', () => {
    const personnel = ofKind('personnel');
    expect(personnel).toHaveLength(60);
    expect(new Set(personnel.map((p) => `${p.source.file}:${p.source.line}`)).size).toBe(51);
    // §6.2: 免去X同志Y职务 23, 免去X、Y同志 2 people, with 保留…待遇 1, and 5 appointments ending ，免去其…职务.
    expect(personnel.filter((p) => p.action === 'remove')).toHaveLength(31);
  });

  it('should find the 15 TAB tables of §5.3 with their shapes (rows include header rows)', () => {
    const shapes = ofKind('table').map((t) => [
      t.source.file.slice(7, 10),
      t.panel,
      t.rows.length + (t.panel ? 1 : t.header.length > 0 ? 1 : 0),
    ]);
    expect(shapes).toEqual([
      ['000', false, 38],
      ['000', false, 12],
      ['000', false, 15],
      ['000', false, 16],
      ['000', true, 2],
      ['000', true, 2],
      ['000', true, 2],
      ['000', true, 2],
      ['000', false, 7],
      ['000', true, 2],
      ['000', true, 2],
      ['000', false, 7],
      ['001', false, 12],
      ['001', false, 12],
      ['001', false, 20],
    ]);
  });

  it('should find the 130 chronicle events, per file 33/35/17/21/24, with dates in the issue period', () => {
    expect(parsed.map((p) => p.result.records.filter((x) => x.kind === 'event').length)).toEqual([33, 35, 17, 21, 24]);
    const years = parsed.map((p) => [
      ...new Set(p.result.records.flatMap((r) => (r.kind === 'event' ? [r.date!.slice(0, 4)] : []))),
    ]);
    expect(years).toEqual([['2022'], ['2022'], ['2022'], ['2022'], ['2023']]);
  });

  it('should read the multi-day entry 5月11日至12日 (§7.2)', () => {
    expect(ofKind('event').find((e) => e.endDate)).toMatchObject({ date: '2022-05-11', endDate: '2022-05-12' });
  });

  it('should give clauses their paths and responsible departments', () => {
    const clauses = ofKind('clause');
    expect(clauses.filter((c) => c.path.length > 0).length).toBeGreaterThan(1000);
    expect(clauses.find((c) => c.text.includes('（责任单位：区交通局、住建局）'))).toMatchObject({
      path: ['一、', '（一）', '1.'],
      departments: ['区交通运输局', '区住房和城乡建设局'],
    });
  });

  it('should leave at most 0.5 % of non-blank lines as residue', () => {
    const lines = parsed.reduce((n, p) => n + p.result.coverage.lines, 0);
    const residue = parsed.reduce((n, p) => n + p.result.coverage.residue, 0);
    expect(residue / lines).toBeLessThanOrEqual(0.005);
  });

  it('should give every record a unique id of at most 100 safe characters', () => {
    const ids = records.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
  });

  it('should give identical ids for identical bytes, whatever the file name', () => {
    const again = parseGazette(readFileSync(join(dir, files[2]!)), { file: 'elsewhere/copy.txt' });
    expect(again.records.map((r) => r.id)).toEqual(parsed[2]!.result.records.map((r) => r.id));
  });
});
