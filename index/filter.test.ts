import { describe, expect, it } from 'vitest';
import { equals, filterValue, isAnyOf } from './filter.js';

describe('filter expressions', () => {
  it('should quote strings and escape quotes and backslashes, so user text never becomes syntax', () => {
    expect(filterValue('海政发〔2022〕5号')).toBe('"海政发〔2022〕5号"');
    expect(equals('issue', 'x" OR kind = "notice')).toBe('issue = "x\\" OR kind = \\"notice"');
    expect(filterValue('a\\')).toBe('"a\\\\"');
  });

  it('should write numbers bare and refuse non-finite ones', () => {
    expect(equals('year', 2022)).toBe('year = 2022');
    expect(() => filterValue(Number.NaN)).toThrow(TypeError);
  });

  it('should list values for IN', () => {
    expect(isAnyOf('sha256', ['a', 'b'])).toBe('sha256 IN ["a", "b"]');
  });
});
