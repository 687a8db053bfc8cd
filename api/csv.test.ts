import { describe, expect, it } from 'vitest';
import type { RecordHit } from '../index/index.js';
import { CSV_BOM, CSV_HEADER, csvField, toCsvRow } from './csv.js';

describe('csvField', () => {
  it('should neutralise text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x.example","点击")')).toBe(`"'=HYPERLINK(""http://x.example"",""点击"")"`);
    expect(csvField('+1+2')).toBe("'+1+2");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvField('\t=1+1')).toBe("'\t=1+1");
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it('should leave other text and numbers as they are, quoting only when needed', () => {
    expect(csvField('一、总体要求')).toBe('一、总体要求');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(12)).toBe('12');
    expect(csvField(null)).toBe('');
  });
});

describe('toCsvRow', () => {
  it('should neutralise every text column, the text included', () => {
    const record = {
      id: 'c-1',
      kind: 'clause',
      docNumber: null,
      title: "=cmd|' /C calc'!A0",
      date: '2022-03-01',
      departments: ['@区公安局'],
      path: [],
      text: '-1+1',
      source: { file: 'a.txt', line: 3 },
    };
    expect(toCsvRow(record as unknown as RecordHit)).toBe(
      "c-1,clause,,'=cmd|' /C calc'!A0,2022-03-01,'@区公安局,,,,'-1+1,a.txt,3\r\n",
    );
  });

  it('should start a file with a UTF-8 byte-order mark before the header', () => {
    expect(Buffer.from(CSV_BOM + CSV_HEADER, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
