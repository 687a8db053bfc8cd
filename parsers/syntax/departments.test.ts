import { describe, expect, it } from 'vitest';
import { departmentOfPost, departmentsInText, normalizeDepartment, readDepartmentList } from './departments.js';
import type { Jurisdiction } from './jurisdiction.js';

/** The jurisdiction with a profile (jurisdictions.json): every 海门 value below is today's. */
const HAIMEN: Jurisdiction = { name: '南通市海门区', level: '区' };
/** Invented places with no profile: they get the standard names at their level. */
const COUNTY: Jurisdiction = { name: '青山县', level: '县' };
const CITY: Jurisdiction = { name: '云川市', level: '市' };
const PROVINCE: Jurisdiction = { name: '东川省', level: '省' };

describe('normalizeDepartment in 南通市海门区 (its profile)', () => {
  it('should fold short forms to full names through the alias data', () => {
    expect(normalizeDepartment('住建', HAIMEN)).toBe('区住房和城乡建设局');
    expect(normalizeDepartment('区交通局', HAIMEN)).toBe('区交通运输局');
    expect(normalizeDepartment('南通市海门区水利局', HAIMEN)).toBe('区水利局');
    expect(normalizeDepartment('人行海门支行', HAIMEN)).toBe('中国人民银行海门支行');
    expect(normalizeDepartment('区城市管理局（综合行政执法局）', HAIMEN)).toBe('区城市管理局');
    expect(normalizeDepartment('海门自然资源局', HAIMEN)).toBe('海门自然资源和规划局');
  });

  it('should give the profile’s deviations for the standard names they replace', () => {
    expect(normalizeDepartment('自然资源局', HAIMEN)).toBe('海门自然资源和规划局');
    expect(normalizeDepartment('环保局', HAIMEN)).toBe('海门生态环境局');
    expect(normalizeDepartment('教育局', HAIMEN)).toBe('区教育体育局');
    expect(normalizeDepartment('税务', HAIMEN)).toBe('海门税务局');
    expect(normalizeDepartment('宣传部', HAIMEN)).toBe('区委宣传部');
  });

  it('should accept the jurisdiction by any of its names', () => {
    expect(normalizeDepartment('住建', '南通市海门区')).toBe('区住房和城乡建设局');
    expect(normalizeDepartment('住建', '海门')).toBe('区住房和城乡建设局');
  });

  it('should give null for another level’s department or a name it does not know', () => {
    expect(normalizeDepartment('省金融监管局', HAIMEN)).toBeNull();
    expect(normalizeDepartment('邮政分公司', HAIMEN)).toBeNull();
  });
});

describe('the government and its office as departments', () => {
  it('should give one name per body, however it is printed: the office, and the government itself', () => {
    for (const name of ['区政府办公室', '南通市海门区人民政府办公室', '海门区人民政府办公室', '区政府办', '政府办公室'])
      expect(normalizeDepartment(name, HAIMEN), name).toBe('区政府办公室');
    for (const name of ['区政府', '区人民政府', '南通市海门区人民政府', '政府'])
      expect(normalizeDepartment(name, HAIMEN), name).toBe('区人民政府');
    for (const name of ['青山县人民政府办公室', '县政府办'])
      expect(normalizeDepartment(name, COUNTY), name).toBe('县政府办公室');
    expect(normalizeDepartment('青山县人民政府', COUNTY)).toBe('县人民政府');
    expect(normalizeDepartment('东川省人民政府办公厅', PROVINCE)).toBe('省政府办公厅');
  });

  it('should not take 区政府 in running text for a responsible body', () => {
    expect(departmentsInText('经区政府同意，现将方案印发给你们', HAIMEN)).toEqual([]);
  });
});

describe('normalizeDepartment in a jurisdiction without a profile', () => {
  it('should give a county the standard names with 县, never a 海门 name', () => {
    expect(normalizeDepartment('住建局', COUNTY)).toBe('县住房和城乡建设局');
    expect(normalizeDepartment('交通局', COUNTY)).toBe('县交通运输局');
    expect(normalizeDepartment('县发改局', COUNTY)).toBe('县发展和改革局');
    expect(normalizeDepartment('发改委', COUNTY)).toBe('县发展和改革委员会');
    expect(normalizeDepartment('自然资源局', COUNTY)).toBe('县自然资源局');
    expect(normalizeDepartment('环保局', COUNTY)).toBe('县生态环境局');
    expect(normalizeDepartment('国土局', COUNTY)).toBe('县自然资源局');
    expect(normalizeDepartment('宣传部', COUNTY)).toBe('县委宣传部');
    expect(normalizeDepartment('青山县住建局', COUNTY)).toBe('县住房和城乡建设局');
    expect(normalizeDepartment('县住房和城乡建设局', COUNTY)).toBe('县住房和城乡建设局');
  });

  it('should give a city 市 names, and the city form where it differs', () => {
    expect(normalizeDepartment('住建', CITY)).toBe('市住房和城乡建设局');
    expect(normalizeDepartment('市场监管局', CITY)).toBe('市市场监督管理局');
    expect(normalizeDepartment('市市场监督管理局', CITY)).toBe('市市场监督管理局');
    expect(normalizeDepartment('消防', CITY)).toBe('市消防救援支队');
    expect(normalizeDepartment('云川市交通局', CITY)).toBe('市交通运输局');
  });

  it('should give a province 省 names with the provincial form (厅)', () => {
    expect(normalizeDepartment('住建', PROVINCE)).toBe('省住房和城乡建设厅');
    expect(normalizeDepartment('省住房城乡建设厅', PROVINCE)).toBe('省住房和城乡建设厅');
    expect(normalizeDepartment('东川省教育厅', PROVINCE)).toBe('省教育厅');
    expect(normalizeDepartment('公安局', PROVINCE)).toBe('省公安厅');
    expect(normalizeDepartment('省发展改革委', PROVINCE)).toBe('省发展和改革委员会');
    expect(normalizeDepartment('省市场监管局', PROVINCE)).toBe('省市场监督管理局');
  });

  it('should leave a higher level’s department as it is (null: the caller keeps it as printed)', () => {
    expect(normalizeDepartment('市住建局', COUNTY)).toBeNull();
    expect(normalizeDepartment('省财政厅', CITY)).toBeNull();
  });

  it('should resolve a full name to itself, so resolving twice changes nothing', () => {
    for (const where of [HAIMEN, COUNTY, CITY, PROVINCE, null]) {
      for (const alias of ['住建', '发改委', '宣传部', '消防', '交通局', '自然资源局']) {
        const name = normalizeDepartment(alias, where)!;
        expect(normalizeDepartment(name, where), `${alias} in ${where?.name}`).toBe(name);
      }
    }
  });
});

describe('normalizeDepartment with no jurisdiction or no level', () => {
  it('should fold a known short form to the standard name, keeping the level it is printed with', () => {
    expect(normalizeDepartment('住建')).toBe('住房和城乡建设局');
    expect(normalizeDepartment('住建局', null)).toBe('住房和城乡建设局');
    expect(normalizeDepartment('县交通局')).toBe('县交通运输局');
    expect(normalizeDepartment('区住建局')).toBe('区住房和城乡建设局');
    expect(normalizeDepartment('省住建厅')).toBe('省住房和城乡建设厅');
    expect(normalizeDepartment('市场监管局')).toBe('市场监督管理局');
    expect(normalizeDepartment('某某服务中心')).toBeNull();
  });

  it('should take a place whose name has no level word as level-less', () => {
    expect(normalizeDepartment('住建局', { name: '某地', level: null })).toBe('住房和城乡建设局');
  });

  it('should give the central government its ministries', () => {
    const central: Jurisdiction = { name: '中华人民共和国', level: null };
    expect(normalizeDepartment('发展改革委', central)).toBe('国家发展和改革委员会');
    expect(normalizeDepartment('科技部', central)).toBe('科学技术部');
    expect(normalizeDepartment('省财政厅', central)).toBe('省财政厅');
  });
});

describe('readDepartmentList', () => {
  it('should distribute the level prefix of the first item (§4.1)', () => {
    expect(readDepartmentList('区交通局、住建局', HAIMEN)).toEqual(['区交通运输局', '区住房和城乡建设局']);
    expect(readDepartmentList('县交通局、住建局', COUNTY)).toEqual(['县交通运输局', '县住房和城乡建设局']);
    expect(readDepartmentList('县交通局、住建局')).toEqual(['县交通运输局', '县住房和城乡建设局']);
  });

  it('should read a county’s list relative to the county', () => {
    expect(readDepartmentList('交通局、公安局、住建局', COUNTY)).toEqual([
      '县交通运输局',
      '县公安局',
      '县住房和城乡建设局',
    ]);
    expect(readDepartmentList('交通局、公安局、住建局', PROVINCE)).toEqual([
      '省交通运输厅',
      '省公安厅',
      '省住房和城乡建设厅',
    ]);
  });

  it('should drop territorial units, list words and duplicates', () => {
    expect(readDepartmentList('住建、发改、发改等部门，各区镇', HAIMEN)).toEqual([
      '区住房和城乡建设局',
      '区发展和改革委员会',
    ]);
    expect(readDepartmentList('各区镇、区科技局、发改委、商务局', HAIMEN)).toEqual([
      '区科学技术局',
      '区发展和改革委员会',
      '区商务局',
    ]);
    expect(readDepartmentList('县财政局，各乡镇，城关镇', COUNTY)).toEqual(['县财政局']);
  });

  it('should not split a name on 和', () => {
    expect(readDepartmentList('区住房和城乡建设局、区文化广电和旅游局', HAIMEN)).toEqual([
      '区住房和城乡建设局',
      '区文化广电和旅游局',
    ]);
  });

  it('should keep an unknown organisation as printed, never null', () => {
    expect(readDepartmentList('县交通局、邮政分公司', COUNTY)).toEqual(['县交通运输局', '邮政分公司']);
  });
});

describe('departmentOfPost', () => {
  it('should cut the title off a post and fold the organisation', () => {
    expect(departmentOfPost('区公安局副局长', HAIMEN)).toBe('区公安局');
    expect(departmentOfPost('南通市海门区交通运输局局长', HAIMEN)).toBe('区交通运输局');
    expect(departmentOfPost('区公安局海防大队教导员', HAIMEN)).toBe('区公安局');
    expect(departmentOfPost('区住房和城乡建设局局长助理', HAIMEN)).toBe('区住房和城乡建设局');
    expect(departmentOfPost('包场镇财政局局长', HAIMEN)).toBe('包场镇财政局');
  });

  it('should resolve a post relative to its jurisdiction', () => {
    expect(departmentOfPost('县住建局副局长', COUNTY)).toBe('县住房和城乡建设局');
    expect(departmentOfPost('青山县交通运输局局长', COUNTY)).toBe('县交通运输局');
    expect(departmentOfPost('省教育厅副厅长', PROVINCE)).toBe('省教育厅');
  });
});

describe('departmentsInText', () => {
  it('should find departments named in running text, not two-character words', () => {
    expect(departmentsInText('区委副书记、区长沈旭东来到消防大队、邮政快递总仓库，检查交通安全', HAIMEN)).toEqual([
      '海门消防救援大队',
    ]);
  });

  it('should skip a short form in a clause that names a higher level', () => {
    expect(departmentsInText('云川市委副书记、宣传部部长来县调研；县住建局汇报工作', COUNTY)).toEqual([
      '县住房和城乡建设局',
    ]);
  });

  it('should take the level printed before a name when the jurisdiction has none', () => {
    expect(departmentsInText('东川省教育厅会同县交通局检查', null)).toEqual(['省教育厅', '县交通运输局']);
  });
});
