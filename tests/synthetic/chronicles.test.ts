import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EventRecord, type GazetteRecord, parseGazette } from '../../parsers/index.js';

/**
 * Chronicles (大事记) of other layouts than 海门's, written for these tests with invented places
 * and people: a county gazette's 政务大事记 without bullets, a year-end chronicle in a January
 * issue, a 市志-style chronicle run together on one line, a 大事记要 with ● bullets, and a
 * headless chronicle right after a notice's signature.
 */
function parse(name: string, text?: string) {
  const bytes =
    text === undefined ? readFileSync(join(import.meta.dirname, 'chronicles', name)) : new TextEncoder().encode(text);
  return parseGazette(bytes, { file: `tests/synthetic/chronicles/${name}` });
}

const eventsOf = (records: GazetteRecord[]): EventRecord[] =>
  records.filter((r): r is EventRecord => r.kind === 'event');
const dates = (events: EventRecord[]) => events.map((e) => [e.date, e.datePrecision, e.endDate]);

describe('a county gazette whose chronicle is headed 政务大事记, one entry a line, no bullets', () => {
  const { records, messages } = parse('county-gazette-zhengwu.txt');
  const events = eventsOf(records);

  it('should end the notice above at the heading, so none of its clauses holds an entry', () => {
    expect(records.filter((r) => r.kind === 'notice')).toHaveLength(1);
    expect(records.filter((r) => r.kind !== 'event' && r.text.includes('3月2日'))).toEqual([]);
  });

  it('should read the four entries with the period line’s year, the 3月15日至16日 range and the time of day', () => {
    expect(dates(events)).toEqual([
      ['2024-03-02', 'day', null],
      ['2024-03-09', 'day', null],
      ['2024-03-15', 'day', '2024-03-16'],
      ['2024-04-03', 'day', null],
    ]);
    expect(events[1]).toMatchObject({
      timeOfDay: '上午',
      text: '县长许明远赴白鹭乡调研高标准农田建设，强调要抓住春耕有利时机，加快项目进度。',
    });
    expect(events.map((e) => e.source.line)).toEqual([20, 22, 24, 26]);
  });

  it('should find the officials named after their titles', () => {
    expect(events.map((e) => e.people)).toEqual([['林望舒', '许明远'], ['许明远'], ['林望舒'], ['贺知远', '骆青山']]);
  });

  it('should raise no chronicle warning', () => {
    expect(messages.filter((m) => m.source === 'chronicle')).toEqual([]);
  });
});

describe('a January issue with a chronicle of November and December', () => {
  const raw = readFileSync(join(import.meta.dirname, 'chronicles', 'january-issue-year-end.txt'), 'utf8');

  it('should date the events in the printed year 2022, though the documents are signed in January 2023', () => {
    const { records, messages } = parse('january-issue-year-end.txt');
    expect(records.filter((r) => r.kind === 'notice').map((n) => n.kind === 'notice' && n.date)).toEqual([
      '2023-01-06',
      '2023-01-12',
    ]);
    expect(dates(eventsOf(records))).toEqual([
      ['2022-11-03', 'day', null],
      ['2022-11-21', 'day', '2022-11-23'],
      ['2022-12-06', 'day', null],
      ['2022-12-30', 'day', null],
    ]);
    expect(messages.filter((m) => m.ruleId === 'event-year')).toEqual([]);
  });

  it('should correct a period misprinted a year late (2023年11月—12月 in a January 2023 issue) to 2022, with a warning', () => {
    const { records, messages } = parse(
      'january-issue-year-end.txt',
      raw.replace('（2022年11月1日—2022年12月31日）', '（2023年11月1日—2023年12月31日）'),
    );
    expect(eventsOf(records).map((e) => e.date)).toEqual(['2022-11-03', '2022-11-21', '2022-12-06', '2022-12-30']);
    expect(messages.filter((m) => m.ruleId === 'event-year').map((m) => [m.line, m.column, m.source])).toEqual([
      [30, 1, 'chronicle'],
    ]);
  });
});

describe('a chronicle run together on one line (市志 style)', () => {
  const raw = readFileSync(join(import.meta.dirname, 'chronicles', 'runon-city-chronicle.txt'), 'utf8');
  const { records, messages } = parse('runon-city-chronicle.txt');
  const events = eventsOf(records);

  it('should read it as a chronicle, not as a document', () => {
    expect(records.filter((r) => r.kind !== 'event')).toEqual([]);
  });

  it('should give one event per entry, with dates, precisions and end dates', () => {
    expect(dates(events)).toEqual([
      ['2021-01-06', 'day', null], // 2021年1月6日, with the follow-up 1月8日， inside it
      ['2021-02-01', 'month', null], // 2月
      ['2021-03-01', 'month', null], // 3月上旬
      ['2021-03-01', 'month', null], // 是月
      ['2021-04-09', 'day', null],
      ['2021-04-09', 'day', null], // 同日
      ['2021-05-18', 'day', '2021-05-20'], // 5月18日至20日
      ['2021-05-25', 'day', null], // ●
      ['2021-06-01', 'month', null], // 6月
      ['2021-06-30', 'day', null], // ▲ with a date
      ['2021-01-01', 'year', null], // 是年
      ['2021-01-01', 'year', null], // ▲ without a date goes on under 是年
    ]);
  });

  it('should point each event at its entry’s start in the line', () => {
    const starts = [
      '2021年1月6日',
      '2月 ',
      '3月上旬',
      '是月',
      '4月9日',
      '同日',
      '5月18日',
      '●5月25日',
      '6月 ',
      '▲6月30日',
      '是年',
      '▲全市',
    ];
    expect(events.map((e) => [e.source.line, e.source.column])).toEqual(starts.map((s) => [1, raw.indexOf(s) + 1]));
  });

  it('should keep the follow-up date inside the first entry and drop heads and bullets from the texts', () => {
    expect(events[0]!.text).toBe(
      '澄川市第三届人民代表大会第五次会议开幕，会期四天。1月8日，大会选举产生新一届市人民政府领导班子。',
    );
    expect(events[7]!.text).toBe('市政府与滨江大学签订战略合作协议。');
    expect(events[11]!.text).toBe('全市常住人口186.4万人，城镇化率63.2%。');
    expect(events[4]!.people).toEqual(['方砚秋']);
  });

  it('should warn about nothing in the chronicle', () => {
    expect(messages.filter((m) => m.source === 'chronicle')).toEqual([]);
  });
});

describe('a 大事记要 with ● bullets and the year in its heading', () => {
  const { records, messages } = parse('dashijiyao-bullets.txt');
  const events = eventsOf(records);

  it('should take the year from the heading and read every bulleted entry, two of them on one line', () => {
    expect(records.filter((r) => r.kind !== 'event')).toEqual([]);
    expect(dates(events)).toEqual([
      ['2023-01-12', 'day', null],
      ['2023-02-01', 'month', null],
      ['2023-03-08', 'day', '2023-03-10'],
      ['2023-03-01', 'month', null], // 是月
      ['2023-04-02', 'day', null],
      ['2023-04-09', 'day', null],
      ['2023-04-09', 'day', null], // 同日
    ]);
    expect(events.map((e) => [e.source.line, e.source.column])).toEqual([
      [3, 1],
      [5, 1],
      [7, 1],
      [9, 1],
      [11, 1],
      [11, 22],
      [13, 1],
    ]);
    expect(events[5]!.people).toEqual(['阮清和']);
  });

  it('should raise no chronicle warning: 是月 after 3月8日至10日 is in the same month, not out of order', () => {
    expect(messages.filter((m) => m.source === 'chronicle')).toEqual([]);
  });
});

describe('a chronicle with no heading right after a notice’s signature', () => {
  const { records, tree } = parse('headless-after-signature.txt');

  it('should open an events section there, so that the notice ends at its signature', () => {
    expect(tree.children.filter((n) => n.type === 'sectionStart')).toEqual([
      { type: 'sectionStart', section: 'events', children: [] },
    ]);
    const notice = records.find((r) => r.kind === 'notice')!;
    expect(notice.text).not.toContain('5月6日');
    expect(notice.source.endLine).toBe(11);
  });

  it('should read its three entries, dated in the year of the issue’s documents, with one warning', () => {
    const { messages } = parse('headless-after-signature.txt');
    expect(dates(eventsOf(records))).toEqual([
      ['2024-05-06', 'day', null],
      ['2024-05-14', 'day', null],
      ['2024-05-28', 'day', null],
    ]);
    expect(messages.filter((m) => m.source === 'chronicle').map((m) => [m.line, m.ruleId])).toEqual([
      [13, 'missing-range'],
    ]);
  });
});

describe('a chronicle whose heading holds its period', () => {
  const text = '大事记（2022年11月—12月）\n\n·11月8日，区委召开全会。\n\n·12月，全区开展冬季征兵。\n';
  const { records, messages } = parse('heading-with-period.txt', text);

  it('should take the year from the period in the heading', () => {
    expect(dates(eventsOf(records))).toEqual([
      ['2022-11-08', 'day', null],
      ['2022-12-01', 'month', null],
    ]);
    expect(messages.filter((m) => m.source === 'chronicle')).toEqual([]);
  });
});
