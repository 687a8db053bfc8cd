import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { declaredEncoding, decodeHtml } from './decode-html.js';
import { isHtml } from './is-html.js';
import { readPage } from './read-page.js';
import { sourceOffsets } from './source-offsets.js';
import { parseGazette } from '../index.js';

const page = (body: string) => Buffer.from(`<html><body>${body}</body></html>`);

describe('isHtml', () => {
  it('should know a page by its name or by its bytes, and a text gazette from either', () => {
    expect(isHtml(Buffer.from('白水县人民政府'), 'a.htm')).toBe(true);
    expect(isHtml(Buffer.from('<%@ page language="java" %>\n<!DOCTYPE html><html>'), 'a.jsp')).toBe(true);
    expect(isHtml(Buffer.from('白水县人民政府公报\n<!-- 注释 -->\n关于…的通知\n'), 'a.txt')).toBe(false);
  });
});

describe('decodeHtml', () => {
  it('should read the encoding a page declares, in <meta charset> or http-equiv', () => {
    expect(declaredEncoding(Buffer.from('<meta charset=gb2312>'))).toBe('gb18030');
    expect(declaredEncoding(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=GBK" />'))).toBe(
      'gb18030',
    );
    expect(declaredEncoding(Buffer.from('<meta charset="big5">'))).toBe('big5');
    expect(declaredEncoding(Buffer.from('<p>no declaration</p>'))).toBeNull();
  });

  it('should decode a GBK page, and a UTF-8 page that still declares GBK as UTF-8', () => {
    const gbk = iconv.encode('<meta charset="gbk"><p>青州市人民政府</p>', 'gbk');
    expect(decodeHtml(gbk, 'a.html')).toMatchObject({
      text: '<meta charset="gbk"><p>青州市人民政府</p>',
      encoding: 'gb18030',
    });
    expect(decodeHtml(Buffer.from('<meta charset="gbk"><p>青州市</p>'), 'a.html').encoding).toBe('utf-8');
  });
});

describe('a declaration the bytes do not follow', () => {
  it('should be warned about where the page declares it, with a rule id', () => {
    const bytes = Buffer.from(
      '<html><head><meta charset="gb2312"></head><body><p>青州市人民政府关于公布2024年重点项目的通知</p></body></html>',
    );
    const result = parseGazette(bytes, { file: 'a.html' });
    expect(result.encoding).toBe('utf-8');
    const warning = result.messages.find((m) => m.ruleId === 'html-charset');
    expect(warning?.reason).toBe('The page declares `charset=gb2312`, but its bytes are UTF-8: decoded as UTF-8');
    expect([warning?.line, warning?.column]).toEqual([1, 28]);
  });

  it('should say so of an encoding it does not read', () => {
    const bytes = Buffer.from('<meta charset="shift_jis"><p>青州市人民政府关于公布2024年重点项目的通知</p>');
    expect(parseGazette(bytes, { file: 'a.html' }).messages.find((m) => m.ruleId === 'html-charset')?.reason).toMatch(
      /does not read: decoded as UTF-8/u,
    );
  });
});

describe('sourceOffsets', () => {
  it('should place a character written as a reference at its `&`, with or without the semicolon', () => {
    const source = 'a&nbsp;b&amp;c&nbspd';
    expect([...sourceOffsets('a\u00a0b&c\u00a0d', source, 0, source.length)]).toEqual([0, 1, 7, 8, 13, 14, 19]);
  });
});

describe('readPage', () => {
  it('should end a line at every block and <br>, and collapse white space as a browser does', () => {
    expect(readPage(page('<p>第一段\n  第二行</p><div>甲 <b>乙</b>&nbsp;&nbsp;丙<br>丁</div>'), 'a.html').text).toBe(
      '第一段第二行\n甲 乙  丙\n丁\n',
    );
  });

  it('should leave out scripts, styles, hidden parts and page furniture', () => {
    const text = readPage(
      page(
        '<script>x()</script><style>p{}</style><div style="display:none">隐藏</div><div class="breadcrumb">首页</div><nav>导航</nav><p>正文</p><div id="footer">版权</div>',
      ),
      'a.html',
    ).text;
    expect(text).toBe('正文\n');
  });

  it('should write a label cell and its value on one line, and other cells one per line', () => {
    const text = readPage(
      page('<table><tr><td>文号：</td><td>白政发〔2024〕1号</td></tr><tr><td>索引号</td><td>123</td></tr></table>'),
      'a.html',
    ).text;
    expect(text).toBe('文号：白政发〔2024〕1号\n索引号\n123\n');
  });

  it('should write a metadata key block and the value block after it on one line, as a list shows them', () => {
    const text = readPage(
      page(
        '<dl><dt>索 引 号：</dt><dd>123</dd><dt>文号：</dt><dd>白政发〔2024〕1号</dd></dl><p>市水利局：</p><p>正文。</p>',
      ),
      'a.html',
    ).text;
    expect(text).toBe('索 引 号： 123\n文号： 白政发〔2024〕1号\n市水利局：\n正文。\n');
  });

  it('should map every character of the text back to its place in the page', () => {
    const html = '<html><body>\n<p>甲&amp;乙</p>\n</body></html>';
    const read = readPage(Buffer.from(html), 'a.html');
    expect(read.text).toBe('甲&乙\n');
    expect(read.positions.start({ line: 1, column: 3, offset: 2 })).toEqual({ line: 2, column: 10, offset: 22 });
  });
});
