import { halfWidthDigits, numeralToInt } from './chinese-numerals.js';

/*
 * The head of a chronicle (大事记) entry: an optional bullet, then how the entry is dated —
 * `1983年1月18日`, `3月5日`, `2月1～4日`, `5月11日至12日`, `3月31日至4月8日`, `3月`, `3月上旬`,
 * `是月`, `是年`, `同日` — an optional time of day and what separates the head from the text.
 */

/** How much of an entry's date was printed. */
export type DatePrecision = 'day' | 'month' | 'year';

/**
 * A head that dates the entry by the one before it: 同日/是日 (its day), 是月/同月 (its month),
 * 是年 (its year), or a bare bullet with no date (`▲全市总人口…`), which goes on under it.
 */
export type RelativeDate = 'sameDay' | 'sameMonth' | 'sameYear' | 'previous';

/** The end of a range such as `至12日`, `～4日`, `至4月8日`, `至9月底`. */
export interface RangeEnd {
  year: number | null;
  month: number | null;
  /** null when the end is a month (`至9月底`). */
  day: number | null;
}

/** One entry head found in a text. */
export interface EntryHead {
  /** Index of the head (its bullet, or its date) in the text. */
  start: number;
  /** Index where the entry's own text starts: after the date, time of day and separator. */
  textStart: number;
  bullet: string | null;
  year: number | null;
  /** null for relative heads. */
  month: number | null;
  /** null for a month (`3月`, `3月上旬`) and for relative heads. */
  day: number | null;
  end: RangeEnd | null;
  relative: RelativeDate | null;
  timeOfDay: string | null;
  /**
   * What follows the date: a mark (，、：), spaces, or the text at once (`4月14日东海县…`). It
   * tells a chronicle's own heads from dates that open a sentence inside an entry.
   */
  separator: 'mark' | 'space' | 'none';
}

const D = '[\\d０-９]{1,2}|[一二三四五六七八九十]{1,3}';
const Y = '[\\d０-９]{4}';
const TO = '(?:至|到|[～~—－\\-–])';
const HEAD = new RegExp(
  `(?<bullet>[·•・●▲■◆★◎])?[ \\u3000]*(?:(?:` +
    `(?:(?<year>${Y})[ ]?年[ ]?)?(?<month>${D})[ ]?月(?:` +
    // 3月5日, 2月1～4日, 5月11日至12日, 3月31日至4月8日, 3月1日至9月底
    `(?<day>${D})[ ]?(?<dayMark>日)?(?:${TO}(?:(?<endYear>${Y})年)?(?:(?:(?<endMonth>${D})月)?(?<endDay>${D})日|(?<endMonthOnly>${D})月(?:上旬|中旬|下旬|初|底|末)?))?` +
    // 3月至5月
    `|${TO}(?<toMonth>${D})月` +
    // 3月, 3月上旬, 3月底
    `|(?:上旬|中旬|下旬|初|底|末|份)?` +
    `)` +
    `|(?<relative>同日|是日|是月|同月|是年)` +
    `)(?<timeOfDay>上午|下午|中午|晚上|晚间|傍晚|凌晨|晚)?)?`,
  'uy',
);
const RELATIVE: Record<string, RelativeDate> = {
  同日: 'sameDay',
  是日: 'sameDay',
  是月: 'sameMonth',
  同月: 'sameMonth',
  是年: 'sameYear',
};
/** Words after a date that make it part of a sentence (4月1日起施行, 5月以来, 3月5日前完成). */
const SENTENCE_AFTER =
  /^(?:以来|以后|以前|之前|之后|之间|之际|前后|前|后|起|止|至|到|内|间|期间|的|和|与|及|或|左右|[\d０-９])/u;
const MARK = /^[，,、：:]/u;
const SPACE = /^[ \u3000]+/u;

const BULLETS = new Set(Array.from('·•・●▲■◆★◎', (c) => c.charCodeAt(0)));
/** Characters a date or a relative head (同日, 是月) can start with, besides digits. */
const DATE_FIRST = new Set(Array.from('０１２３４５６７８９一二三四五六七八九十同是', (c) => c.charCodeAt(0)));

/** Whether HEAD can read a bullet or a date at `at`: a bullet there, or a date's first character after spaces. */
function mayStartHead(text: string, at: number): boolean {
  const first = text.charCodeAt(at);
  if (BULLETS.has(first)) return true;
  let i = at;
  while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x3000) i++;
  const c = text.charCodeAt(i);
  return (c >= 0x30 && c <= 0x39) || DATE_FIRST.has(c);
}

function num(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = numeralToInt(halfWidthDigits(text));
  return Number.isNaN(value) ? null : value;
}

function validMonth(month: number | null): boolean {
  return month === null || (month >= 1 && month <= 12);
}

function validDay(day: number | null): boolean {
  return day === null || (day >= 1 && day <= 31);
}

/**
 * Reads an entry head at `at` in `text`: a bullet, a date (or 同日/是月/是年), or both, followed
 * by the entry's text. A date followed by a word that makes it part of a sentence (起, 以来, 前)
 * or by nothing is no head.
 * @returns the head, or null when none starts there
 */
export function readHead(text: string, at: number): EntryHead | null {
  // HEAD matches the empty string anywhere (every part is optional), so exec gives a match and
  // its groups at every line start and sentence start tried. Without a bullet, a head needs a
  // date (a digit, a Chinese numeral, 同, 是) after the padding: told by a character, not a match.
  if (!mayStartHead(text, at)) return null;
  HEAD.lastIndex = at;
  const m = HEAD.exec(text);
  const g = m?.groups;
  if (!m || !g) return null;
  const dated = g.month !== undefined || g.relative !== undefined;
  if (!dated && !g.bullet) return null;
  if (g.day !== undefined && !g.dayMark && g.endDay === undefined && g.endMonthOnly === undefined) return null;
  const month = num(g.month);
  const day = num(g.day);
  const endMonth = num(g.endMonth ?? g.endMonthOnly ?? g.toMonth);
  const endDay = num(g.endDay);
  if (!validMonth(month) || !validMonth(endMonth) || !validDay(day) || !validDay(endDay)) return null;
  let textStart = at + m[0].length;
  const rest = text.slice(textStart, textStart + 4);
  let separator: EntryHead['separator'] = 'none';
  if (MARK.test(rest)) {
    separator = 'mark';
    textStart++;
    if (rest[0] === '、' && /^[\d０-９]/u.test(text.slice(textStart, textStart + 1))) return null; // 3月5日、6日
  } else {
    const space = SPACE.exec(rest);
    if (space) {
      separator = 'space';
      textStart += space[0].length;
    } else if (dated && SENTENCE_AFTER.test(rest)) return null;
  }
  if (textStart >= text.length) return null;
  const hasEnd = g.endDay !== undefined || endMonth !== null;
  return {
    start: at,
    textStart,
    bullet: g.bullet ?? null,
    year: num(g.year),
    month,
    day,
    end: hasEnd ? { year: num(g.endYear), month: endMonth, day: endDay } : null,
    relative: g.relative ? RELATIVE[g.relative]! : dated ? null : 'previous',
    timeOfDay: g.timeOfDay ?? null,
    separator,
  };
}
