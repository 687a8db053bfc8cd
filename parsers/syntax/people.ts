import data from '../data/people.json' with { type: 'json' };

const SURNAMES = new Set(data.surnames);
const VERB_STARTS = new Set(data.verbStarts);
const EXCLUDED = new Set(data.notParticipants);
const ROLES = [...data.roles].sort((a, b) => b.length - a.length);
/** An office title directly followed by a name: 区委书记郭晓敏, 代市长张彤率队. */
const ROLE_THEN_NAME = new RegExp(`(?:${ROLES.join('|')})(\\p{Script=Han}{2,3})`, 'gu');

/**
 * The name at the start of `text`: three characters, or two when the third starts a verb
 * (成伟出席, 王晖在); null unless the first character is a common surname.
 */
function nameAt(text: string): string | null {
  if (!SURNAMES.has(text[0] ?? '')) return null;
  if (text.length >= 3 && !VERB_STARTS.has(text[2]!)) return text.slice(0, 3);
  return text.length >= 2 ? text.slice(0, 2) : null;
}

/** Names that follow an office title in a text (区委副书记、区长沈旭东 → 沈旭东). */
export function namesAfterRoles(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(ROLE_THEN_NAME)) {
    const start = m.index + m[0].length - m[1]!.length;
    const name = nameAt(text.slice(start, start + 3));
    if (name && !EXCLUDED.has(name) && !found.includes(name)) found.push(name);
  }
  return found;
}

/**
 * People named in a text: those after an office title, and known names mentioned bare
 * (`沈旭东主持召开…` after 沈旭东 was seen with his title elsewhere in the issue).
 * @param known names already seen with a title in the same issue
 */
export function peopleIn(text: string, known: readonly string[]): string[] {
  const found = namesAfterRoles(text);
  for (const name of known) if (!found.includes(name) && text.includes(name)) found.push(name);
  return found.sort((a, b) => text.indexOf(a) - text.indexOf(b));
}
