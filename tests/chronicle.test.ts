import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { EventNode, GazetteRoot } from '../parsers/nodes.js';
import { type EventRecord, parseGazette } from '../parsers/index.js';
import chronicle from '../parsers/plugins/chronicle.js';
import markStructure from '../parsers/plugins/mark-structure.js';
import gazetteParse from '../parsers/plugins/parse-lines.js';

/**
 * The 1983 paragraph of the 大事记 of 《连云港市志》 (tests/external/lyg_chronicle_1983.txt):
 * entries run together on three OCR'd lines, with no heading and no bullets, and dates inside
 * entries that are not entries (see the note of its key in tests/external/keys.json).
 */
const name = 'lyg_chronicle_1983.txt';
const bytes = readFileSync(join(import.meta.dirname, 'external', name));
const raw = new TextDecoder().decode(bytes);
const key = (
  JSON.parse(readFileSync(join(import.meta.dirname, 'external', 'keys.json'), 'utf8')) as Array<{
    file: string;
    events: number;
  }>
).find((k) => k.file === name)!;

/** The chronicle's own plugins, without the notice plugins between them. */
function chronicleOnly(text: string): { events: EventNode[]; file: VFile } {
  const processor = unified().use(gazetteParse).use(markStructure).use(chronicle);
  const file = new VFile({ path: name, value: text });
  const tree = processor.runSync(processor.parse(file), file) as unknown as GazetteRoot;
  return { events: tree.children.filter((n): n is EventNode => n.type === 'event'), file };
}

/** Where a head stands in the raw file, as line and column. */
function placeOf(head: string): [number, number] {
  const at = raw.indexOf(head);
  const before = raw.slice(0, at);
  const line = before.split('\n').length;
  return [line, at - before.lastIndexOf('\n')];
}

describe('a run-on chronicle from a city gazetteer (lyg_chronicle_1983.txt)', () => {
  const { events, file } = chronicleOnly(raw);

  it(`should find the ${key.events} entries of its key`, () => {
    expect(events).toHaveLength(key.events);
  });

  it('should not take follow-up dates inside entries for entries', () => {
    const texts = events.map((e) => e.text);
    for (const inside of [
      '6月9日，军分区',
      '于1982年7月22日',
      '于1982年8月14日',
      '1983年5月25日《新华日报》',
      '1986年6月30日，市政府',
      '12月3日，连云港市市长',
      '翌年9月，开办',
    ]) {
      expect(
        texts.filter((t) => t.includes(inside)),
        inside,
      ).toHaveLength(1);
    }
  });

  it('should date every entry in 1983, the year its first entry prints', () => {
    expect(new Set(events.map((e) => e.date!.slice(0, 4)))).toEqual(new Set(['1983']));
  });

  it('should read ranges, a part of a month, the time of day, 是年 and the ▲ under it', () => {
    const by = (head: string) =>
      events.find((e) => e.position!.start.line === placeOf(head)[0] && e.position!.start.column === placeOf(head)[1])!;
    expect(by('2月1～4日')).toMatchObject({ date: '1983-02-01', datePrecision: 'day', endDate: '1983-02-04' });
    expect(by('3月31日至4月8日')).toMatchObject({ date: '1983-03-31', endDate: '1983-04-08' });
    expect(by('3月下旬')).toMatchObject({ date: '1983-03-01', datePrecision: 'month', endDate: null });
    expect(by('6月25日上午')).toMatchObject({ date: '1983-06-25', timeOfDay: '上午' });
    expect(by('11月30日至12月10日')).toMatchObject({ date: '1983-11-30', endDate: '1983-12-10' });
    expect(by('是年')).toMatchObject({ date: '1983-01-01', datePrecision: 'year', text: '《连云港文学》公开发行。' });
    expect(by('▲全市')).toMatchObject({ date: '1983-01-01', datePrecision: 'year' });
  });

  it('should point each event at the start of its entry in the line', () => {
    const heads = ['1983年1月18日', '2月1～4日', '3月1日连云港', '3月5～10日', '12月2日省政府', '是年', '▲全市'];
    const starts = events.map((e) => `${e.position!.start.line}:${e.position!.start.column}`);
    for (const head of heads) expect(starts, head).toContain(placeOf(head).join(':'));
  });

  it('should keep the page-broken start of line 2 with the entry above, with a warning', () => {
    const first = events.find((e) => e.text.startsWith('连云港市按照市管县'))!;
    expect(first.text).toContain('总人口288.9万人');
    expect(first.position!.end.line).toBe(2);
    const unparsed = file.messages.filter((m) => m.ruleId === 'event-unparsed');
    expect(unparsed.map((m) => [m.line, m.column])).toEqual([[2, 1]]);
  });

  it('should warn about the three entries printed out of date order, and nothing else', () => {
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([
      [2, 1, 'event-unparsed'],
      [...placeOf('3月29日至4月6日'), 'event-order'],
      [...placeOf('4月11日连云港'), 'event-order'],
      [...placeOf('10月21日'), 'event-order'],
    ]);
  });
});

describe('parsing lyg_chronicle_1983.txt whole', () => {
  // Needs split-notices to leave a headless chronicle (after a sectionStart node) alone.
  const { records } = parseGazette(bytes, { file: name });

  it(`should give its ${key.events} events and no notice`, () => {
    expect(records.filter((r) => r.kind === 'notice')).toEqual([]);
    expect(records.filter((r): r is EventRecord => r.kind === 'event')).toHaveLength(key.events);
  });
});
