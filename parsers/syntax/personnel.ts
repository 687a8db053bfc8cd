import type { PersonnelAction } from '../nodes.js';

const HAN = '\\p{Script=Han}';
/**
 * A name: two to four characters, or a transliterated name with ·; perhaps followed by a short
 * note in brackets (（女）, （满族）), which is not part of the name.
 */
const NAME = `${HAN}{2,4}(?:·${HAN}{1,10})?(?:[（(][^（）()，。]{1,8}[)）])?`;
/** Names joined by 、: 孙晓钧、袁天明. */
const NAMES = `${NAME}(?:、${NAME})*`;
const REMOVE = new RegExp(`^免去(${NAMES})同志(.+?)(?:职务|职级)((?:[（(][^（）()]*[)）])*)$`, 'u');
/** 免去张某的某某职务 (the State Council's form), several joined by ，: 免去A的B职务，C的D职务. */
const REMOVE_OF = new RegExp(`^免去(${NAMES})的(.+?)(?:职务|职级)?((?:[（(][^（）()]*[)）])*)$`, 'u');
/** Names read shortest first, so that an optional 同志 after them is not taken for part of a name. */
const SHORTEST_NAMES = NAMES.replaceAll('{2,4}', '{2,4}?');
const NOT_RETAINED = new RegExp(`^(${SHORTEST_NAMES})(同志)?不再担任(.+?)(?:职务)?$`, 'u');
const APPOINT_WITH_TITLE = new RegExp(`^(${NAMES})同志(挂任|兼任|聘任|任命为|任)(.+)$`, 'u');
const APPOINT_BARE = new RegExp(`^(${NAMES})(挂任|兼任|聘任|任命为|任)(.+)$`, 'u');
/** 任命张某为某某, 增补张某为某某, 聘任张某为某某; several joined by ，: 任命A为B，C为D. */
const VERB_FIRST = new RegExp(`^(任命|增补|聘任|聘请)(${NAMES})(?:同志)?为(.+)$`, 'u');
/** The next person of a verb-first list: ，C为D / ，C的D职务. */
const NEXT_AS = new RegExp(`[，,](?=(?:${NAMES})(?:同志)?为)`, 'u');
const NEXT_OF = new RegExp(`[，,](?=(?:${NAMES})(?:同志)?的)`, 'u');
/** One person of such a list: A为B / A的B职务. */
const APPOINTED_PART = new RegExp(`^(${NAMES})(?:同志)?为(.+)$`, 'u');
const REMOVED_PART = new RegExp(`^(${NAMES})(?:同志)?的(.+?)(?:职务|职级)?$`, 'u');
const PROBATION = /[，,]?\s*[（(]?(试用期[一二三四五六七八九十\d]+(?:年|个月))[)）]?/u;
/** A note in brackets at the end: （挂职，2022年5月起至2022年10月止）, （保留副科职待遇）. */
const TRAILING_NOTE = /[（(]([^（）()]*(?:挂职|待遇|兼|止)[^（）()]*)[)）]$/u;
/** Words a post ends with; a 、 splits two posts only when both sides end in one. */
const POST_END =
  /(?:长|主任|政委|教导员|经理|助理|书记|委员|科员|员|师|秘书|主席|干事|组长)(?:[（(][^（）()]*[)）])?$/u;
const NAME_NOTE = /[（(][^（）()]*[)）]$/u;
const VERB_MODES: Record<string, string | null> = {
  任: null,
  任命为: '任命',
  兼任: '兼任',
  挂任: '挂任',
  聘任: '聘任',
  任命: null,
  增补: '增补',
  聘请: '聘任',
};

function splitPosts(post: string): string[] {
  const parts = post.split('、');
  if (parts.length < 2 || !parts.every((p) => POST_END.test(p))) return [post];
  return parts;
}

/** The people of a name list, without notes such as （女）. */
function names(text: string): string[] {
  return text
    .split('、')
    .map((n) => n.replace(NAME_NOTE, '').trim())
    .filter(Boolean);
}

function action(
  person: string,
  kind: 'appoint' | 'remove',
  mode: string | null,
  post: string,
  probation: string | null,
  note: string | null,
): PersonnelAction {
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

/** `任命A为B，C为D` or `免去A的B职务，C的D职务`: one action per person named. */
function readVerbFirst(text: string): PersonnelAction[] | null {
  const removal = text.startsWith('免去') && !text.includes('同志') ? REMOVE_OF.exec(text) : null;
  if (removal) {
    const actions: PersonnelAction[] = [];
    for (const part of text.slice(2).split(NEXT_OF)) {
      const m = REMOVED_PART.exec(part);
      if (!m) return null;
      for (const person of names(m[1]!)) actions.push(action(person, 'remove', null, m[2]!.trim(), null, null));
    }
    return actions;
  }
  const verb = VERB_FIRST.exec(text);
  if (!verb) return null;
  const mode = VERB_MODES[verb[1]!] ?? null;
  const actions: PersonnelAction[] = [];
  for (const [k, part] of text.slice(verb[1]!.length).split(NEXT_AS).entries()) {
    const m = APPOINTED_PART.exec(part);
    if (!m) return k === 0 ? null : actions;
    const { post, probation, note } = readAppointment(m[2]!);
    if (!post) return null;
    for (const person of names(m[1]!)) actions.push(action(person, 'appoint', mode, post, probation, note));
  }
  return actions;
}

/**
 * Reads one statement of a personnel notice into one action per person, verb and post group:
 * `X同志任Y`, `X、Y同志挂任Z`, `X同志任Y，试用期一年，免去其Z职务`, `免去X同志Y职务（…）`,
 * `X同志不再担任Y`, `任命X为Y，Z为W`, `免去X的Y职务`, `增补X为Y`, `聘任X为Y`, and the bare
 * `X任Y(试用期一年)` / `X不再担任Y` of some provinces when `bareNames` is set. A note after a
 * name (（女）) is not part of it.
 * @returns the actions, or null when the sentence is not a personnel statement
 */
export function readPersonnelStatement(sentence: string, bareNames: boolean): PersonnelAction[] | null {
  const text = sentence.trim().replace(/[；;。.]+$/u, '');
  const removal = REMOVE.exec(text);
  if (removal) {
    const note = removal[3] ? removal[3].replace(/^[（(]|[)）]$/gu, '') : null;
    return names(removal[1]!).map((person) => action(person, 'remove', null, removal[2]!.trim(), null, note));
  }
  const verbFirst = readVerbFirst(text);
  if (verbFirst) return verbFirst;
  const notRetained = NOT_RETAINED.exec(text);
  if (notRetained && (notRetained[2] || bareNames)) {
    return names(notRetained[1]!).map((person) =>
      action(person, 'remove', '不再担任', notRetained[3]!.trim(), null, null),
    );
  }
  const appoint = APPOINT_WITH_TITLE.exec(text) ?? (bareNames ? APPOINT_BARE.exec(text) : null);
  if (!appoint) return null;
  const mode = VERB_MODES[appoint[2]!] ?? null;
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

/** Where a sentence of running text ends: 。 or ；. */
const SENTENCE_END = /(?<=[。；;])/u;

/**
 * The personnel statements of a paragraph that holds several sentences (a newspaper's 任免
 * report, a run-on list): sentences before the first statement are its introduction; after it,
 * every sentence must be a statement, or the paragraph is not a list of statements.
 * @returns the actions, or null when the paragraph is not such a list
 */
export function readPersonnelParagraph(text: string, bareNames: boolean): PersonnelAction[] | null {
  const sentences = text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean);
  const actions: PersonnelAction[] = [];
  let started = false;
  for (const sentence of sentences) {
    const found = readPersonnelStatement(sentence, bareNames);
    if (found) {
      started = true;
      actions.push(...found);
    } else if (started) return null;
  }
  return actions.length > 0 ? actions : null;
}
