import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GazetteRecord, parseGazette } from '../../parsers/index.js';

/**
 * A gazette notice of an invented county (青山县), written in 海门's layout: its departments
 * must be the county's (县…), resolved from the county's own issuer, never 海门's (区…).
 */
const file = 'tests/synthetic/qingshan-county-notice.txt';
const { records, messages } = parseGazette(readFileSync(join(import.meta.dirname, 'qingshan-county-notice.txt')), {
  file,
});
const clause = (head: string): GazetteRecord => records.find((r) => r.kind === 'clause' && r.text.startsWith(head))!;

describe('a county’s gazette in 海门’s layout', () => {
  it('should read one notice with its number and issuer, without warnings', () => {
    const notices = records.filter((r) => r.kind === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      docNumber: '青政办发〔2023〕5号',
      issuer: '青山县人民政府办公室',
      date: '2023-03-08',
    });
    expect(messages).toEqual([]);
  });

  it('should give every record the county as its jurisdiction', () => {
    expect(new Set(records.map((r) => r.jurisdiction))).toEqual(new Set(['青山县']));
  });

  it('should give the notice its issuer, then every department its clauses name, as the county’s', () => {
    expect(records.find((r) => r.kind === 'notice')!.departments).toEqual([
      '县政府办公室',
      '县交通运输局',
      '县公安局',
      '县住房和城乡建设局',
      '邮政分公司',
      '县发展和改革局',
      '县财政局',
      '县自然资源局',
      '县应急管理局',
    ]);
  });

  it('should resolve （责任单位：交通局、公安局、住建局） to the county’s departments', () => {
    expect(clause('（一）实施农村公路提档升级').departments).toEqual([
      '县交通运输局',
      '县公安局',
      '县住房和城乡建设局',
    ]);
  });

  it('should keep both parts of （牵头单位：…；配合单位：…）', () => {
    expect(clause('二、统筹项目资金保障').departments).toEqual(['县发展和改革局', '县财政局', '县自然资源局']);
  });

  it('should fold a department printed with the county’s name (青山县应急管理局：…)', () => {
    expect(clause('三、强化安全监管').departments).toEqual(['县应急管理局']);
  });

  it('should never give a 海门 name or a null', () => {
    for (const record of records) for (const name of record.departments) expect(name).toMatch(/^(?:县|青山县|邮政)/u);
  });
});
