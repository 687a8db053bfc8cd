import { describe, expect, it } from 'vitest';
import { numeralToInt } from './chinese-numerals.js';
import { matchMarker } from './markers.js';

describe('matchMarker', () => {
  it.each([
    ['第一章 发展基础', 'zhang', 1, '第一章'],
    ['第7章  内外事活动制度', 'zhang', 7, '第7章'],
    ['第六节  ', 'jie', 6, '第六节'],
    ['第四十九条  本规则自发布之日起施行', 'tiao', 49, '第四十九条'],
    ['    一、工作目标', 'cnDun', 1, '一、'],
    ['（二十二）区人民法院', 'cnParen', 22, '（二十二）'],
    ['(四) 推进气象', 'cnParen', 4, '(四)'],
    ['1．主要督查对象：', 'arDot', 1, '1．'],
    ['1. 气候变化背景下', 'arDot', 1, '1.'],
    ['1.2022年新造渔船', 'arDot', 1, '1.'],
    ['5、 职责分工', 'arDun', 5, '5、'],
    ['（2） 群租房领域', 'arParen', 2, '（2）'],
  ])('should read %s', (line, style, n, text) => {
    expect(matchMarker(line)).toMatchObject({ style, n, text });
  });

  it('should not take decimals, labels or ordinary words for markers', () => {
    for (const line of ['86.44', '第一阶段：摸底排查', '第三方机构', '十四五期间', '2022年3月', '一是加强']) {
      expect(matchMarker(line), line).toBeNull();
    }
  });

  it('should say where the clause text starts', () => {
    const line = '（2） 时间节点。';
    expect(line.slice(matchMarker(line)!.contentStart)).toBe('时间节点。');
  });
});

describe('numeralToInt', () => {
  it('should read Chinese numerals', () => {
    expect([
      numeralToInt('十'),
      numeralToInt('十一'),
      numeralToInt('二十二'),
      numeralToInt('四十九'),
      numeralToInt('一百零五'),
      numeralToInt('12'),
    ]).toEqual([10, 11, 22, 49, 105, 12]);
    expect(numeralToInt('章')).toBeNaN();
  });
});
