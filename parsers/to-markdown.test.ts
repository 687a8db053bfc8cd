import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGazette } from './index.js';
import { toMarkdown } from './to-markdown.js';

const corpus = join(import.meta.dirname, '..', 'corpus');

describe('toMarkdown', () => {
  const docs = toMarkdown(parseGazette(readFileSync(join(corpus, '001_2722b5f0afb84519.txt')), { file: 'x' }).tree);

  it('should render every notice, then the chronicle', () => {
    expect(docs).toHaveLength(14);
    expect(docs.map((d) => d.name).at(-1)).toBe('大事记');
  });

  it('should nest clauses as lists under their parents', () => {
    const md = docs.find((d) => d.name === '海政办发〔2022〕4号')!.markdown;
    expect(md).toContain('\n- 一、总体要求\n');
    expect(md).toContain('\n  - （一）打造互联互通的江海门户，以区位优势集聚人口\n');
    expect(md).toContain('\n    - 1.加快对外交通路网建设。');
  });

  it('should render tables as GFM tables with the header row', () => {
    const md = docs.find((d) => d.name === '海政办发〔2022〕1号')!.markdown;
    expect(md).toContain('## 附件 “十四五”期间海门企业上市和新三板挂牌任务分解表');
    expect(md).toMatch(/\n\| 序号 +\| 区镇 +\| 新增上市企业数\/十四五期间 +\|/u);
    expect(md).toMatch(/\n\| 全区合计 \| 20 +\| 3 +\|/u);
  });

  it('should escape text that would read as Markdown syntax', () => {
    const md = docs.find((d) => d.name === '海政办发〔2022〕6号')!.markdown;
    expect(md).not.toMatch(/^1\. 气候变化/mu);
  });
});
