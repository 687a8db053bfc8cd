import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGazette, parseGazetteStreaming } from './index.js';

const corpus = join(import.meta.dirname, '..', 'corpus');
const issue = '000_4ccff14b38c8260a.txt';

describe('parseGazetteStreaming', () => {
  const bytes = readFileSync(join(corpus, issue));
  const whole = parseGazette(bytes, { file: issue });
  const batches: Array<Array<{ kind: string; noticeId?: string; id: string }>> = [];
  const streamed = parseGazetteStreaming(bytes, { file: issue }, (records) => batches.push(records));

  it('should give the same records in the same order as parseGazette', () => {
    expect(batches.flat()).toEqual(whole.records);
    expect(streamed.recordCount).toBe(whole.records.length);
  });

  it('should give one notice (with its clauses, tables and actions) or one event per batch', () => {
    expect(batches.length).toBe(whole.records.filter((r) => r.kind === 'notice' || r.kind === 'event').length);
    for (const batch of batches) {
      const [head, ...rest] = batch;
      expect(['notice', 'event']).toContain(head!.kind);
      for (const record of rest) expect(record.noticeId).toBe(head!.id);
    }
  });

  it('should give the same messages and coverage', () => {
    expect(streamed.messages.map(String)).toEqual(whole.messages.map(String));
    expect(streamed.coverage).toEqual(whole.coverage);
    expect(streamed.sha256).toBe(whole.sha256);
  });
});
