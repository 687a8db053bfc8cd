const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Chinese numeral characters, as a regex character class body. */
export const CN_DIGIT_CLASS = '零〇○一二三四五六七八九十百两';

/**
 * Converts a Chinese numeral (一, 十一, 二十二, 四十九, 一百零五) or an arabic number to an integer.
 * @returns the value, or NaN when the text is not a numeral
 */
export function numeralToInt(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch === '百') {
      total += (digit < 0 ? 1 : digit) * 100;
      digit = -1;
    } else if (ch === '十') {
      total += (digit < 0 ? 1 : digit) * 10;
      digit = -1;
    } else if (ch in DIGITS) {
      digit = DIGITS[ch]!;
    } else {
      return Number.NaN;
    }
  }
  return total + (digit < 0 ? 0 : digit);
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

/** Replaces full-width digits (０-９) with ASCII digits. */
export function halfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}
