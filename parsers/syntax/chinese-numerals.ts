const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  '○': 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Chinese numeral characters, as a regex character class body. */
export const CN_DIGIT_CLASS = '零〇○一二三四五六七八九十百两';

/** The value of each Chinese digit character, by UTF-16 code. */
const DIGIT_VALUES = new Map(Object.entries(DIGITS).map(([ch, value]) => [ch.charCodeAt(0), value]));
const HUNDRED = 0x767e; // 百
const TEN = 0x5341; // 十

/**
 * Converts a Chinese numeral (一, 十一, 二十二, 四十九, 一百零五) or an arabic number to an integer.
 * @returns the value, or NaN when the text is not a numeral
 */
export function numeralToInt(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let digit = -1;
  // By UTF-16 code: every numeral character is one code unit, and a surrogate is no numeral.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === HUNDRED) {
      total += (digit < 0 ? 1 : digit) * 100;
      digit = -1;
    } else if (code === TEN) {
      total += (digit < 0 ? 1 : digit) * 10;
      digit = -1;
    } else {
      const value = DIGIT_VALUES.get(code);
      if (value === undefined) return Number.NaN;
      digit = value;
    }
  }
  return total + Math.max(digit, 0);
}

/** Reads a year written digit by digit in Chinese numerals (一九八一 → 1981). */
export function chineseYearToInt(text: string): number {
  let value = 0;
  for (const ch of text) {
    const d = DIGITS[ch];
    if (d === undefined) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

// A constant rather than a literal in the function (as for the other patterns given to replace
// in hot code): a literal is a new object at every call, and replace runs slower on a new one.
const FULL_WIDTH_DIGIT = /[０-９]/g;

/** Replaces full-width digits (０-９) with ASCII digits. */
export function halfWidthDigits(text: string): string {
  return text.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}
