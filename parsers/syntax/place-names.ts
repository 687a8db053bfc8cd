import { type Jurisdiction, LEVELS, type Level, NOT_PLACES, PROFILES, profileNamed } from './jurisdiction-data.js';

/** Han characters only: a place name has nothing else. */
const HAN = /^\p{Script=Han}+$/u;
/** The longest unit of a place name looked at (新疆维吾尔自治区 has 8 characters). */
const MAX_UNIT = 12;

/** The level a place name ends with (青山县 → 县, 广西壮族自治区 → 自治区), if any: a name, then its level word. */
export function levelAtEnd(text: string): Level | undefined {
  const level = LEVELS.find((l) => text.length > l.word.length && text.endsWith(l.word));
  return level && !NOT_PLACES.some((word) => text.endsWith(word)) ? level : undefined;
}

/**
 * The place names a text may start with, longest first: runs of units such as 南通市|海门区,
 * each a name of one or more Han characters and a level word. A unit's name never ends with
 * a level word itself, so 江西省市场监督管理局 starts with 江西省 only, not with 江西省市.
 * Areas such as 开发区 and 新区 are not units.
 */
export function placePrefixes(text: string): Array<{ place: string; level: Level }> {
  const found: Array<{ place: string; level: Level }> = [];
  const extend = (start: number): void => {
    for (let end = start + 2; end <= Math.min(text.length, start + MAX_UNIT); end++) {
      const unit = text.slice(start, end);
      const level = levelAtEnd(unit);
      if (!level || !HAN.test(unit) || levelAtEnd(unit.slice(0, -level.word.length))) continue;
      if (!found.some((f) => f.place.length === end)) found.push({ place: text.slice(0, end), level });
      extend(end);
    }
  };
  extend(0);
  return found.sort((a, b) => b.place.length - a.place.length);
}

/**
 * The names a place goes by in its own documents, longest first: the whole name and the units
 * it ends with (南通市海门区 → 南通市海门区, 海门区). A department name that starts with one of
 * them is the place's own department (南通市海门区水利局 → 区水利局).
 */
export function placeSuffixes(name: string): string[] {
  const suffixes = [name];
  for (const { place } of placePrefixes(name)) {
    const rest = name.slice(place.length);
    if (rest && levelAtEnd(rest) && !suffixes.includes(rest)) suffixes.push(rest);
  }
  return suffixes.sort((a, b) => b.length - a.length);
}

const SPACES = /[\s\u3000]+/gu;

/**
 * The jurisdiction a name stands for, as a search parameter or a record gives it: a profile
 * by any of its names (海门, 海门区 → 南通市海门区), else the place with the level its name ends
 * with (青山县 → 县); a name without a level word keeps no level.
 */
export function jurisdictionNamed(name: string): Jurisdiction {
  const text = name.replace(SPACES, '');
  const profile = profileNamed(text) ?? PROFILES.find((p) => p.names.includes(text));
  if (profile) return { name: profile.name, level: profile.level };
  return { name: text, level: levelAtEnd(text)?.prefix ?? null };
}
