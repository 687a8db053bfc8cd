import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const issue = join('corpus', '004_1631c348b983163c.txt');

function gazette(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'cli', 'main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
}

describe('gazette parse', () => {
  const run = gazette('parse', issue);

  it('should print one JSON record per line on stdout, in source order, and exit 0', () => {
    expect(run.status).toBe(0);
    const records = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records[0]).toMatchObject({
      kind: 'notice',
      docNumber: '海政发〔2023〕9号',
      source: { file: issue, line: 2 },
    });
    const lines = records.map((r) => r.source.line);
    expect(
      lines.filter(
        (l, k) => k > 0 && records[k].kind !== 'notice' && l < lines[k - 1] && records[k - 1].kind !== 'notice',
      ),
    ).toEqual([]);
  });

  it('should print diagnostics on stderr as file:line:column: message (source:rule)', () => {
    expect(run.stderr.trim().split('\n')).toEqual([
      `${issue}:169:1: Unexpected numbering \`（三）\` after \`（2）\`, read as its next sibling (clauses:numbering-typo)`,
      `${issue}:727:1: Unexpected year in the chronicle range \`（2022年7月1日—2022年8月31日）\`: the issue's documents are signed in 2023, so the events are dated 2023 (chronicle:event-year)`,
      `${issue}:749:1: Unexpected date 2023-07-26 after 2023-07-27: chronicle entries are usually in date order (chronicle:event-order)`,
    ]);
  });

  it('should print the coverage report with --report', () => {
    const report = gazette('parse', '--report', '--quiet', issue);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain(
      `${issue}        10       213         0        35        24     396        0   0.00`,
    );
    expect(report.stdout).toContain('      1  clauses:numbering-typo');
    expect(report.stdout).toContain('residue lines:\n  (none)');
  });

  it('should exit 1 and name a missing file', () => {
    const missing = gazette('parse', 'no-such.txt');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('no-such.txt: error: cannot parse: no such file\n');
  });

  it('should exit 2 on wrong usage and show help', () => {
    const wrong = gazette('parse');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("error: missing required argument 'file'");
  });

  it('should describe every command with --help', () => {
    for (const command of ['parse', 'export']) {
      const help = gazette(command, '--help');
      expect(help.status).toBe(0);
      expect(help.stdout).toContain(`Usage: gazette ${command} [options] <file...>`);
    }
  });
});

describe('gazette export', () => {
  it('should write one Markdown copy per notice and one for the chronicle', () => {
    const out = mkdtempSync(join(tmpdir(), 'gazette-md-'));
    const run = gazette('export', '--format', 'markdown', '--out', out, issue);
    expect(run.status).toBe(0);
    const files = readdirSync(join(out, '004_1631c348b983163c')).sort();
    expect(files).toHaveLength(11);
    expect(files[0]).toBe('01-海政发〔2023〕9号.md');
    const md = readFileSync(join(out, '004_1631c348b983163c', files[0]!), 'utf8');
    rmSync(out, { recursive: true, force: true });
    expect(md.startsWith('# 区政府关于授予2022年度海门区区长质量奖的决定\n\n海政发〔2023〕9号\n')).toBe(true);
  });

  it('should refuse an unknown format with exit 2', () => {
    const run = gazette('export', '--format', 'pdf', issue);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("gazette export: unknown format 'pdf', expected 'markdown'\n");
  });
});
