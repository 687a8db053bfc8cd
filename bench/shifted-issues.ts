import { corpusIssues } from './repeat-corpus.js';

/**
 * `count` distinct gazette issues made from the corpus: copy k of each issue has every year
 * from 2000 to 2099 moved k years later (modulo 100, in the century 2000 + 100 × ⌊k / 100⌋, so
 * that copies 100 apart differ too), so its chronicle period, and with it its issue id and every
 * record id, differs from every other copy's.
 */
export function shiftedIssues(count: number): Array<{ name: string; bytes: Buffer }> {
  const corpus = corpusIssues().map((bytes) => bytes.toString('utf8'));
  const issues: Array<{ name: string; bytes: Buffer }> = [];
  for (let k = 0; issues.length < count; k++) {
    for (const [i, text] of corpus.entries()) {
      if (issues.length === count) break;
      const shifted = text.replace(/(?<!\d)20(\d\d)(?!\d)/g, (_, yy: string) =>
        String(2000 + 100 * Math.floor(k / 100) + ((Number(yy) + k) % 100)),
      );
      issues.push({ name: `issue-${String(k).padStart(3, '0')}-${i}.txt`, bytes: Buffer.from(shifted) });
    }
  }
  return issues;
}
