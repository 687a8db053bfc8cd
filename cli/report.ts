import type { ParseResult } from '../parsers/index.js';

const KINDS = ['notice', 'clause', 'table', 'personnel', 'event'] as const;

interface Row {
  file: string;
  counts: Record<(typeof KINDS)[number], number>;
  lines: number;
  residue: number;
}

function rowOf(file: string, result: ParseResult): Row {
  const counts = { notice: 0, clause: 0, table: 0, personnel: 0, event: 0 };
  for (const record of result.records) counts[record.kind]++;
  return { file, counts, lines: result.coverage.lines, residue: result.coverage.residue };
}

function pad(text: string | number, width: number, left = false): string {
  const s = String(text);
  return left ? s.padEnd(width) : s.padStart(width);
}

/**
 * The coverage report of `gazette parse --report`: per file and in total, records per kind,
 * non-blank lines and residue lines; then warnings by rule and every residue line.
 */
export function formatReport(results: Array<{ file: string; result: ParseResult }>): string {
  const rows = results.map(({ file, result }) => rowOf(file, result));
  const total: Row = {
    file: 'total',
    counts: { notice: 0, clause: 0, table: 0, personnel: 0, event: 0 },
    lines: 0,
    residue: 0,
  };
  for (const row of rows) {
    for (const kind of KINDS) total.counts[kind] += row.counts[kind];
    total.lines += row.lines;
    total.residue += row.residue;
  }
  const width = Math.max(5, ...rows.map((r) => r.file.length));
  const out: string[] = [];
  out.push(
    [pad('file', width, true), ...KINDS.map((k) => pad(k, 9)), pad('lines', 7), pad('residue', 8), pad('%', 6)].join(
      ' ',
    ),
  );
  for (const row of [...rows, total]) {
    const share = row.lines === 0 ? 0 : (100 * row.residue) / row.lines;
    out.push(
      [
        pad(row.file, width, true),
        ...KINDS.map((k) => pad(row.counts[k], 9)),
        pad(row.lines, 7),
        pad(row.residue, 8),
        pad(share.toFixed(2), 6),
      ].join(' '),
    );
  }
  const rules = new Map<string, number>();
  for (const { result } of results) {
    for (const m of result.messages)
      if (m.ruleId !== 'residue') rules.set(`${m.source}:${m.ruleId}`, (rules.get(`${m.source}:${m.ruleId}`) ?? 0) + 1);
  }
  out.push('', 'warnings by rule:');
  if (rules.size === 0) out.push('  (none)');
  for (const [rule, n] of [...rules].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
    out.push(`  ${pad(n, 5)}  ${rule}`);
  out.push('', 'residue lines:');
  const residue = results.flatMap(({ file, result }) =>
    result.messages.filter((m) => m.ruleId === 'residue').map((m) => `  ${file}:${m.line}:${m.column}: ${m.reason}`),
  );
  out.push(...(residue.length > 0 ? residue : ['  (none)']));
  return `${out.join('\n')}\n`;
}
