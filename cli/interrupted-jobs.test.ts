import { describe, expect, it } from 'vitest';
import type { IngestResult } from '../ingest/processor.js';
import type { IssueOutcome } from '../ingest/run-ingest.js';
import { formatSummary } from './ingest-progress.js';
import { type JobState, settleInterrupted } from './interrupted-jobs.js';

const QUEUED = 'interrupted: its job stays queued, and the next `gazette worker` or `gazette ingest` finishes it';
const result = (file: string, records: number) =>
  ({
    file,
    sha256: `sha-${file}`,
    issue: `issue-${file}`,
    status: 'indexed',
    note: null,
    records,
    warnings: 0,
    added: records,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    kept: 0,
    writes: 1,
  }) as unknown as IngestResult;

/** What runIngest returns after SIGINT: one issue seen finished, three it stopped waiting for. */
const outcomes: IssueOutcome[] = [
  { file: 'a.txt', sha256: 'sha-a.txt', status: 'indexed', result: result('a.txt', 10), reason: null },
  { file: 'b.txt', sha256: 'sha-b.txt', status: 'failed', result: null, reason: QUEUED },
  { file: 'c.txt', sha256: 'sha-c.txt', status: 'failed', result: null, reason: QUEUED },
  { file: 'd.txt', sha256: 'sha-d.txt', status: 'failed', result: null, reason: QUEUED },
  { file: 'e.txt', sha256: 'sha-e.txt', status: 'failed', result: null, reason: 'bad input: empty file' },
];
const jobs: Record<string, JobState> = {
  'sha-b.txt': { state: 'completed', result: result('b.txt', 7) },
  'sha-c.txt': { state: 'queued' },
  'sha-d.txt': { state: 'active' },
};

describe('settleInterrupted', () => {
  it('should count a job that finished while the worker closed as indexed, and unfinished ones as interrupted, not failed', async () => {
    const settled = await settleInterrupted(
      outcomes,
      new Set(['sha-a.txt', 'sha-e.txt']),
      async (sha) => jobs[sha] ?? null,
    );
    expect(settled.map((o) => [o.file, o.status])).toEqual([
      ['a.txt', 'indexed'],
      ['b.txt', 'indexed'],
      ['c.txt', 'interrupted'],
      ['d.txt', 'interrupted'],
      ['e.txt', 'failed'],
    ]);
    expect(settled[1]!.result?.records).toBe(7);
    expect(settled[2]!.reason).toBe(QUEUED);
    expect(settled[3]!.reason).toContain('still running on another worker');
    const summary = formatSummary(settled);
    expect(summary).toMatch(/^total +1 failed, 2 interrupted +17 +17 +0 +0 +0$/m);
    expect(summary).toContain(`interrupted: c.txt: ${QUEUED}`);
    expect(summary).toContain('failed: e.txt: bad input: empty file');
    expect(summary).not.toContain('failed: b.txt');
  });

  it('should call unfinished issues interrupted when there is no queue to ask (an in-process run)', async () => {
    const inProcess: IssueOutcome[] = [
      {
        file: 'f.txt',
        sha256: 'sha-f.txt',
        status: 'failed',
        result: null,
        reason: 'interrupted before it was processed',
      },
    ];
    const settled = await settleInterrupted(inProcess, new Set(), null);
    expect(settled).toEqual([{ ...inProcess[0], status: 'interrupted' }]);
    expect(formatSummary(settled)).toMatch(/^total +1 interrupted/m);
  });
});

describe('formatSummary', () => {
  it('should never show a password in a reason', () => {
    const failed: IssueOutcome[] = [
      {
        file: 'g.txt',
        sha256: null,
        status: 'failed',
        result: null,
        reason: 'Redis does not answer at redis://:s3cret@10.0.0.2:6379',
      },
    ];
    const summary = formatSummary(failed);
    expect(summary).not.toContain('s3cret');
    expect(summary).toContain('redis://:***@10.0.0.2:6379');
  });
});
