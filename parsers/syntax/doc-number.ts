import { halfWidthDigits } from './chinese-numerals.js';
import { isHighSurrogate, isLowSurrogate } from './exec-all.js';

/** A document number (文号), e.g. 海政办发〔2022〕14号, or a decree number such as 国务院令第707号. */
export interface DocNumber {
  /** Issuing-agency code before the year: 海政办发; for decrees the body ending in 令: 国务院令. */
  prefix: string;
  /** Year in the brackets; null for decree numbers, which have none. */
  year: number | null;
  seq: number;
  /** Normalised spelling: 〔〕 brackets, half-width digits, no spaces. */
  text: string;
}

const OPEN = '〔﹝\\[［（(【';
const CLOSE = '〕﹞\\]］）)】';
const HAN = '\\p{Script=Han}';

const LINE = new RegExp(`^(${HAN}{1,12})\\s*[${OPEN}]\\s*(\\d{4})\\s*[${CLOSE}]\\s*第?\\s*(\\d{1,4})\\s*号$`, 'u');
const DECREE_LINE = new RegExp(`^(${HAN}{1,24}令)\\s*第\\s*(\\d{1,4})\\s*号$`, 'u');
const QUERY = new RegExp(
  `^(${HAN}{1,12}?)\\s*[${OPEN}]?\\s*(\\d{4})\\s*年?\\s*[${CLOSE}]?\\s*第?\\s*(\\d{1,4})\\s*号?$`,
  'u',
);
const DECREE_QUERY = new RegExp(`^(${HAN}{1,24}令)\\s*第?\\s*(\\d{1,4})\\s*号?$`, 'u');
const CITE = new RegExp(
  `(${HAN}{1,16})\\s*[${OPEN}]\\s*(\\d{4})\\s*[${CLOSE}]\\s*第?(\\d{1,4})号|(${HAN}{2,24}令)第(\\d{1,4})号|(?<=》)[（(]\\s*(\\d{4})\\s*[${CLOSE}]\\s*第?(\\d{1,4})号`,
  'gu',
);
/** A year in closing brackets or a decree's 令第: a cheap test before the full search. */
const MAY_CITE = /[\d０-９][〕﹞\]］）)】]|令第/u;
/**
 * What every citation holds at a fixed distance from its start: the bracketed year, or 令第.
 * CITE's runs of Han characters make it slow to try at every index, so the search starts just
 * before the next anchor instead (see citationsIn).
 */
const ANCHOR = new RegExp(`[${OPEN}]\\s*\\d{4}\\s*[${CLOSE}]|令第`, 'gu');
/** Code units a citation may start before its anchor: 24 Han characters, each perhaps two units. */
const MAX_LEAD = 48;
const WHITESPACE = /\s/u;
/** Words that end a sentence fragment and start a citation: stripped from the front of a prefix. */
const LEADING_WORDS =
  /^(?:严格按照|按照|参照|根据|依据|依照|对照|执行|印发|转发|详见|参见|见|据|按|经|即|和|与|及|或|并|的|由|在|是|为|以|[年月日号])+/u;

/**
 * Formats a document number in its normal spelling: 海政办发〔2022〕14号; a decree (its prefix
 * ends in 令) keeps its 第: 国务院令第707号, 河北省人民政府令〔2023〕第3号.
 */
export function formatDocNumber(prefix: string, year: number | null, seq: number): string {
  const di = isDecree(prefix) ? '第' : '';
  return year === null ? `${prefix}第${seq}号` : `${prefix}〔${year}〕${di}${seq}号`;
}

function isDecree(prefix: string): boolean {
  return prefix.endsWith('令');
}

function make(prefix: string, year: number | null, seq: number): DocNumber {
  const clean = year === null || isDecree(prefix) ? decreePrefix(prefix) : prefix;
  return { prefix: clean, year, seq, text: formatDocNumber(clean, year, seq) };
}

/**
 * 中华人民共和国国务院令 → 国务院令, 原中华人民共和国国家发展计划委员会令 → 国家发展计划委员会令: the
 * state name, and the 原 of a body that no longer exists, are not part of a decree's number.
 */
function decreePrefix(prefix: string): string {
  return prefix.replace(/^原?中华人民共和国|^原(?=\p{Script=Han}{3})/u, '');
}

/**
 * Reads a line that holds nothing but a document number, with any of the brackets
 * 〔〕 ﹝﹞ [] ［］ （） () 【】, or a decree number such as `省政府令第232号`.
 * @param text the line with surrounding whitespace removed
 * @returns the number, or null when the line is something else
 */
export function parseDocNumberLine(text: string): DocNumber | null {
  if (text.length > 40 || !text.endsWith('号')) return null;
  const normal = halfWidthDigits(text);
  const m = LINE.exec(normal);
  if (m) return make(m[1]!, Number(m[2]), Number(m[3]));
  const d = DECREE_LINE.exec(normal);
  if (d) return make(d[1]!, null, Number(d[2]));
  return null;
}

/**
 * Reads a document number typed any way a user has seen it written: any brackets or none,
 * `海政办发2022年14号`, `海政办发 2022 14`, full-width digits, decree numbers.
 * @returns the number, or null when the query is not a document number
 */
export function parseDocNumberQuery(query: string): DocNumber | null {
  const normal = halfWidthDigits(query.normalize('NFKC')).trim();
  if (normal.length > 48) return null;
  const m = QUERY.exec(normal);
  if (m) return make(m[1]!, Number(m[2]), Number(m[3]));
  const d = DECREE_QUERY.exec(normal);
  if (d) return make(d[1]!, null, Number(d[2]));
  return null;
}

/**
 * A cheap test: false when the text surely cites no document number, so that
 * {@link findCitedDocNumbers} would find none in it or in any part of it.
 */
export function mayCiteDocNumber(text: string): boolean {
  return text.includes('号') && MAY_CITE.test(text);
}

/** A document number cited inside running text, with where it was found. */
export interface CitedDocNumber {
  docNumber: DocNumber;
  /** UTF-16 index of the citation in the searched text, and its length. */
  index: number;
  length: number;
}

/**
 * Finds every document number cited in a text: `《…》（苏政发〔2021〕87号）`, bare
 * `参照海政办发〔2021〕20号`, `﹝﹞` brackets, decree numbers `国务院令第142号`.
 * The issuing-agency code is the run of Han characters before the bracket, with leading
 * connecting words (参照, 按照, 根据 …) removed.
 */
export function findCitedDocNumbers(text: string): CitedDocNumber[] {
  if (!mayCiteDocNumber(text)) return [];
  const found: CitedDocNumber[] = [];
  const normal = halfWidthDigits(text);
  for (const m of citationsIn(normal)) {
    if (m[6]) {
      // 《…的请示》（2024〕5号）: a number whose agency code the source lost, right after a title.
      found.push({ docNumber: make('', Number(m[6]), Number(m[7])), index: m.index, length: m[0].length });
      continue;
    }
    const raw = m[1] ?? m[4]!;
    const prefix = raw.replace(LEADING_WORDS, '');
    if (prefix.length === 0) continue;
    // A long run is a sentence glued to the code (市长办公会议纪要〔2016〕40号): keep its tail.
    const kept = m[1] && prefix.length > 10 ? prefix.slice(-8) : prefix;
    const skipped = raw.length - kept.length;
    const docNumber = m[1] ? make(kept, Number(m[2]), Number(m[3])) : make(kept, null, Number(m[5]));
    found.push({ docNumber, index: m.index + skipped, length: m[0].length - skipped });
  }
  return found;
}

/**
 * The matches of CITE in `text`, exactly as `text.matchAll(CITE)` gives them. A citation is a
 * run of at most 24 Han characters (or 16 and spaces) ending at its anchor, so none can start
 * further than MAX_LEAD units (and the spaces) before the first anchor at or after the search
 * position: each search starts there.
 */
function citationsIn(text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  let from = 0;
  for (;;) {
    ANCHOR.lastIndex = from;
    const anchor = ANCHOR.exec(text);
    if (!anchor) break;
    let start = anchor.index;
    while (start > from && WHITESPACE.test(text[start - 1]!)) start--;
    start = Math.max(from, start - MAX_LEAD);
    // Never between the halves of a surrogate pair.
    if (start > from && isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))) start--;
    CITE.lastIndex = start;
    const m = CITE.exec(text);
    if (!m) break;
    matches.push(m);
    from = CITE.lastIndex;
  }
  return matches;
}

/** 人民政府 → 政府, no state name: so 江西省人民政府令 and 省政府令 compare equal by suffix. */
function comparablePrefix(prefix: string): string {
  return decreePrefix(prefix).replace(/人民政府/gu, '政府');
}

/**
 * Whether two numbers name the same document. Decree numbers match when one issuer is a
 * shortened form of the other (省政府令第232号 = 江西省人民政府令第232号).
 */
export function sameDocNumber(a: DocNumber, b: DocNumber): boolean {
  if (a.seq !== b.seq || a.year !== b.year) return false;
  if (a.prefix === b.prefix) return true;
  if (a.year !== null) return false;
  const pa = comparablePrefix(a.prefix);
  const pb = comparablePrefix(b.prefix);
  return pa.endsWith(pb) || pb.endsWith(pa);
}
