import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { type GazetteRecord, parseGazette } from '../parsers/index.js';

const corpusFile = join(import.meta.dirname, '..', 'corpus', '004_1631c348b983163c.txt');
const original = readFileSync(corpusFile);
const reference = parseGazette(original, { file: 'issue.txt' });

/** Records without the fields that legitimately depend on the bytes (hash, columns after a BOM). */
function comparable(records: GazetteRecord[]): unknown[] {
  return records.map(({ source, ...rest }) => ({ ...rest, line: source.line, endLine: source.endLine }));
}

describe('input encodings and line breaks', () => {
  it('should give the same records, ids included, for the issue in GB18030', () => {
    const result = parseGazette(iconv.encode(original.toString('utf8'), 'gb18030'), { file: 'issue.txt' });
    expect(result.encoding).toBe('gb18030');
    expect(comparable(result.records)).toEqual(comparable(reference.records));
  });

  it('should give the same records for the issue in UTF-16 with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original.toString('utf8'), 'utf16le')]);
    expect(comparable(parseGazette(bytes, { file: 'issue.txt' }).records)).toEqual(comparable(reference.records));
  });

  it('should give the same records and line numbers with CRLF and with CR line breaks', () => {
    const text = original.toString('utf8');
    for (const eol of ['\r\n', '\r']) {
      const result = parseGazette(Buffer.from(text.replaceAll('\n', eol)), { file: 'issue.txt' });
      expect(
        comparable(result.records).map((r) => JSON.stringify(r).replaceAll(eol === '\r\n' ? '\\r\\n' : '\\r', '\\n')),
      ).toEqual(comparable(reference.records).map((r) => JSON.stringify(r)));
    }
  });

  it('should report an empty file with a diagnostic and give no records', () => {
    const result = parseGazette(Buffer.alloc(0), { file: 'empty.txt' });
    expect(result.records).toEqual([]);
    expect(result.messages.map((m) => [m.ruleId, m.line, m.reason])).toEqual([
      ['empty-file', 1, 'Empty file: expected gazette text, found nothing'],
    ]);
  });

  it('should report a file of blank lines the same way', () => {
    const result = parseGazette(Buffer.from(' \n\n\u3000\n'), { file: 'blank.txt' });
    expect(result.records).toEqual([]);
    expect(result.messages.map((m) => m.ruleId)).toEqual(['empty-file']);
  });
});

describe('gazette parse on bad input', () => {
  const cli = join(import.meta.dirname, '..', 'cli', 'main.ts');
  const dir = mkdtempSync(join(tmpdir(), 'gazette-bad-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const binary = join(dir, 'scan.pdf');
  writeFileSync(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8' });

  it('should name the file and byte offset, exit 1, and still parse the other files', () => {
    const result = run('parse', binary, corpusFile);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${binary}: error: cannot parse: cannot decode at byte offset 4: NUL byte`);
    const kinds = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).kind);
    expect(kinds.filter((k) => k === 'notice')).toHaveLength(10);
  });
});
