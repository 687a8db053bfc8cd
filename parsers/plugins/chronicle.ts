import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { isBlank, isLine } from '../line-tests.js';
import type { EventNode, GazetteRoot, LineNode, NoticeNode, RoleLineNode, TopLevelNode } from '../nodes.js';
import { spanOf } from '../positions.js';
import { isoDate } from '../syntax/dates.js';
import { namesAfterRoles, peopleIn } from '../syntax/people.js';
import { CHRONICLE_RANGE } from './mark-structure.js';

const SOURCE = 'chronicle';
/** ·4月23日下午，… / ·5月11日至12日，… */
const ENTRY = /^[·•・]\s*(\d{1,2})月(\d{1,2})日(?:至(?:(\d{1,2})月)?(\d{1,2})日)?(上午|下午|晚上|晚|傍晚)?[，,、\s]\s*/u;

interface Period {
  startYear: number;
  startMonth: number;
  startDay: number;
  endYear: number;
  endMonth: number;
  endDay: number;
}

function readPeriod(range: RoleLineNode | undefined): Period | null {
  const m = range ? CHRONICLE_RANGE.exec(range.text) : null;
  if (!m) return null;
  const [startYear, startMonth, startDay, endYear, endMonth, endDay] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  return { startYear, startMonth, startDay, endYear, endMonth, endDay };
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

/**
 * Checks the printed range against the issue's own documents: when no signed document falls in
 * the printed year(s), the range's year is wrong (corpus/004 prints 2022 for a 2023 issue).
 */
function correctPeriod(period: Period, notices: NoticeNode[], range: RoleLineNode, file: VFile): Period {
  const year = documentYear(notices);
  if (year === null || year === period.startYear || year === period.endYear) return period;
  const shift = year - period.endYear;
  report(file, `Unexpected year in the chronicle range \`${range.text}\`: the issue's documents are signed in ${year}, so the events are dated ${period.startYear + shift}`, range.position, 'event-year', SOURCE);
  return { ...period, startYear: period.startYear + shift, endYear: period.endYear + shift };
}

function yearFor(period: Period, month: number): number {
  return period.startYear !== period.endYear && month < period.startMonth ? period.endYear : period.startYear;
}

/**
 * Reads the 大事记 chronicle: one event per `·M月D日(至D日)?(上午|下午|晚)?，` entry, dated
 * with the year of the range line (checked against the issue's documents), with the officials
 * it names. A line that is not an entry continues the entry above, with a warning.
 */
export default function chronicle() {
  return (tree: GazetteRoot, file: VFile): void => {
    const out: TopLevelNode[] = [];
    let period: Period | null = null;
    let inEvents = false;
    let current: EventNode | null = null;
    let lastDate: string | null = null;
    const events: EventNode[] = [];
    // The notices of the issue the chronicle closes: a file may hold several issues in a row.
    let issueNotices: NoticeNode[] = [];
    for (const node of tree.children) {
      if (node.type === 'notice') issueNotices.push(node);
      if (node.type === 'sectionHeading') inEvents = node.section === 'events';
      else if (node.type === 'chronicleRange') {
        const printed = readPeriod(node);
        period = printed ? correctPeriod(printed, issueNotices, node, file) : null;
        issueNotices = [];
        const start = period && isoDate(period.startYear, period.startMonth, period.startDay);
        const end = period && isoDate(period.endYear, period.endMonth, period.endDay);
        if (start && end && !tree.data?.period) tree.data = { ...tree.data, period: { start, end } };
      } else if (node.type === 'notice' || node.type === 'fileMarker') {
        inEvents = false;
        current = null;
      }
      if (!inEvents || !isLine(node) || isBlank(node)) {
        out.push(node);
        continue;
      }
      const entry = ENTRY.exec(node.text);
      if (!entry) {
        if (current) {
          current.children.push(node);
          current.text += `\n${node.text}`;
          current.position = spanOf(current.children);
          report(file, 'Unexpected line in the chronicle: expected an entry such as `·4月2日，…`; kept with the entry above', node.position, 'event-unparsed', SOURCE);
        } else {
          out.push(node);
        }
        continue;
      }
      if (!period) report(file, 'Missing chronicle range line (such as （2022年3月1日—2022年4月30日）): events have no year', node.position, 'missing-range', SOURCE);
      const month = Number(entry[1]);
      const year = period ? yearFor(period, month) : null;
      const date = year ? isoDate(year, month, Number(entry[2])) : null;
      const endMonth = entry[3] ? Number(entry[3]) : month;
      const endDate = year && entry[4] ? isoDate(yearFor(period!, endMonth), endMonth, Number(entry[4])) : null;
      if (date && lastDate && date < lastDate) {
        report(file, `Unexpected date ${date} after ${lastDate}: chronicle entries are usually in date order`, node.position, 'event-order', SOURCE);
      }
      lastDate = date ?? lastDate;
      const offset = node.value.indexOf(node.text) + entry[0].length;
      current = {
        type: 'event', date, endDate, timeOfDay: entry[5] ?? null,
        text: node.value.slice(offset).trim(), people: [], children: [node as LineNode],
        position: node.position,
      };
      events.push(current);
      out.push(current);
    }
    // Names after titles, read once per event: together they are the names known in the issue.
    const titled = events.map((e) => namesAfterRoles(e.text));
    const known = [...new Set(titled.flat())];
    events.forEach((event, k) => {
      event.people = peopleIn(event.text, known, titled[k]);
    });
    tree.children = out;
  };
}
