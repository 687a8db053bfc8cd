import { chineseYearToInt, halfWidthDigits, numeralToInt } from './chinese-numerals.js';

const ARABIC_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const CHINESE_DATE = /^([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/;

/** A calendar date as `YYYY-MM-DD`, or null when the parts do not make a real date. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!(year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1)) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a line that holds nothing but a date, in arabic (`2022年3月15日`, spaces allowed)
 * or Chinese numerals (`一九八一年五月二十三日`).
 * @param text the line with surrounding whitespace already removed
 * @returns the ISO date, or null when the line is not a date line
 */
export function parseDateLine(text: string): string | null {
  if (text.length < 8 || text.length > 24 || !text.endsWith('日')) return null;
  const normal = halfWidthDigits(text);
  const arabic = ARABIC_DATE.exec(normal);
  if (arabic) return isoDate(Number(arabic[1]), Number(arabic[2]), Number(arabic[3]));
  const chinese = CHINESE_DATE.exec(normal);
  if (chinese) {
    return isoDate(chineseYearToInt(chinese[1]!), numeralToInt(chinese[2]!), numeralToInt(chinese[3]!));
  }
  return null;
}

/** A date written inside running text, arabic or Chinese numerals, as a regex source. */
export const INLINE_DATE_SOURCE =
  '(?:\\d{4}|[〇零○一二三四五六七八九]{4})年(?:\\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\\d{1,2}|[一二三四五六七八九十]{1,3})日';
