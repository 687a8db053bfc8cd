import { describe, expect, it } from 'vitest';
import { jurisdictionNamed, jurisdictionOfDocPrefix, jurisdictionOfIssuer } from './jurisdiction.js';
import { placePrefixes, placeSuffixes } from './place-names.js';

describe('jurisdictionOfIssuer', () => {
  it('should read the place before 人民政府 or a department, with the level its name ends with', () => {
    expect(jurisdictionOfIssuer('青山县人民政府办公室')).toEqual({ name: '青山县', level: '县' });
    expect(jurisdictionOfIssuer('东川省人民政府办公厅')).toEqual({ name: '东川省', level: '省' });
    expect(jurisdictionOfIssuer('东川省市场监督管理局')).toEqual({ name: '东川省', level: '省' });
    expect(jurisdictionOfIssuer('中共东川省市场监督管理局党组')).toEqual({ name: '东川省', level: '省' });
    expect(jurisdictionOfIssuer('云川市人民政府')).toEqual({ name: '云川市', level: '市' });
    expect(jurisdictionOfIssuer('云川市青山区住房和城乡建设局')).toEqual({ name: '云川市青山区', level: '区' });
    expect(jurisdictionOfIssuer('白云自治州人民政府')).toEqual({ name: '白云自治州', level: '州' });
    expect(jurisdictionOfIssuer('青山县扶贫开发领导小组办公室')).toEqual({ name: '青山县', level: '县' });
  });

  it('should find a profile by the names that open its issuers', () => {
    expect(jurisdictionOfIssuer('南通市海门区人民政府')).toEqual({ name: '南通市海门区', level: '区' });
    expect(jurisdictionOfIssuer('海门区人民政府办公室')).toEqual({ name: '南通市海门区', level: '区' });
    expect(jurisdictionOfIssuer('国务院办公厅')).toEqual({ name: '中华人民共和国', level: null });
    expect(jurisdictionOfIssuer('科学技术部')).toEqual({ name: '中华人民共和国', level: null });
  });

  it('should take the first of joint issuers', () => {
    expect(jurisdictionOfIssuer('青山县人民政府 青山县人民武装部')).toEqual({ name: '青山县', level: '县' });
  });

  it('should give null when no place can be told', () => {
    expect(jurisdictionOfIssuer('区政府办公室')).toBeNull();
    expect(jurisdictionOfIssuer('青山经济开发区管委会')).toBeNull();
    expect(jurisdictionOfIssuer('某某协会')).toBeNull();
  });
});

describe('jurisdictionOfDocPrefix', () => {
  it('should find the profile that lists a document-number prefix', () => {
    expect(jurisdictionOfDocPrefix('海政办发')).toEqual({ name: '南通市海门区', level: '区' });
    expect(jurisdictionOfDocPrefix('青政办发')).toBeNull();
  });
});

describe('jurisdictionNamed', () => {
  it('should take a profile by any of its names, else the level the name ends with', () => {
    expect(jurisdictionNamed('海门')).toEqual({ name: '南通市海门区', level: '区' });
    expect(jurisdictionNamed('青山县')).toEqual({ name: '青山县', level: '县' });
    expect(jurisdictionNamed('东川省')).toEqual({ name: '东川省', level: '省' });
    expect(jurisdictionNamed('某地')).toEqual({ name: '某地', level: null });
  });
});

describe('place names', () => {
  it('should cut a place into its units, never before a unit’s name', () => {
    expect(placePrefixes('东川省市场监督管理局').map((p) => p.place)).toEqual(['东川省']);
    expect(placePrefixes('云川市青山区人民政府').map((p) => p.place)).toEqual(['云川市青山区', '云川市']);
  });

  it('should give the names a place goes by in its own documents', () => {
    expect(placeSuffixes('云川市青山区')).toEqual(['云川市青山区', '青山区']);
    expect(placeSuffixes('青山县')).toEqual(['青山县']);
  });
});
