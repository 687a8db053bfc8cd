import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GazetteRecord, type NoticeRecord, parseGazette } from '../parsers/index.js';

/*
 * Documents of forms the 海门 gazette never prints, written for these tests with invented places
 * and people (tests/synthetic/): what a user with another government's documents gets.
 */
const dir = join(import.meta.dirname, 'synthetic');

function parse(name: string, text?: string) {
  const bytes = text === undefined ? readFileSync(join(dir, name)) : Buffer.from(text);
  const result = parseGazette(bytes, { file: name });
  const notices = result.records.filter((r): r is NoticeRecord => r.kind === 'notice');
  return { ...result, notices, rules: result.messages.map((m) => m.ruleId) };
}

const heads = (notices: NoticeRecord[]) =>
  notices.map((n) => ({ docNumber: n.docNumber, title: n.title, issuer: n.issuer, date: n.date, docType: n.docType }));
const ofKind = <K extends GazetteRecord['kind']>(records: GazetteRecord[], kind: K) =>
  records.filter((r): r is Extract<GazetteRecord, { kind: K }> => r.kind === kind);

describe('titles of every shape in the 海门 layout', () => {
  const { notices } = parse('county-title-shapes.txt');

  it('should title 批转, 公告, 转发, joint, 决议 and decree notices, with their issuers and dates', () => {
    expect(heads(notices)).toEqual([
      {
        docNumber: '青政发〔2023〕3号',
        title: '青山县人民政府批转县发展和改革局关于2023年重点项目安排意见的通知',
        issuer: '青山县人民政府',
        date: '2023-02-10',
        docType: '通知',
      },
      {
        docNumber: '青政告〔2023〕1号',
        title: '青山县人民政府公告',
        issuer: '青山县人民政府',
        date: '2023-03-01',
        docType: '公告',
      },
      {
        docNumber: '青政办发〔2023〕12号',
        title: '青山县人民政府办公室转发市政府办公室关于做好春季农业生产工作的通知',
        issuer: '青山县人民政府办公室',
        date: '2023-03-05',
        docType: '通知',
      },
      {
        docNumber: '青财发〔2023〕7号',
        title: '青山县人民政府办公室、青山县财政局关于加强县级预算绩效管理的通知',
        issuer: '青山县人民政府办公室、青山县财政局',
        date: '2023-03-20',
        docType: '通知',
      },
      {
        docNumber: '青人发〔2023〕2号',
        title: '青山县人民代表大会常务委员会关于批准2022年县级决算的决议',
        issuer: '青山县人民代表大会常务委员会',
        date: '2023-04-28',
        docType: '决议',
      },
      {
        docNumber: '青山县人民政府令第5号',
        title: '青山县人民政府令第5号',
        issuer: '青山县人民政府',
        date: '2023-05-12',
        docType: '令',
      },
    ]);
  });
});

describe('documents that nothing anchors', () => {
  it('should read a decree that begins with a bare 第N号: its number from the government that signed it', () => {
    const { notices, records, rules } = parse('province-decree-bare-number.txt');
    expect(heads(notices)).toEqual([
      {
        docNumber: '青州省人民政府令第12号',
        title: '青州省农村公路管理办法',
        issuer: '青州省人民政府',
        date: '2023-06-09',
        docType: '办法',
      },
    ]);
    expect(
      ofKind(records, 'clause')
        .filter((c) => c.path.at(-1)?.endsWith('条'))
        .map((c) => c.path.join('')),
    ).toEqual(['第一章第一条', '第一章第二条', '第二章第三条']);
    expect(rules).toContain('document-fallback');
  });

  it('should read a decision flowed onto one line: title, adoption date, preamble and amendments', () => {
    const { notices, records } = parse('amendment-one-line.txt');
    expect(heads(notices)).toEqual([
      {
        docNumber: null,
        title: '青州省人民代表大会常务委员会关于修改《青州省农村公路条例》的决定',
        issuer: '青州省人民代表大会常务委员会',
        date: '2023-09-28',
        docType: '决定',
      },
    ]);
    const clauses = ofKind(records, 'clause');
    expect(clauses.map((c) => c.path.join(''))).toEqual(['', '一、', '二、', '三、']);
    expect(clauses[0]!.text).toMatch(/作如下修改：$/u);
    expect(clauses[0]!.source.column).toBeGreaterThan(1);
  });

  it('should read the appointments of a newspaper reprint, its page headers as noise', () => {
    const { notices, records } = parse('newspaper-appointments.txt');
    expect(heads(notices)).toEqual([
      { docNumber: null, title: '国务院任免国家工作人员', issuer: '国务院', date: null, docType: null },
    ]);
    expect(ofKind(records, 'personnel').map((p) => [p.person, p.action, p.mode, p.post])).toEqual([
      ['赵明远', 'appoint', null, '国家发展和改革委员会副主任'],
      ['钱佳慧', 'appoint', null, '教育部副部长'],
      ['孙立新', 'remove', null, '水利部副部长'],
      ['李文博', 'remove', null, '国家统计局副局长'],
      ['周海波', 'remove', null, '国家统计局总统计师'],
      ['吴德华', 'appoint', '增补', '国家科技咨询委员会委员'],
    ]);
    expect(ofKind(records, 'clause').map((c) => c.text)).toEqual(['新华社北京3月13日电 国务院任免国家工作人员。']);
  });

  it('should read a bare statistics table: titled by its caption, rows by their numbers', () => {
    const { notices, records } = parse('bare-statistics-table.txt');
    expect(notices.map((n) => n.title)).toEqual(['青山县2022年主要经济指标']);
    const [table] = ofKind(records, 'table');
    expect(table).toMatchObject({ header: ['序号', '指标', '单位', '数值'] });
    expect(table!.rows.map((r) => r[1])).toEqual([
      '地区生产总值',
      '一般公共预算收入',
      '城镇居民人均可支配收入',
      '农村居民人均可支配收入',
    ]);
  });

  it('should read a table whose cells TABs separate, and title the file by its name when nothing else can', () => {
    const { notices, records, rules } = parse(
      'quarterly.tsv',
      '指标\t单位\t数值\n地区生产总值\t亿元\t256.3\n一般公共预算收入\t亿元\t18.7\n',
    );
    expect(notices.map((n) => n.title)).toEqual(['quarterly']);
    expect(ofKind(records, 'table').map((t) => [t.header, t.rows])).toEqual([
      [
        ['指标', '单位', '数值'],
        [
          ['地区生产总值', '亿元', '256.3'],
          ['一般公共预算收入', '亿元', '18.7'],
        ],
      ],
    ]);
    expect(rules).toContain('document-fallback');
  });

  it('should complete a title a crawler cut with ... from the line that repeats it whole, or keep what is printed', () => {
    const whole = parse(
      'report.txt',
      '青山县2019年政府信息公开工作年度报...\n青山县2019年政府信息公开工作年度报告\n本报告依据《条例》编制。\n青山县人民政府办公室\n2020年1月15日\n',
    );
    expect(heads(whole.notices)).toEqual([
      {
        docNumber: null,
        title: '青山县2019年政府信息公开工作年度报告',
        issuer: '青山县人民政府办公室',
        date: '2020-01-15',
        docType: '报告',
      },
    ]);
    expect(whole.rules).toContain('title-truncated');
    const cut = parse('report.txt', '青山县2019年政府信息公开工作年度报...\n本报告依据《条例》编制。\n');
    expect(cut.notices.map((n) => n.title)).toEqual(['青山县2019年政府信息公开工作年度报']);
    expect(cut.rules).toContain('title-truncated');
  });

  it('should give no notice, and say so, for a file with no text', () => {
    const { records, rules } = parse('blank.txt', '\n\n');
    expect(records).toEqual([]);
    expect(rules).toEqual(['empty-file']);
  });
});
