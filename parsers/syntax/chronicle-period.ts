import { halfWidthDigits } from './chinese-numerals.js';
import { isoDate } from './dates.js';

/*
 * The period a chronicle covers, as its range line (（2022年3月1日—2022年4月30日）), its heading
 * (2022年大事记, 大事记（2022年11月—12月）) or a year line inside it (1984年) prints it; the year an
 * undated entry takes from it; and the year shift that corrects a misprinted period.
 */

/** A period of whole days, from its first to its last day. */
export interface Period {
  startYear: number;
  startMonth: number;
  startDay: number;
  endYear: number;
  endMonth: number;
  endDay: number;
}

const TO = '\\s*(?:[—－\\-–~～至]+|到)\\s*';
/** （2022年3月1日—2022年4月30日）, 2022年11月—12月, （2023年1月1日至3月31日）. */
const RANGE = new RegExp(
  `^[（(]?\\s*(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月(?:\\s*(\\d{1,2})\\s*日)?${TO}(?:(\\d{4})\\s*年)?\\s*(\\d{1,2})\\s*月(?:\\s*(\\d{1,2})\\s*日)?\\s*[)）]?$`,
  'u',
);
/** 1983—1990年, （1983年—1990年）. */
const YEARS = new RegExp(`^[（(]?\\s*(\\d{4})\\s*年?${TO}(\\d{4})\\s*年\\s*[)）]?$`, 'u');
/** 2022年, 2022年11月, （2022年度）. */
const YEAR = /^[（(]?\s*(\d{4})\s*年(?:度|\s*(\d{1,2})\s*月(?:份)?)?\s*[)）]?$/u;
const IN_PARENTHESES = /[（(]([^（）()]{4,40})[)）]/u;
const YEAR_IN_TEXT = /(\d{4})\s*年(?:度|\s*(\d{1,2})\s*月(?:份)?)?/u;

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function valid(p: Period): Period | null {
  const start = isoDate(p.startYear, p.startMonth, p.startDay);
  const end = isoDate(p.endYear, p.endMonth, p.endDay);
  return start && end && start <= end ? p : null;
}

function monthsOf(year: number, month: number | undefined): Period {
  const [from, to] = month ? [month, month] : [1, 12];
  return { startYear: year, startMonth: from, startDay: 1, endYear: year, endMonth: to, endDay: lastDay(year, to) };
}

/**
 * Reads a line that holds nothing but a period: a range of days or months, of years, a year or
 * a month. A missing start day is the 1st, a missing end day the month's last, a missing end
 * year the start's (or the next when the end month comes earlier).
 */
export function readPeriod(text: string): Period | null {
  const normal = halfWidthDigits(text.trim());
  const range = RANGE.exec(normal);
  if (range) {
    const [startYear, startMonth] = [Number(range[1]), Number(range[2])];
    const endMonth = Number(range[5]);
    const endYear = range[4] ? Number(range[4]) : endMonth < startMonth ? startYear + 1 : startYear;
    const startDay = range[3] ? Number(range[3]) : 1;
    const endDay = range[6] ? Number(range[6]) : lastDay(endYear, endMonth);
    return valid({ startYear, startMonth, startDay, endYear, endMonth, endDay });
  }
  const years = YEARS.exec(normal);
  if (years)
    return valid({
      startYear: Number(years[1]),
      startMonth: 1,
      startDay: 1,
      endYear: Number(years[2]),
      endMonth: 12,
      endDay: 31,
    });
  const year = YEAR.exec(normal);
  return year ? valid(monthsOf(Number(year[1]), year[2] ? Number(year[2]) : undefined)) : null;
}

/**
 * The period a chronicle heading names: in parentheses (大事记（2022年11月—12月）), or a year or
 * month in its words (海门区2022年大事记).
 */
export function periodInHeading(heading: string): Period | null {
  const normal = halfWidthDigits(heading);
  const inside = IN_PARENTHESES.exec(normal);
  const printed = inside ? readPeriod(inside[1]!) : null;
  if (printed) return printed;
  const year = YEAR_IN_TEXT.exec(normal);
  return year ? valid(monthsOf(Number(year[1]), year[2] ? Number(year[2]) : undefined)) : null;
}

/** Whether a period is short enough (a year at most) for a month alone to tell its year. */
export function tellsYearByMonth(p: Period): boolean {
  const months = (p.endYear - p.startYear) * 12 + p.endMonth - p.startMonth;
  return months < 12;
}

/** The year of a month in a period of a year at most: the end's when it crosses into the next year and the month is before the start month. */
export function yearFor(p: Period, month: number): number {
  return p.startYear !== p.endYear && month < p.startMonth ? p.endYear : p.startYear;
}

/** The period's first and last days as `YYYY-MM-DD`. */
export function periodDates(p: Period): { start: string; end: string } {
  return { start: isoDate(p.startYear, p.startMonth, p.startDay)!, end: isoDate(p.endYear, p.endMonth, p.endDay)! };
}

/** The period moved by whole years (29 February becomes the 28th when needed). */
export function shiftPeriod(p: Period, years: number): Period {
  const startYear = p.startYear + years;
  const endYear = p.endYear + years;
  return {
    startYear,
    startMonth: p.startMonth,
    startDay: Math.min(p.startDay, lastDay(startYear, p.startMonth)),
    endYear,
    endMonth: p.endMonth,
    endDay: Math.min(p.endDay, lastDay(endYear, p.endMonth)),
  };
}

const DAY = 86_400_000;

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
}

/**
 * The year shift (-1, 0 or +1) that puts a printed period closest to the dates the issue's
 * documents are signed on, preferring none: a period printed a year off (2022 for a 2023 issue)
 * is moved, while a year-end chronicle in a January issue (11月–12月 of the year before) stays.
 * @param dates signature dates (`YYYY-MM-DD`) of the documents
 * @returns 0 when there are no dates or no shift brings the period closer to them
 */
export function periodShift(p: Period, dates: readonly string[]): number {
  // The day numbers of the dates and of each shifted period's ends are read once, not once per
  // date and shift: an issue has hundreds of documents.
  const days = dates.map(dayNumber);
  const cost = (years: number): number => {
    if (days.length === 0) return 0;
    const { start, end } = periodDates(shiftPeriod(p, years));
    const first = dayNumber(start);
    const last = dayNumber(end);
    let sum = 0;
    // Days from each date to the nearest day of the period: 0 inside it.
    for (const d of days) sum += Math.max(0, first - d, d - last);
    return sum;
  };
  let best = 0;
  let bestCost = cost(0);
  for (const years of [-1, 1]) {
    const c = cost(years);
    if (c < bestCost) [best, bestCost] = [years, c];
  }
  return best;
}
