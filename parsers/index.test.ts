import { describe, expect, it } from 'vitest';
import * as parsers from './index.js';

describe('parsers/index.ts', () => {
  it('should export exactly the public entry points', () => {
    expect(Object.keys(parsers).sort()).toEqual([
      'DecodeError',
      'GazetteError',
      'TRANSFORMS',
      'createProcessor',
      'departmentEverywhere',
      'departmentGlossaries',
      'findCitedDocNumbers',
      'formatDocNumber',
      'formatMessage',
      'isTotalRow',
      'jurisdictionNamed',
      'normalizeDepartment',
      'parseDocNumberQuery',
      'parseGazette',
      'parseGazetteStreaming',
    ]);
  });
});
