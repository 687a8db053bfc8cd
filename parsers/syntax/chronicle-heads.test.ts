import { describe, expect, it } from 'vitest';
import { readHead } from './chronicle-heads.js';

describe('readHead', () => {
  it('should read a bulleted day with its time of day and the mark after it', () => {
    expect(readHead('·4月2日晚，区委召开会议', 0)).toMatchObject({
      bullet: '·',
      month: 4,
      day: 2,
      timeOfDay: '晚',
      separator: 'mark',
      textStart: 7,
    });
  });

  it('should read ranges of days and of months', () => {
    expect(readHead('5月11日至12日，市领导来调研', 0)?.end).toEqual({ year: null, month: null, day: 12 });
    expect(readHead('2月1～4日 市人大召开会议', 0)).toMatchObject({ day: 1, end: { day: 4 }, separator: 'space' });
    expect(readHead('3月31日至4月8日政协会议召开', 0)).toMatchObject({ end: { month: 4, day: 8 }, separator: 'none' });
    expect(readHead('3月至5月，开展专项整治', 0)).toMatchObject({ month: 3, day: null, end: { month: 5, day: null } });
  });

  it('should read a year, a month, a part of a month and the relative heads', () => {
    expect(readHead('1983年1月18日国务院批复', 0)).toMatchObject({ year: 1983, month: 1, day: 18 });
    expect(readHead('3月上旬 全市植树活动启动', 0)).toMatchObject({ month: 3, day: null });
    expect(readHead('是年《文学》创刊', 0)).toMatchObject({ relative: 'sameYear' });
    expect(readHead('同日，服务中心揭牌', 0)).toMatchObject({ relative: 'sameDay' });
    expect(readHead('▲全市总人口186万人', 0)).toMatchObject({ bullet: '▲', relative: 'previous' });
  });

  it('should not read dates that a sentence goes on from as heads', () => {
    for (const text of ['4月1日起施行', '5月以来，全区', '3月5日、6日，连续降雨', '2022年3月15日', '3月5日前完成'])
      expect(readHead(text, 0), text).toBeNull();
  });
});
