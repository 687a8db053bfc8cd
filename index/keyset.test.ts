import { describe, expect, it } from 'vitest';
import { KEYSET_PHASES, afterKey, atOrBeforeKey, compareByKey, keyOf } from './keyset.js';

const KEYS = KEYSET_PHASES[0]!.keys;

describe('keyset filters', () => {
  it('should ask for the records after a key, most significant attribute first', () => {
    expect(afterKey(KEYS, [20220315, 7, 'c-0a1b'])).toBe(
      '((dateValue > 20220315) OR (dateValue = 20220315 AND source.line > 7) OR (dateValue = 20220315 AND source.line = 7 AND id > "c-0a1b"))',
    );
  });

  it('should end a window at a key, that key included', () => {
    expect(atOrBeforeKey(['source.line', 'id'], [7, 'c-0a1b'])).toBe(
      '((source.line < 7) OR (source.line = 7 AND id <= "c-0a1b"))',
    );
  });

  it('should quote and lowercase string values, as Meilisearch compares them with the stored values lowercased', () => {
    expect(afterKey(['id'], ['N-"x'])).toBe('((id > "n-\\"x"))');
  });

  it("should read a record's key, nested attributes included, and sort records by it", () => {
    const a = { id: 'c-2', dateValue: 20220301, source: { line: 9 } };
    const b = { id: 'c-1', dateValue: 20220301, source: { line: 9 } };
    const c = { id: 'c-0', dateValue: 20220302, source: { line: 1 } };
    expect(keyOf(a, KEYS)).toEqual([20220301, 9, 'c-2']);
    expect([c, a, b].sort(compareByKey(KEYS))).toEqual([b, a, c]);
    expect(() => keyOf({ id: 'c-3', dateValue: null, source: { line: 1 } }, KEYS)).toThrow(TypeError);
  });
});
