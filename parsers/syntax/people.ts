import data from '../data/people.json' with { type: 'json' };
import { execAll } from './exec-all.js';

const SURNAMES = new Set(data.surnames);
const VERB_STARTS = new Set(data.verbStarts);
const EXCLUDED = new Set(data.notParticipants);
const GAZETTEER = new Set(data.gazetteer);
const NOT_NAME_PREFIXES = data.notNamePrefixes;
const ROLES = [...data.roles].sort((a, b) => b.length - a.length);
/**
 * An office title directly followed by a name: 区委书记郭晓敏, 代市长张彤率队. The name is read
 * in a lookahead so that a title inside a longer one (常委 in 常委会主任成伟) does not swallow
 * the next title.
 */
const ROLE_THEN_NAME = new RegExp(`(?:${ROLES.join('|')})(?=(\\p{Script=Han}{2,3}))`, 'gu');

/**
 * The name a candidate of two or three characters holds: a name from the gazetteer; else three
 * characters, or two when the third starts a verb (成伟出席, 王晖在); null unless it starts with
 * a common surname and is not a word such as 关于.
 */
function nameIn(candidate: string): string | null {
  const two = candidate.slice(0, 2);
  if (GAZETTEER.has(candidate)) return candidate;
  if (GAZETTEER.has(two)) return two;
  if (!SURNAMES.has(candidate[0] ?? '') || NOT_NAME_PREFIXES.some((w) => candidate.startsWith(w))) return null;
  return candidate.length === 3 && !VERB_STARTS.has(candidate[2]!) ? candidate : two;
}

/** Names that follow an office title in a text (区委副书记、区长沈旭东 → 沈旭东), and names listed after
 * such a name with 、 (副市长陈冬梅、童剑参加 → 陈冬梅, 童剑). */
export function namesAfterRoles(text: string): string[] {
  const found: string[] = [];
  const add = (name: string | null): void => {
    if (name && !EXCLUDED.has(name) && !found.includes(name)) found.push(name);
  };
  for (const m of execAll(ROLE_THEN_NAME, text)) {
    let at = m.index + m[0].length;
    let name = nameIn(m[1]!);
    add(name);
    // 、 between names: the title covers the people listed after the first one.
    while (name && text[at + name.length] === '、') {
      at += name.length + 1;
      name = nameIn(/^\p{Script=Han}{2,3}/u.exec(text.slice(at, at + 3))?.[0] ?? '');
      add(name);
    }
  }
  return found;
}

/**
 * People named in a text: those after an office title, and known names mentioned bare
 * (`沈旭东主持召开…` after 沈旭东 was seen with his title elsewhere in the issue).
 * @param known names already seen with a title in the same issue
 * @param titled `namesAfterRoles(text)` when the caller has it already (it is taken over)
 */
export function peopleIn(text: string, known: readonly string[], titled: string[] = namesAfterRoles(text)): string[] {
  const found = titled;
  for (const name of known) if (!found.includes(name) && text.includes(name)) found.push(name);
  return found.sort((a, b) => text.indexOf(a) - text.indexOf(b));
}
