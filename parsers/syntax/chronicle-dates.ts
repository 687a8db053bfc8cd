import type { DatePrecision, EntryHead } from './chronicle-heads.js';
import { type Period, tellsYearByMonth, yearFor } from './chronicle-period.js';
import { isoDate } from './dates.js';

/*
 * Dating chronicle entries. The year is the one printed in the entry; else the period's (the
 * range line, the heading, a year line), chosen by month when the period crosses a new year;
 * else the year of the last entry that printed one; else the issue's. 同日 and a bare bullet take
 * the previous entry's date, 是月 its month, 是年 its year.
 */

/** An entry's date as the record gives it. */
export interface EntryDate {
  date: string | null;
  precision: DatePrecision;
  endDate: string | null;
}

/** What dating an entry needs to know about the entries above it, updated as it goes. */
export interface DatingState {
  /** The chronicle's period (checked against the issue's documents), or a year line's. */
  period: Period | null;
  /** The year printed in the last entry that printed one. */
  lastYear: number | null;
  previous: EntryDate | null;
  /** The year most of the issue's documents are signed in: the last resort. */
  issueYear: number | null;
}

/** Where an entry's year came from; `issue` and null are worth a warning. */
export type YearSource = 'printed' | 'period' | 'entry' | 'issue' | null;

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function carriedYear(state: DatingState, month: number | null): { year: number | null; source: YearSource } {
  const { period } = state;
  if (period && month !== null && tellsYearByMonth(period)) return { year: yearFor(period, month), source: 'period' };
  if (state.lastYear !== null) return { year: state.lastYear, source: 'entry' };
  if (period) return { year: period.startYear, source: 'period' };
  return { year: state.issueYear, source: state.issueYear === null ? null : 'issue' };
}

function relativeDate(head: EntryHead, state: DatingState): { date: EntryDate; source: YearSource } {
  const previous = state.previous;
  if (head.relative === 'sameYear') {
    const known = previous?.date ? Number(previous.date.slice(0, 4)) : null;
    const carried = known === null ? carriedYear(state, null) : { year: known, source: 'entry' as const };
    const date = carried.year === null ? null : isoDate(carried.year, 1, 1);
    return { date: { date, precision: 'year', endDate: null }, source: carried.source };
  }
  if (!previous?.date) return { date: { date: null, precision: 'day', endDate: null }, source: null };
  if (head.relative === 'sameMonth' && previous.precision !== 'year') {
    return { date: { date: `${previous.date.slice(0, 7)}-01`, precision: 'month', endDate: null }, source: 'entry' };
  }
  return { date: { date: previous.date, precision: previous.precision, endDate: null }, source: 'entry' };
}

/**
 * Dates one entry and moves the state on to it.
 * @returns the entry's date, precision and end date, and where its year came from
 */
export function dateEntry(head: EntryHead, state: DatingState): EntryDate & { yearSource: YearSource } {
  let result: { date: EntryDate; source: YearSource };
  if (head.relative !== null) result = relativeDate(head, state);
  else {
    const month = head.month!;
    const { year, source } =
      head.year !== null ? { year: head.year, source: 'printed' as const } : carriedYear(state, month);
    if (head.year !== null) state.lastYear = head.year;
    const precision: DatePrecision = head.day === null ? 'month' : 'day';
    const date = year === null ? null : isoDate(year, month, head.day ?? 1);
    let endDate: string | null = null;
    if (year !== null && head.end) {
      const endMonth = head.end.month ?? month;
      const endYear = head.end.year ?? (endMonth < month ? year + 1 : year);
      // A range that ends with a month (至9月底, 3月至5月) runs to that month's last day.
      endDate = isoDate(endYear, endMonth, head.end.day ?? lastDay(endYear, endMonth));
    }
    result = { date: { date, precision, endDate }, source };
  }
  state.previous = result.date;
  return { ...result.date, yearSource: result.source };
}

/** The part of a date that its precision printed, for comparing entries' order. */
export function comparableDate(date: EntryDate): string | null {
  if (!date.date) return null;
  return date.precision === 'day' ? date.date : date.precision === 'month' ? date.date.slice(0, 7) : null;
}
