import { isStandardName } from './department-names.js';
import { GOVERNMENT_WORDS, type Jurisdiction, PROFILES, type Profile } from './jurisdiction-data.js';
import { placePrefixes } from './place-names.js';

export type { Jurisdiction } from './jurisdiction-data.js';
export { jurisdictionNamed } from './place-names.js';

const SPACES = /[\s\u3000]+/gu;
/** What an issuer may end with besides its name: 办公室, 党组 … */
const ISSUER_TAIL = /(?:办公室|办公厅|党组|党委|机关党委)$/u;
/** An issuer whose department is not a standard one still ends like an organisation. */
const ORGANISATION_END = /(?:局|委|办|厅|中心|办公室|委员会|领导小组)$/u;

/** Profiles' names, longest first, for finding the profile an issuer's name starts with. */
const PROFILE_NAMES: ReadonlyArray<{ name: string; profile: Profile }> = PROFILES.flatMap((profile) =>
  [profile.name, ...profile.names].map((name) => ({ name, profile })),
).sort((a, b) => b.name.length - a.name.length);

/**
 * Profiles' departments by full name, where the name tells the place (中国人民银行海门支行,
 * 科学技术部), not names any government of the level has (区外事办).
 */
const PROFILE_BY_DEPARTMENT = new Map(
  PROFILES.flatMap((profile) =>
    profile.departments
      .filter(
        ({ name }) =>
          profile.level === null || !(name.startsWith(profile.level) || name.includes(`${profile.level}委`)),
      )
      .map(({ name }) => [name, profile] as const),
  ),
);

const PROFILE_BY_PREFIX = new Map(
  PROFILES.flatMap((profile) => Object.keys(profile.docPrefixes).map((prefix) => [prefix, profile] as const)),
);

function ofProfile(profile: Profile): Jurisdiction {
  return { name: profile.name, level: profile.level };
}

/**
 * The jurisdiction of an issuer (or of the issuer that opens a title): the profile whose name
 * it starts with (南通市海门区人民政府办公室 → 南通市海门区, 国务院办公厅 → 中华人民共和国) or
 * whose own department it is (科学技术部 → 中华人民共和国), else
 * by the general rule the place before 人民政府, 政府 or a department, with the level its name
 * ends with (青山县人民政府办公室 → 青山县, 县; 河北省人民政府办公厅 → 河北省, 省; 江西省市场监督管理局
 * → 江西省). Of joint issuers, the first counts.
 * @returns the jurisdiction, or null when no place can be told
 */
export function jurisdictionOfIssuer(issuer: string): Jurisdiction | null {
  const first = issuer.trim().split(/[、\s\u3000]+/u)[0] ?? '';
  const text = first.replace(SPACES, '').replace(/^中共/u, '');
  if (text.length < 2) return null;
  const profile =
    PROFILE_NAMES.find((p) => text.startsWith(p.name))?.profile ??
    PROFILE_BY_DEPARTMENT.get(text.replace(ISSUER_TAIL, ''));
  if (profile) return ofProfile(profile);
  const places = placePrefixes(text);
  const restOf = (place: string): string => text.slice(place.length);
  const found =
    places.find(({ place }) => {
      const rest = restOf(place);
      return (
        GOVERNMENT_WORDS.some((word) => rest.startsWith(word)) ||
        isStandardName(rest) ||
        isStandardName(rest.replace(ISSUER_TAIL, ''))
      );
    }) ?? places.find(({ place }) => ORGANISATION_END.test(restOf(place).replace(ISSUER_TAIL, '')));
  return found ? { name: found.place, level: found.level.prefix } : null;
}

/** The jurisdiction whose profile lists this document-number prefix (海政办发 → 南通市海门区). */
export function jurisdictionOfDocPrefix(prefix: string): Jurisdiction | null {
  const profile = PROFILE_BY_PREFIX.get(prefix);
  return profile ? ofProfile(profile) : null;
}
