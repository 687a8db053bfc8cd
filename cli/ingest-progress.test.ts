import { describe, expect, it } from 'vitest';
import type { IssueOutcome } from '../ingest/run-ingest.js';
import { formatSummary } from './ingest-progress.js';

function outcome(file: string, input: IssueOutcome['input'], records: number): IssueOutcome {
  const result = {
    file,
    sha256: file,
    issue: file,
    status: 'indexed' as const,
    relation: 'version' as const,
    note: null,
    records,
    warnings: 0,
    added: records,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    kept: 0,
    writes: 1,
  };
  return { file, sha256: file, status: 'indexed', result, reason: null, input };
}

describe('formatSummary', () => {
  it('should count the inputs of each kind, text and web pages', () => {
    const summary = formatSummary([
      outcome('a.txt', 'text', 5),
      outcome('b.html', 'html', 3),
      outcome('c.html', 'html', 4),
    ]);
    expect(summary).toContain('by input: text 1 file (5 records), html 2 files (7 records)');
  });
});
