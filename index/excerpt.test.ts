import { describe, expect, it } from 'vitest';
import { CROP_CHARACTERS, cropAround, markWords } from './excerpt.js';
import { MATCH_END as E, MATCH_START as S } from './highlight.js';

describe('cropAround', () => {
  it('should cut a long text to the place where most of the words are printed, marking them', () => {
    const text = `${'无关的文字。'.repeat(100)}燃气企业排查整治老旧小区燃气管道。${'其他内容。'.repeat(100)}老旧小区`;
    const crop = cropAround(text, ['老旧小区', '燃气']);
    expect(crop.startsWith('…')).toBe(true);
    expect(crop.endsWith('…')).toBe(true);
    expect(crop).toContain(`${S}燃气${E}企业排查整治${S}老旧小区${E}${S}燃气${E}管道`);
    expect(crop.replace(/[\uE000\uE001…]/g, '').length).toBeLessThanOrEqual(CROP_CHARACTERS);
  });

  it('should give the start of the text, unmarked, when no word is printed in it', () => {
    expect(cropAround('短文本', ['燃气'])).toBe('短文本');
    expect(cropAround('长'.repeat(400), [])).toBe(`${'长'.repeat(CROP_CHARACTERS)}…`);
  });

  it('should mark the longest word where two overlap, and find simplified words in traditional text', () => {
    expect(markWords('区住房和城乡建设局', ['住房', '区住房和城乡建设局'])).toBe(`${S}区住房和城乡建设局${E}`);
    expect(markWords('關於安全生產的通知', ['安全生产'])).toBe(`關於${S}安全生產${E}的通知`);
    expect(markWords('无关', ['燃气'])).toBeNull();
  });

  it('should take words with characters that mean something in a pattern as text', () => {
    expect(markWords('第(一)条 a+b', ['(一)', 'a+b'])).toBe(`第${S}(一)${E}条 ${S}a+b${E}`);
  });
});
