import { describe, expect, it } from 'vitest';
import { buildFilter } from './build-filter.js';

describe('buildFilter', () => {
  it('should resolve a department relative to the jurisdiction given, and filter on both', () => {
    expect(buildFilter({ department: '住建', jurisdiction: '青山县' })).toEqual([
      'departments = "县住房和城乡建设局"',
      'jurisdiction = "青山县"',
    ]);
    expect(buildFilter({ department: '住建', jurisdiction: '海门' })).toEqual([
      'departments = "区住房和城乡建设局"',
      'jurisdiction = "南通市海门区"',
    ]);
    expect(buildFilter({ department: '住建', jurisdiction: '东川省' })).toEqual([
      'departments = "省住房和城乡建设厅"',
      'jurisdiction = "东川省"',
    ]);
  });

  it('should match a short form in every jurisdiction when none is given', () => {
    const [filter] = buildFilter({ department: '住建' });
    expect(filter).toMatch(/^departments IN \[/u);
    for (const name of ['区住房和城乡建设局', '县住房和城乡建设局', '省住房和城乡建设厅', '住房和城乡建设局'])
      expect(filter).toContain(`"${name}"`);
  });

  it('should keep a full name as one value, and an unknown name as given', () => {
    expect(buildFilter({ department: '县住房和城乡建设局' })).toEqual(['departments = "县住房和城乡建设局"']);
    expect(buildFilter({ department: '某某服务中心' })).toEqual(['departments = "某某服务中心"']);
  });

  it('should filter on a jurisdiction alone, by any of its names', () => {
    expect(buildFilter({ jurisdiction: '海门区' })).toEqual(['jurisdiction = "南通市海门区"']);
  });
});
