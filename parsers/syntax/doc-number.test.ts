import { describe, expect, it } from 'vitest';
import { findCitedDocNumbers, parseDocNumberLine, parseDocNumberQuery, sameDocNumber } from './doc-number.js';

describe('parseDocNumberLine', () => {
  it('should read a header line in any bracket style into the normal spelling', () => {
    for (const line of [
      '海政办发〔2022〕14号',
      '海政办发﹝2022﹞14号',
      '海政办发[2022]14号',
      '海政办发［2022］14号',
      '海政办发（2022）14号',
      '海政办发(2022)14号',
      '海政办发【2022】14号',
    ]) {
      expect(parseDocNumberLine(line)).toEqual({
        prefix: '海政办发',
        year: 2022,
        seq: 14,
        text: '海政办发〔2022〕14号',
      });
    }
  });

  it('should read a decree number and drop the state name', () => {
    expect(parseDocNumberLine('中华人民共和国国务院令第707号')).toEqual({
      prefix: '国务院令',
      year: null,
      seq: 707,
      text: '国务院令第707号',
    });
  });

  it('should not take a sentence or a citation for a number line', () => {
    expect(parseDocNumberLine('参照海政办发〔2021〕20号文件')).toBeNull();
    expect(parseDocNumberLine('（苏政发〔2021〕87号）')).toBeNull();
  });
});

describe('parseDocNumberQuery', () => {
  it('should recognise a number typed any way', () => {
    for (const query of [
      '海政办发〔2022〕14号',
      '海政办发[2022]14号',
      '海政办发２０２２年14号',
      '海政办发2022年14号',
      '海政办发 2022 14',
      '海政办发（2022）14',
      ' 海政办发［２０２２］１４号 ',
    ]) {
      expect(parseDocNumberQuery(query)?.text, query).toBe('海政办发〔2022〕14号');
    }
  });

  it('should give null for ordinary words', () => {
    expect(parseDocNumberQuery('被征地农民')).toBeNull();
    expect(parseDocNumberQuery('2022')).toBeNull();
  });
});

describe('findCitedDocNumbers', () => {
  it('should find numbers after titles, bare, with ﹝﹞ brackets and as decrees', () => {
    const text =
      '根据《江苏省被征地农民社会保障办法》（苏政发〔2021〕87号）、参照海政办发〔2021〕20号文件和（苏办厅字﹝2022﹞15号），1994年1月28日中华人民共和国国务院令第142号发布';
    expect(findCitedDocNumbers(text).map((c) => c.docNumber.text)).toEqual([
      '苏政发〔2021〕87号',
      '海政办发〔2021〕20号',
      '苏办厅字〔2022〕15号',
      '国务院令第142号',
    ]);
  });

  it('should point at the citation in the text', () => {
    const text = '参照海政办发〔2021〕20号文件';
    const [cite] = findCitedDocNumbers(text);
    expect(text.slice(cite!.index, cite!.index + cite!.length)).toBe('海政办发〔2021〕20号');
  });

  it('should keep the tail of a long run glued to the code', () => {
    expect(findCitedDocNumbers('严格按照市长办公会议纪要〔2016〕40号').map((c) => c.docNumber.prefix)).toEqual([
      '市长办公会议纪要',
    ]);
  });
});

describe('sameDocNumber', () => {
  it('should match a decree written with a shortened issuer', () => {
    expect(sameDocNumber(parseDocNumberLine('省政府令第232号')!, parseDocNumberLine('江西省人民政府令第232号')!)).toBe(
      true,
    );
    expect(sameDocNumber(parseDocNumberLine('省政府令第232号')!, parseDocNumberLine('江西省人民政府令第161号')!)).toBe(
      false,
    );
  });

  it('should not match different agencies with the same year and number', () => {
    expect(sameDocNumber(parseDocNumberLine('海政发〔2022〕5号')!, parseDocNumberLine('海政办发〔2022〕5号')!)).toBe(
      false,
    );
  });
});
