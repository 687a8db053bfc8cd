import { describe, expect, it } from 'vitest';
import { RECORD_INDEX_SETTINGS } from './settings.js';

describe('RECORD_INDEX_SETTINGS', () => {
  it('should not change by accident', () => {
    const { dictionary, synonyms, ...rest } = RECORD_INDEX_SETTINGS;
    expect(rest).toMatchSnapshot();
    expect(dictionary.length).toBeGreaterThan(100);
    // A short form finds the profile's full name and the standard name every level's name holds.
    expect(synonyms.住建).toEqual(['区住房和城乡建设局', '住房和城乡建设部', '住房和城乡建设局']);
  });

  it('should let exports page by keyset: id and source.line filterable, the keyset order sortable', () => {
    expect(RECORD_INDEX_SETTINGS.filterableAttributes).toEqual(
      expect.arrayContaining(['id', 'source.line', 'dateValue']),
    );
    expect(RECORD_INDEX_SETTINGS.sortableAttributes).toEqual(
      expect.arrayContaining(['id', 'source.line', 'dateValue']),
    );
  });

  it('should make filterable every field the API filters and facets on', () => {
    expect(RECORD_INDEX_SETTINGS.filterableAttributes).toEqual(
      expect.arrayContaining([
        'kind',
        'issue',
        'jurisdiction',
        'departments',
        'docNumber',
        'docType',
        'issuer',
        'people',
        'person',
        'dateValue',
        'year',
      ]),
    );
  });
});
