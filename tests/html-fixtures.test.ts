import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GazetteRecord, parseGazette } from '../parsers/index.js';
import { toMarkdown } from '../parsers/to-markdown.js';

/**
 * Small pages written for the tests, of invented places (白水县, 青州市): one form of HTML each.
 */
const dir = join(import.meta.dirname, 'html-fixtures');

function parse(name: string) {
  return parseGazette(readFileSync(join(dir, name)), { file: name });
}

function only<K extends GazetteRecord['kind']>(
  records: GazetteRecord[],
  kind: K,
): Array<Extract<GazetteRecord, { kind: K }>> {
  return records.filter((r): r is Extract<GazetteRecord, { kind: K }> => r.kind === kind);
}

describe('a GBK page that declares <meta charset=gb2312>', () => {
  const result = parse('gbk-meta-charset.html');

  it('should be decoded as GB18030, its superset', () => {
    expect(result.encoding).toBe('gb18030');
  });

  it('should give the notice and its personnel actions', () => {
    const [notice] = only(result.records, 'notice');
    expect(notice).toMatchObject({
      docNumber: '青政办干〔2024〕2号',
      title: '青州市人民政府办公室关于任免青州市水务局有关人员职务的通知',
      issuer: '青州市人民政府办公室',
      date: '2024-01-15',
    });
    expect(
      only(result.records, 'personnel').map(({ person, action, post, probation }) => ({
        person,
        action,
        post,
        probation,
      })),
    ).toEqual([
      { person: '李青山', action: 'appoint', post: '青州市水务局副局长', probation: '试用期一年' },
      { person: '王白河', action: 'remove', post: '青州市水务局副局长', probation: null },
    ]);
  });

  it('should point the first personnel action at its line and column in the page', () => {
    expect(only(result.records, 'personnel')[0]!.source).toMatchObject({ line: 6, column: 4, endLine: 6 });
  });
});

describe('nested tables: a page framed by layout tables that hold a metadata grid and a table of the document', () => {
  const result = parse('nested-tables.html');

  it('should read the metadata grid as portal metadata, and the body under it', () => {
    const [notice] = only(result.records, 'notice');
    expect(notice).toMatchObject({
      docNumber: '白政办发〔2024〕5号',
      title: '白水县人民政府办公室关于公布2024年第一批县级示范家庭农场名单的通知',
      date: '2024-03-01',
    });
  });

  it('should make a table only of the inner table, with its <th> row as the header', () => {
    const tables = only(result.records, 'table');
    expect(tables.map(({ header, rows }) => ({ header, rows }))).toEqual([
      {
        header: ['序号', '农场名称', '所在乡镇'],
        rows: [
          ['1', '白水县绿野家庭农场', '东河镇'],
          ['2', '白水县丰收家庭农场', '西岭乡'],
          ['3', '白水县清泉家庭农场', '南坪镇'],
        ],
      },
    ]);
  });

  it('should leave the print and close buttons out', () => {
    expect(result.records.some((r) => r.text.includes('打印本页'))).toBe(false);
  });
});

describe('rowspan and colspan', () => {
  const result = parse('merged-cells.html');
  const [table] = only(result.records, 'table');

  it('should join two header rows under a spanning label, and keep every data row as wide as the grid', () => {
    expect(table!.caption).toBe('2024年农田水利项目计划表');
    expect(table!.header).toEqual(['序号', '乡镇', '项目/名称', '项目/投资（万元）', '备注']);
    expect(table!.rows).toEqual([
      ['1', '东河镇', '渠道修复', '120', ''],
      ['2', '东河镇', '泵站改造', '80', '续建'],
      ['3', '西岭乡', '塘坝清淤', '45', ''],
      ['合计', '合计', '合计', '245', ''],
    ]);
  });

  it('should say which cells were merged', () => {
    expect(table!.merged).toEqual([
      { row: 0, column: 1, rowSpan: 2, colSpan: 1 },
      { row: 3, column: 0, rowSpan: 1, colSpan: 3 },
    ]);
  });

  it('should print a merged cell once in the Markdown export', () => {
    const markdown = toMarkdown(result.tree)[0]!.markdown;
    expect(markdown).toMatch(/\| 2 +\| +\| 泵站改造/u);
    expect(markdown).toMatch(/\| 合计 +\| +\| +\| 245/u);
  });
});

describe('<br>-separated paragraphs', () => {
  const result = parse('br-paragraphs.html');

  it('should read each <br> as a line: number, addressee, clauses and signature', () => {
    const [notice] = only(result.records, 'notice');
    expect(notice).toMatchObject({
      docNumber: '白政办发〔2024〕3号',
      addressees: '各乡镇人民政府，县政府各部门',
      issuer: '白水县人民政府办公室',
      date: '2024-03-01',
    });
    expect(only(result.records, 'clause').map((c) => c.path)).toEqual([[], ['一、'], ['二、']]);
  });

  it('should leave navigation, footer and scripts out', () => {
    const text = JSON.stringify(result.records);
    for (const word of ['政务公开', '版权所有', 'document.write', '计数']) expect(text).not.toContain(word);
    expect(result.messages.filter((m) => m.ruleId === 'residue')).toEqual([]);
  });
});

describe('a page whose body is one <p> with <br>s, saved under a .txt name', () => {
  const result = parse('one-paragraph.txt');

  it('should be read as a web page because its bytes are HTML', () => {
    expect(result.input).toBe('html');
  });

  it('should give the notice, its clauses and their columns on the one line of the page', () => {
    const [notice] = only(result.records, 'notice');
    expect(notice).toMatchObject({
      docNumber: '青政复〔2023〕7号',
      title: '青州市人民政府关于青州市河道管理办法的批复',
      addressees: '市水利局',
      date: '2023-05-08',
      cites: ['青水〔2023〕12号'],
    });
    expect(only(result.records, 'clause').map((c) => [c.path.join(''), c.source.line, c.source.column])).toEqual([
      ['', 1, 80],
      ['一、', 1, 129],
      ['二、', 1, 158],
    ]);
  });

  it('should leave share buttons and the previous/next menu out', () => {
    expect(JSON.stringify(result.records)).not.toMatch(/分享到|上一篇/u);
  });
});

describe('a page without text', () => {
  it('should say so with a rule id, and give no records', () => {
    const result = parseGazette(
      Buffer.from(
        '<html><head><script>var a = 1;</script></head><body><div class="nav"><a href="/">首页</a></div></body></html>',
      ),
      { file: 'empty.html' },
    );
    expect(result.records).toEqual([]);
    expect(result.messages.map((m) => [m.ruleId, m.source])).toEqual([['html-no-text', 'parse-gazette']]);
  });
});

describe('a table that the document structure cuts', () => {
  it('should give the whole table from its grid and say where it was cut', () => {
    const html = `<p>白水县人民政府关于公布2024年重点项目的通知</p><p>白政发〔2024〕9号</p><p>各乡镇人民政府：</p><p>现将名单公布如下。</p><p>白水县人民政府</p><p>2024年4月1日</p><p>附件1</p><p>重点项目名单</p>
<table><tr><td>序号</td><td>项目</td></tr><tr><td>1</td><td>东河大桥</td></tr><tr><td>附件2</td><td>西岭公路</td></tr><tr><td>3</td><td>南坪水厂</td></tr></table>`;
    const result = parseGazette(Buffer.from(html), { file: 'cut.html' });
    expect(only(result.records, 'table').map((t) => t.rows)).toEqual([
      [
        ['1', '东河大桥'],
        ['附件2', '西岭公路'],
        ['3', '南坪水厂'],
      ],
    ]);
    expect(result.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['html-table-cut', 2, 113]]);
  });
});

describe('a portal page: <th> metadata grid, <h1> title, publication line, number line in the body, related links', () => {
  const result = parse('portal-th-metadata.html');

  it('should give one notice: the metadata, the title and the number line are one head', () => {
    expect(
      only(result.records, 'notice').map(({ docNumber, title, issuer, date, enclosures }) => ({
        docNumber,
        title,
        issuer,
        date,
        enclosures,
      })),
    ).toEqual([
      {
        docNumber: '青政办发〔2024〕12号',
        title: '青州省人民政府办公厅关于印发青州省数字政府建设实施方案的通知',
        issuer: '青州省人民政府办公厅',
        date: '2024-03-02',
        enclosures: ['青州省数字政府建设实施方案'],
      },
    ]);
  });

  it('should leave the menu, breadcrumb, font buttons, share box, footer and the list of related pages out', () => {
    const text = JSON.stringify(result.records);
    for (const word of ['要闻', '您当前的位置', '微信', '网站标识码', '加快数字经济发展的意见'])
      expect(text).not.toContain(word);
    expect(text).toContain('实施方案.pdf');
  });
});
