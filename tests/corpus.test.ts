import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGazette } from '../parsers/index.js';

const dir = join(import.meta.dirname, '..', 'corpus');
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const results = files.map((f) => parseGazette(readFileSync(join(dir, f)), { file: `corpus/${f}` }));
const records = results.flatMap((r) => r.records);
const ofKind = <K extends string>(kind: K) => records.filter((r) => r.kind === kind);

describe('the whole corpus', () => {
  it('should raise no fatal diagnostic', () => {
    expect(results.flatMap((r) => r.messages.filter((m) => m.fatal))).toEqual([]);
  });

  it('should find the 71 notices of §2.10, per file 13/13/13/22/10', () => {
    expect(results.map((r) => r.records.filter((x) => x.kind === 'notice').length)).toEqual([13, 13, 13, 22, 10]);
  });

  it('should find all 60 personnel actions', () => {
    expect(ofKind('personnel')).toHaveLength(60);
  });

  it('should find the 15 TAB tables, 6 of them panels', () => {
    const tables = ofKind('table');
    expect(tables).toHaveLength(15);
    expect(tables.filter((t) => t.kind === 'table' && t.panel)).toHaveLength(6);
  });

  it('should find the 130 chronicle events, per file 33/35/17/21/24', () => {
    expect(results.map((r) => r.records.filter((x) => x.kind === 'event').length)).toEqual([33, 35, 17, 21, 24]);
  });

  it('should leave at most 0.5 % of non-blank lines as residue', () => {
    const lines = results.reduce((n, r) => n + r.coverage.lines, 0);
    const residue = results.reduce((n, r) => n + r.coverage.residue, 0);
    expect(residue / lines).toBeLessThanOrEqual(0.005);
  });

  it('should give every record a unique id of at most 100 safe characters', () => {
    const ids = records.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
  });
});
