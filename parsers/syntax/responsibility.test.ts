import { describe, expect, it } from 'vitest';
import type { Jurisdiction } from './jurisdiction.js';
import { dutyDepartments, headingDepartments, taggedDepartments } from './responsibility.js';

const HAIMEN: Jurisdiction = { name: '南通市海门区', level: '区' };
const COUNTY: Jurisdiction = { name: '青山县', level: '县' };

describe('taggedDepartments', () => {
  it('should keep every ；-separated part of a tag', () => {
    expect(taggedDepartments('统筹资金保障。（牵头单位：县发改局；配合单位：县财政局、县自然资源局）', COUNTY)).toEqual(
      ['县发展和改革局', '县财政局', '县自然资源局'],
    );
    expect(
      taggedDepartments('加强监管。（牵头单位：区市场监管局；配合单位：区公安局。参与单位：区商务局）', HAIMEN),
    ).toEqual(['区市场监督管理局', '区公安局', '区商务局']);
  });

  it('should keep the parts of a tag without keys, and leave out parts that name no one responsible', () => {
    expect(taggedDepartments('完成改造。（县住建局牵头；县公安局配合）', COUNTY)).toEqual([
      '县住房和城乡建设局',
      '县公安局',
    ]);
    expect(taggedDepartments('完成改造。（责任单位：县交通局；完成时限：2023年底前）', COUNTY)).toEqual([
      '县交通运输局',
    ]);
  });

  it('should resolve the tag relative to the jurisdiction', () => {
    const text = '完成县乡道改造80公里。（责任单位：交通局、公安局、住建局）';
    expect(taggedDepartments(text, COUNTY)).toEqual(['县交通运输局', '县公安局', '县住房和城乡建设局']);
    expect(taggedDepartments(text, HAIMEN)).toEqual(['区交通运输局', '区公安局', '区住房和城乡建设局']);
    expect(taggedDepartments(text)).toEqual(['交通运输局', '公安局', '住房和城乡建设局']);
  });

  it('should keep the comma-separated keys it read before', () => {
    expect(taggedDepartments('（牵头部门：区住建局，参与部门：区城管局、区公安局）', HAIMEN)).toEqual([
      '区住房和城乡建设局',
      '区城市管理局',
      '区公安局',
    ]);
  });
});

describe('dutyDepartments and headingDepartments', () => {
  it('should read a duty line’s label relative to the jurisdiction', () => {
    expect(dutyDepartments('青山县应急管理局：牵头组织安全生产检查', COUNTY)).toEqual(['县应急管理局']);
    expect(dutyDepartments('区发改委：建立项目库', HAIMEN)).toEqual(['区发展和改革委员会']);
  });

  it('should read the departments of a working-group heading', () => {
    expect(headingDepartments('（一）综合协调组（县政府办公室、住房和城乡建设局）', COUNTY)).toEqual([
      '县政府办公室',
      '县住房和城乡建设局',
    ]);
  });
});
