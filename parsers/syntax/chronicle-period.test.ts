import { describe, expect, it } from 'vitest';
import { periodInHeading, periodShift, readPeriod } from './chronicle-period.js';

describe('readPeriod', () => {
  it('should read ranges of days, of months, of years, a year and a month', () => {
    expect(readPeriod('（2022年3月1日—2022年4月30日）')).toMatchObject({
      startYear: 2022,
      startMonth: 3,
      startDay: 1,
      endMonth: 4,
      endDay: 30,
    });
    expect(readPeriod('2022年11月—12月')).toMatchObject({ startYear: 2022, endYear: 2022, endMonth: 12, endDay: 31 });
    expect(readPeriod('（2022年12月—2月）')).toMatchObject({ startYear: 2022, endYear: 2023, endMonth: 2, endDay: 28 });
    expect(readPeriod('1983—1990年')).toMatchObject({ startYear: 1983, endYear: 1990 });
    expect(readPeriod('1984年')).toMatchObject({ startYear: 1984, startMonth: 1, endMonth: 12, endDay: 31 });
    expect(readPeriod('区委召开会议')).toBeNull();
  });
});

describe('periodInHeading', () => {
  it('should read the period in parentheses, or a year in the heading', () => {
    expect(periodInHeading('大事记（2022年11月1日—2022年12月31日）')).toMatchObject({ startMonth: 11, endMonth: 12 });
    expect(periodInHeading('云岭镇2023年大事记要')).toMatchObject({ startYear: 2023, endYear: 2023 });
    expect(periodInHeading('政务大事记')).toBeNull();
  });
});

describe('periodShift', () => {
  const period = readPeriod('（2022年7月1日—2022年8月31日）')!;

  it('should move a period printed a year off to the year of the documents', () => {
    expect(periodShift(period, ['2023-07-19', '2023-08-02', '2023-06-28'])).toBe(1);
  });

  it('should leave a year-end chronicle in a January issue in its year', () => {
    expect(periodShift(readPeriod('（2022年11月1日—2022年12月31日）')!, ['2023-01-06', '2023-01-12'])).toBe(0);
    expect(periodShift(readPeriod('（2023年11月1日—2023年12月31日）')!, ['2023-01-06', '2023-01-12'])).toBe(-1);
  });

  it('should not move a period with no documents, or with documents in it', () => {
    expect(periodShift(period, [])).toBe(0);
    expect(periodShift(period, ['2022-07-10'])).toBe(0);
  });
});
