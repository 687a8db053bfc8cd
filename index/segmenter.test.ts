import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMAIN_WORDS } from './dictionary.js';
import { parseGazette } from '../parsers/index.js';
import { segmentForSearch, segmentForSearchByJieba, segmentQuery, topKeywords } from './segmenter.js';

/** Random strings over a few characters that make overlapping dictionary words, and a comma. */
function crowdedStrings(count: number): string[] {
  const alphabet = Array.from('中华人民共和国国家政府区住房城乡建设局农业村发展改革委员会社会保障工作哈的一是在');
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + next(40) }, () =>
      next(25) === 0 ? '，' : alphabet[next(next(3) === 0 ? 6 : alphabet.length)],
    ).join(''),
  );
}

describe('segmentForSearch', () => {
  it('should keep a department name whole and also give the short words inside it', () => {
    const tokens = segmentForSearch('区农业农村局负责指导');
    expect(tokens).toContain('区农业农村局');
    expect(tokens).toContain('农业');
    expect(tokens).toContain('农村');
  });

  it('should keep the full name of 区住房和城乡建设局 as one token', () => {
    expect(segmentForSearch('由区住房和城乡建设局牵头')).toContain('区住房和城乡建设局');
  });

  it('should keep seed policy terms whole', () => {
    const tokens = segmentForSearch('做好被征地农民社会保障工作');
    expect(tokens).toEqual(expect.arrayContaining(['被征地农民', '社会保障']));
  });

  it('should drop punctuation and lone Han characters, and list each token once', () => {
    const tokens = segmentForSearch('区公安局、区公安局；的');
    expect(tokens.filter((t) => t === '区公安局')).toHaveLength(1);
    expect(tokens).not.toContain('、');
    expect(tokens).not.toContain('的');
  });

  it("should give exactly jieba's own search mode, in its order, for every record of an issue and crowded strings", () => {
    const file = join(import.meta.dirname, '..', 'corpus', '003_903b7e878e88ee69.txt');
    const texts = [
      ...parseGazette(readFileSync(file), { file }).records.map((r) => r.text),
      ...crowdedStrings(3000),
      // Outside the Basic Multilingual Plane (a rare character), Latin words and numbers.
      '𠀀中华人民共和国𠀁国家',
      'PM2.5 区退役军人事务局退役军人 2022年',
    ];
    const differing = texts.filter(
      (t) => JSON.stringify(segmentForSearch(t)) !== JSON.stringify(segmentForSearchByJieba(t)),
    );
    expect(differing).toEqual([]);
    expect(texts.length).toBeGreaterThan(3300);
  });

  it('should segment a query with the same dictionary as the index', () => {
    expect(segmentQuery('区住房和城乡建设局 被征地农民')).toEqual(['区住房和城乡建设局', '被征地农民']);
  });
});

describe('topKeywords', () => {
  it('should rank the domain terms of a provision first', () => {
    expect(topKeywords('被征地农民社会保障资金由区人力资源和社会保障局负责，被征地农民按月领取', 3)).toContain(
      '被征地农民',
    );
  });
});

describe('DOMAIN_WORDS', () => {
  it('should hold department names and aliases of every level, issuers, office titles and seed terms, sorted and unique', () => {
    expect(DOMAIN_WORDS).toEqual(
      expect.arrayContaining([
        '区住房和城乡建设局',
        '住房和城乡建设局',
        '住建',
        '南通市海门区人民政府办公室',
        '副区长',
        '被征地农民',
      ]),
    );
    // No officials' names: no list of people taken from the samples.
    expect(DOMAIN_WORDS).not.toContain('郭晓敏');
    expect([...DOMAIN_WORDS].sort()).toEqual(DOMAIN_WORDS);
    expect(new Set(DOMAIN_WORDS).size).toBe(DOMAIN_WORDS.length);
  });
});

describe('the user dictionary file', () => {
  it('should be written in a private folder and removed, so that a folder at the old fixed path in /tmp is harmless', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'gazette-seg-'));
    // Where older versions wrote it: a predictable name in the shared temp directory.
    const content = DOMAIN_WORDS.map((word) => `${word} 50000 n\n`).join('');
    const planted = `gazette-jieba-${createHash('sha256').update(content).digest('hex').slice(0, 12)}.dict`;
    mkdirSync(join(tmp, planted));
    const script =
      "const m = await import('./index/segmenter.ts'); console.log(JSON.stringify(m.segmentForSearch('由区住房和城乡建设局牵头')));";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, TMPDIR: tmp },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toContain('区住房和城乡建设局');
    // Nothing of ours is left (tsx keeps its cache there).
    expect(readdirSync(tmp).filter((name) => !name.startsWith('tsx-'))).toEqual([planted]);
    rmSync(tmp, { recursive: true, force: true });
  });
});
