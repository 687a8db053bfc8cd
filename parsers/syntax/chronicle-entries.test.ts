import { describe, expect, it } from 'vitest';
import { findEntries } from './chronicle-entries.js';

const starts = (texts: string[]) => findEntries(texts).map((heads) => heads.map((h) => h.start));

describe('findEntries', () => {
  it('should start entries mid-line only after a sentence end', () => {
    const line = '1990年1月5日 县委召开全会。会议于1月7日闭幕。2月 全县开展植树活动。';
    expect(starts([line])).toEqual([[0, line.indexOf('2月')]]);
  });

  it('should take a date with a comma after it for a follow-up where the heads have none, and the other way round', () => {
    const bare = '3月1日 新区成立。3月9日，召开成立大会。4月2日 开发区揭牌。';
    expect(starts([bare])).toEqual([[0, bare.indexOf('4月2日')]]);
    const marked = '3月1日，新区成立。3月9日 成立大会召开。4月2日，开发区揭牌。';
    expect(starts([marked])).toEqual([[0, marked.indexOf('4月2日')]]);
  });

  it('should take a date restating the running year for a follow-up, and one with a later year for an entry', () => {
    const line =
      '1990年5月4日 全县表彰大会召开。1990年5月6日《日报》报道此事。6月2日 新桥通车。8月9日 新校开学。1991年1月3日 新县城动工。';
    expect(starts([line])).toEqual([[0, line.indexOf('6月2日'), line.indexOf('8月9日'), line.indexOf('1991年')]]);
  });

  it('should accept same-year dates where the chronicle prints the year in its heads', () => {
    const line = '1990年5月4日，全县表彰大会召开。1990年5月6日，新桥通车。1990年6月1日，新校开学。';
    expect(starts([line])).toEqual([[0, line.indexOf('1990年5月6日'), line.indexOf('1990年6月1日')]]);
  });

  it('should take no unbulleted date mid-line for an entry in a bulleted chronicle, but a bullet', () => {
    const texts = ['·3月2日，县委召开会议。3月5日，会议闭幕。', '·3月8日，县政府召开会议。·3月9日，新区挂牌。'];
    expect(findEntries(texts).map((heads) => heads.length)).toEqual([1, 2]);
  });

  it('should leave a line that starts with no head as a continuation', () => {
    expect(findEntries(['5月1日 大桥开工。总长', '1200米。6月3日 新区挂牌。']).map((h) => h.length)).toEqual([1, 1]);
  });
});
