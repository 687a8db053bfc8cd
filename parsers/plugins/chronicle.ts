import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { isBlank, isLine } from '../line-tests.js';
import type { EventNode, GazetteRoot, LineNode, NoticeNode, RoleLineNode, TopLevelNode } from '../nodes.js';
import { spanOf } from '../positions.js';
import { findEntries } from '../syntax/chronicle-entries.js';
import { type DatingState, comparableDate, dateEntry } from '../syntax/chronicle-dates.js';
import type { EntryHead } from '../syntax/chronicle-heads.js';
import {
  type Period,
  periodDates,
  periodInHeading,
  periodShift,
  readPeriod,
  shiftPeriod,
} from '../syntax/chronicle-period.js';
import { peopleOfEvents } from '../syntax/people.js';
import { sliceLine } from './parse-lines.js';

const SOURCE = 'chronicle';
const SENTENCE_END = /[。！？；!?”’」』）)]$/u;

/** The lines of one chronicle (the nodes of its events section) and the notices of its issue. */
interface Section {
  nodes: TopLevelNode[];
  /** The signed documents of the issue the chronicle belongs to, to check its period's year. */
  notices: NoticeNode[];
}

/** The most common year among the issue's signed documents (outside 人事任免, whose dates lag). */
function documentYear(notices: NoticeNode[]): number | null {
  const counts = new Map<number, number>();
  for (const node of notices) {
    if (node.section !== 'documents' || !node.date) continue;
    const year = Number(node.date.slice(0, 4));
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [year, n] of counts) if (best === null || n > counts.get(best)!) best = year;
  return best;
}

function opensEvents(node: TopLevelNode): boolean {
  return (node.type === 'sectionHeading' || node.type === 'sectionStart') && node.section === 'events';
}

function closesEvents(node: TopLevelNode): boolean {
  if (node.type === 'sectionHeading' || node.type === 'sectionStart') return node.section !== 'events';
  return node.type === 'notice' || node.type === 'fileMarker';
}

/**
 * Cuts the tree's top level into chronicles: each runs from an events heading or a headless
 * start (sectionStart, which stays outside it) to the next notice, file marker or section of
 * another kind. A chronicle's issue is the signed documents printed since the previous
 * chronicle, or after it when none precede it.
 */
function cutSections(children: TopLevelNode[]): Array<TopLevelNode | Section> {
  const out: Array<TopLevelNode | Section> = [];
  let current: Section | null = null;
  for (const node of children) {
    if (closesEvents(node)) current = null;
    if (opensEvents(node) && (node.type === 'sectionStart' || !current)) {
      current = { nodes: [], notices: [] };
      if (node.type === 'sectionStart') {
        out.push(node, current);
        continue;
      }
      out.push(current);
    }
    if (current) current.nodes.push(node);
    else out.push(node);
  }
  const isSection = (item: TopLevelNode | Section): item is Section => !('type' in item);
  const signed = (item: TopLevelNode | Section): item is NoticeNode =>
    !isSection(item) && item.type === 'notice' && item.section === 'documents' && item.date !== null;
  const bounds = out.flatMap((item, k) => (isSection(item) ? [k] : []));
  bounds.forEach((at, k) => {
    const section = out[at] as Section;
    section.notices = out.slice(k === 0 ? 0 : bounds[k - 1]! + 1, at).filter(signed);
    if (section.notices.length === 0) section.notices = out.slice(at + 1, bounds[k + 1] ?? out.length).filter(signed);
  });
  return out;
}

/** A piece of a line, `line.text.slice(from, to)`, as a line node with its own position. */
function pieceOfText(line: LineNode, from: number, to: number): LineNode {
  if (from === 0 && to === line.text.length) return line;
  const lead = line.value.indexOf(line.text);
  return sliceLine(line, lead + from, lead + to);
}

function joinText(before: string, after: string): string {
  if (before === '') return after;
  return SENTENCE_END.test(before) ? `${before}\n${after}` : before + after;
}

/**
 * Reads one chronicle's nodes into events, dating them as it goes; its heading, period lines
 * and blank lines stay as they are.
 */
function readChronicle(section: Section, file: VFile, tree: GazetteRoot): { out: TopLevelNode[]; events: EventNode[] } {
  const out: TopLevelNode[] = [];
  const events: EventNode[] = [];
  const state: DatingState = { period: null, lastYear: null, previous: null, issueYear: documentYear(section.notices) };
  let current: EventNode | null = null;
  let lastComparable: string | null = null;
  let periodChecked = false;
  let warnedYear = false;

  /** A period printed in the heading, the range line or a year line; the first is checked against the documents. */
  const setPeriod = (printed: Period, node: RoleLineNode): void => {
    let period = printed;
    if (!periodChecked) {
      periodChecked = true;
      const shift = periodShift(
        printed,
        section.notices.map((n) => n.date!),
      );
      if (shift !== 0) {
        period = shiftPeriod(printed, shift);
        report(
          file,
          `Unexpected year in the chronicle range \`${node.text}\`: the issue's documents are signed in ${state.issueYear}, so the events are dated ${period.startYear}`,
          node.position,
          'event-year',
          SOURCE,
        );
      }
      if (!tree.data?.period) tree.data = { ...tree.data, period: periodDates(period) };
    }
    state.period = period;
  };

  const continueEntry = (piece: LineNode): void => {
    if (!current) {
      out.push(piece);
      return;
    }
    current.children.push(piece);
    current.text = joinText(current.text, piece.text);
    current.position = spanOf(current.children);
    report(
      file,
      'Unexpected line in the chronicle: expected an entry such as `·4月2日，…`; kept with the entry above',
      piece.position,
      'event-unparsed',
      SOURCE,
    );
  };

  const warnNoYear = (piece: LineNode, date: string | null): void => {
    if (warnedYear) return;
    warnedYear = true;
    const what = date ? `dated with the year of the issue's documents, ${date.slice(0, 4)}` : 'left undated';
    report(
      file,
      `Missing year for the chronicle: no range line (such as （2022年3月1日—2022年4月30日）), year in the heading or entry with a full date above; events are ${what}`,
      piece.position,
      'missing-range',
      SOURCE,
    );
  };

  const startEntry = (line: LineNode, head: EntryHead, to: number): void => {
    const piece = pieceOfText(line, head.start, to);
    const dated = dateEntry(head, state);
    if (dated.yearSource === null || dated.yearSource === 'issue') warnNoYear(piece, dated.date);
    const comparable = comparableDate(dated);
    if (comparable && lastComparable) {
      const n = Math.min(comparable.length, lastComparable.length);
      if (comparable.slice(0, n) < lastComparable.slice(0, n)) {
        report(
          file,
          `Unexpected date ${dated.date} after ${lastComparable}: chronicle entries are usually in date order`,
          piece.position,
          'event-order',
          SOURCE,
        );
      }
    }
    lastComparable = comparable ?? lastComparable;
    current = {
      type: 'event',
      date: dated.date,
      datePrecision: dated.precision,
      endDate: dated.endDate,
      timeOfDay: head.timeOfDay,
      text: line.text.slice(head.textStart, to).trim(),
      people: [],
      children: [piece],
      position: piece.position,
    };
    events.push(current);
    out.push(current);
  };

  const { nodes } = section;
  const periodLine = nodes.map((n) => isLine(n) && !isBlank(n) && readPeriod(n.text) !== null);
  const heads = findEntries(nodes.map((n, k) => (isLine(n) && !periodLine[k] ? n.text : '')));
  nodes.forEach((node, k) => {
    if (node.type === 'sectionHeading' || node.type === 'chronicleRange') {
      const printed = node.type === 'chronicleRange' ? readPeriod(node.text) : periodInHeading(node.text);
      if (printed) setPeriod(printed, node);
      out.push(node);
    } else if (periodLine[k] && isLine(node)) {
      const range: RoleLineNode = { ...node, type: 'chronicleRange', section: 'events' };
      setPeriod(readPeriod(node.text)!, range);
      out.push(range);
    } else if (isLine(node) && !isBlank(node) && !node.tab) {
      // A continuation before the line's first head, then an entry per head.
      const lineHeads = heads[k]!;
      const first = lineHeads[0]?.start ?? node.text.length;
      if (first > 0) continueEntry(pieceOfText(node, 0, first));
      for (const [h, head] of lineHeads.entries()) startEntry(node, head, lineHeads[h + 1]?.start ?? node.text.length);
    } else out.push(node);
  });
  return { out, events };
}

/**
 * Reads every chronicle of the file into events: one per entry head, whether entries stand one
 * a line or run together (syntax/chronicle-entries.ts), dated by syntax/chronicle-dates.ts with
 * the period checked against the issue's documents, with the officials each names. A line that
 * starts with no head goes on the entry above, with a warning.
 */
export default function chronicle() {
  return (tree: GazetteRoot, file: VFile): void => {
    const children: TopLevelNode[] = [];
    const events: EventNode[] = [];
    for (const item of cutSections(tree.children)) {
      if ('type' in item) {
        children.push(item);
        continue;
      }
      const read = readChronicle(item, file, tree);
      children.push(...read.out);
      events.push(...read.events);
    }
    const people = peopleOfEvents(
      events.map((e) => e.text),
      tree,
    );
    events.forEach((event, k) => {
      event.people = people[k]!;
    });
    tree.children = children;
  };
}
