import { describe, expect, it } from 'vitest';
import { parseDateLine } from './dates.js';

describe('parseDateLine', () => {
  it('should read arabic, spaced, full-width and Chinese-numeral dates', () => {
    expect(parseDateLine('2022年3月15日')).toBe('2022-03-15');
    expect(parseDateLine('2022 年12 月 1日')).toBe('2022-12-01');
    expect(parseDateLine('２０２２年３月１５日')).toBe('2022-03-15');
    expect(parseDateLine('一九八一年五月二十三日')).toBe('1981-05-23');
    expect(parseDateLine('二〇〇六年十二月三十日')).toBe('2006-12-30');
  });

  it('should refuse impossible dates and sentences', () => {
    expect(parseDateLine('2022年2月30日')).toBeNull();
    expect(parseDateLine('2022年5月15底')).toBeNull();
    expect(parseDateLine('自2022年3月15日起施行')).toBeNull();
  });
});
