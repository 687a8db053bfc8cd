import type { PersonnelAction } from '../nodes.js';

const HAN = '\\p{Script=Han}';
/** Names joined by 、: 孙晓钧、袁天明. Names have two to four characters. */
const NAMES = `${HAN}{2,4}(?:、${HAN}{2,4})*`;
const REMOVE = new RegExp(`^免去(${NAMES})同志(.+?)(?:职务|职级)((?:[（(][^（）()]*[)）])*)$`, 'u');
const NOT_RETAINED = new RegExp(`^(${NAMES})同志不再担任(.+?)(?:职务)?$`, 'u');
const APPOINT_WITH_TITLE = new RegExp(`^(${NAMES})同志(挂任|兼任|聘任|任命为|任)(.+)$`, 'u');
const APPOINT_BARE = new RegExp(`^(${NAMES})(挂任|兼任|聘任|任命为|任)(.+)$`, 'u');
const PROBATION = /[，,]?\s*[（(]?(试用期[一二三四五六七八九十\d]+(?:年|个月))[)）]?/u;
/** A note in brackets at the end: （挂职，2022年5月起至2022年10月止）, （保留副科职待遇）. */
const TRAILING_NOTE = /[（(]([^（）()]*(?:挂职|待遇|兼|止)[^（）()]*)[)）]$/u;
/** Words a post ends with; a 、 splits two posts only when both sides end in one. */
const POST_END = /(?:长|主任|政委|教导员|经理|助理|书记|委员|科员|员|师|秘书|主席|干事|组长)(?:[（(][^（）()]*[)）])?$/u;

function splitPosts(post: string): string[] {
  const parts = post.split('、');
  if (parts.length < 2 || !parts.every((p) => POST_END.test(p))) return [post];
  return parts;
}

function names(text: string): string[] {
  return text.split('、').map((n) => n.trim()).filter(Boolean);
}

function action(person: string, kind: 'appoint' | 'remove', mode: string | null, post: string, probation: string | null, note: string | null): PersonnelAction {
  return { person, action: kind, mode, post, posts: splitPosts(post), probation, note };
}

/** The appointment half of a statement: the post, a probation clause and a bracketed note. */
function readAppointment(text: string): { post: string; probation: string | null; note: string | null } {
  let post = text;
  let probation: string | null = null;
  const p = PROBATION.exec(post);
  if (p) {
    probation = p[1]!;
    post = post.slice(0, p.index) + post.slice(p.index + p[0].length);
  }
  let note: string | null = null;
  const n = TRAILING_NOTE.exec(post);
  if (n) {
    note = n[1]!;
    post = post.slice(0, n.index);
  }
  return { post: post.trim(), probation, note };
}

/**
 * Reads one statement of a personnel notice into one action per person, verb and post group:
 * `X同志任Y`, `X、Y同志挂任Z`, `X同志任Y，试用期一年，免去其Z职务`, `免去X同志Y职务（…）`,
 * `X同志不再担任Y`, and the bare `X任Y(试用期一年)` of some provinces when `bareNames` is set.
 * @returns the actions, or null when the sentence is not a personnel statement
 */
export function readPersonnelStatement(sentence: string, bareNames: boolean): PersonnelAction[] | null {
  const text = sentence.trim().replace(/[；;。.]+$/u, '');
  const removal = REMOVE.exec(text);
  if (removal) {
    const note = removal[3] ? removal[3].replace(/^[（(]|[)）]$/gu, '') : null;
    return names(removal[1]!).map((person) => action(person, 'remove', null, removal[2]!.trim(), null, note));
  }
  const notRetained = NOT_RETAINED.exec(text);
  if (notRetained) return names(notRetained[1]!).map((person) => action(person, 'remove', '不再担任', notRetained[2]!.trim(), null, null));
  const appoint = APPOINT_WITH_TITLE.exec(text) ?? (bareNames ? APPOINT_BARE.exec(text) : null);
  if (!appoint) return null;
  const verb = appoint[2]!;
  const mode = verb === '任' ? null : verb === '任命为' ? '任命' : verb;
  const [appointPart, ...removeParts] = appoint[3]!.split(/[，,]\s*免去其/u);
  const { post, probation, note } = readAppointment(appointPart!);
  if (!post) return null;
  const actions: PersonnelAction[] = [];
  for (const person of names(appoint[1]!)) {
    actions.push(action(person, 'appoint', mode, post, probation, note));
    for (const part of removeParts) {
      const removed = part.replace(/(?:职务|职级)$/u, '').trim();
      if (removed) actions.push(action(person, 'remove', null, removed, null, null));
    }
  }
  return actions;
}
