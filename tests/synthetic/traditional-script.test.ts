import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'unist';
import { describe, expect, it } from 'vitest';
import { type GazetteRecord, parseGazette } from '../../parsers/index.js';
import { simplifyCharacters } from '../../parsers/simplified-view.js';

/*
 * The county gazette of county-title-shapes.txt in traditional script: converted with
 * opencc-js (cn → tw) into county-title-shapes.tw.txt (UTF-8), and that encoded in Big5 into
 * county-title-shapes.big5.txt. Both must give the notices of the simplified file.
 */
const dir = import.meta.dirname;
const parse = (name: string) => parseGazette(readFileSync(join(dir, name)), { file: 'county.txt' });
const simplified = parse('county-title-shapes.txt');
const traditional = parse('county-title-shapes.tw.txt');
const big5 = parse('county-title-shapes.big5.txt');
const raw = readFileSync(join(dir, 'county-title-shapes.tw.txt'), 'utf8');

/** A record without its text and the sha256 of its bytes: what the script must not change. */
function read(record: GazetteRecord) {
  const {
    text: _text,
    source: { sha256: _sha256, ...source },
    ...rest
  } = record;
  return { ...rest, source };
}

describe('a gazette in traditional script', () => {
  it('should give the records of the simplified edition: ids, numbers, titles, issuers, dates, paths and positions', () => {
    expect(traditional.records.length).toBe(simplified.records.length);
    expect(traditional.records.map(read)).toEqual(simplified.records.map(read));
    expect(traditional.records.filter((r) => r.kind === 'notice').map((r) => [r.docNumber, r.title])).toContainEqual([
      '青政发〔2023〕3号',
      '青山县人民政府批转县发展和改革局关于2023年重点项目安排意见的通知',
    ]);
    expect(traditional.messages.map(String)).toEqual(simplified.messages.map(String));
  });

  it("should give each record's text as printed, which reads as the simplified one character for character", () => {
    const [notice] = traditional.records;
    expect(
      notice!.text.startsWith('青山縣人民政府批轉縣發展和改革局關於2023年重點項目安排意見的通知\n青政發〔2023〕3號'),
    ).toBe(true);
    for (const [k, record] of traditional.records.entries()) {
      expect(simplifyCharacters(record.text)).toBe(simplified.records[k]!.text);
      expect(record.text).not.toBe(simplified.records[k]!.text);
    }
  });

  it("should keep every node's value and position pointing into the raw text", () => {
    let lines = 0;
    const visit = (node: Node & { value?: string; text?: string; tab?: boolean; children?: Node[] }) => {
      if (typeof node.value === 'string' && typeof node.tab === 'boolean') {
        lines++;
        expect(node.value).toBe(raw.slice(node.position!.start.offset, node.position!.end.offset));
        expect(raw.split('\n')[node.position!.start.line - 1]!.slice(node.position!.start.column - 1)).toContain(
          node.value,
        );
      }
      if (node.type === 'title') expect(node.value).toMatch(/縣|關於/u);
      for (const child of node.children ?? []) visit(child);
    };
    visit(traditional.tree);
    expect(lines).toBeGreaterThan(30);
  });

  it('should decode the Big5 copy and parse it the same', () => {
    expect(big5.encoding).toBe('big5');
    expect(traditional.encoding).toBe('utf-8');
    expect(big5.records).toEqual(
      traditional.records.map((r) => ({ ...r, source: { ...r.source, sha256: big5.sha256 } })),
    );
  });
});
