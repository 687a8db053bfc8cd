import { describe, expect, it } from 'vitest';
import { departmentOfPost, departmentsInText, normalizeDepartment, readDepartmentList } from './departments.js';

describe('normalizeDepartment', () => {
  it('should fold short forms to full names through the alias data', () => {
    expect(normalizeDepartment('住建')).toBe('区住房和城乡建设局');
    expect(normalizeDepartment('区交通局')).toBe('区交通运输局');
    expect(normalizeDepartment('南通市海门区水利局')).toBe('区水利局');
    expect(normalizeDepartment('人行海门支行')).toBe('中国人民银行海门支行');
    expect(normalizeDepartment('区城市管理局（综合行政执法局）')).toBe('区城市管理局');
    expect(normalizeDepartment('海门自然资源局')).toBe('海门自然资源和规划局');
  });

  it('should give null for a name it does not know', () => {
    expect(normalizeDepartment('省金融监管局')).toBeNull();
  });
});

describe('readDepartmentList', () => {
  it('should distribute the 区 prefix of the first item (§4.1)', () => {
    expect(readDepartmentList('区交通局、住建局')).toEqual(['区交通运输局', '区住房和城乡建设局']);
  });

  it('should drop territorial units, list words and duplicates', () => {
    expect(readDepartmentList('住建、发改、发改等部门，各区镇')).toEqual(['区住房和城乡建设局', '区发展和改革委员会']);
    expect(readDepartmentList('各区镇、区科技局、发改委、商务局')).toEqual(['区科学技术局', '区发展和改革委员会', '区商务局']);
  });

  it('should not split a name on 和', () => {
    expect(readDepartmentList('区住房和城乡建设局、区文化广电和旅游局')).toEqual(['区住房和城乡建设局', '区文化广电和旅游局']);
  });
});

describe('departmentOfPost', () => {
  it('should cut the title off a post and fold the organisation', () => {
    expect(departmentOfPost('区公安局副局长')).toBe('区公安局');
    expect(departmentOfPost('南通市海门区交通运输局局长')).toBe('区交通运输局');
    expect(departmentOfPost('区公安局海防大队教导员')).toBe('区公安局');
    expect(departmentOfPost('区住房和城乡建设局局长助理')).toBe('区住房和城乡建设局');
    expect(departmentOfPost('包场镇财政局局长')).toBe('包场镇财政局');
  });
});

describe('departmentsInText', () => {
  it('should find departments named in running text, not two-character words', () => {
    expect(departmentsInText('区委副书记、区长沈旭东来到消防大队、邮政快递总仓库，检查交通安全')).toEqual(['海门消防救援大队']);
  });
});
