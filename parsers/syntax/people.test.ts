import { describe, expect, it } from 'vitest';
import { namesAfterRoles, peopleIn } from './people.js';

describe('namesAfterRoles', () => {
  it('should read names after titles, two or three characters', () => {
    expect(namesAfterRoles('区委书记郭晓敏，区委副书记、区长沈旭东，区人大常委会主任成伟出席会议')).toEqual([
      '郭晓敏',
      '沈旭东',
      '成伟',
    ]);
    expect(namesAfterRoles('市委副书记、代市长张彤率队来海')).toEqual(['张彤']);
  });

  it('should not take words after a title for names', () => {
    expect(namesAfterRoles('习近平总书记关于政法工作的重要论述')).toEqual([]);
    expect(namesAfterRoles('区委常委会召开会议')).toEqual([]);
  });
});

describe('peopleIn', () => {
  it('should add known names mentioned bare, in order of appearance', () => {
    expect(peopleIn('沈旭东主持召开全区安委会会议，区委书记郭晓敏出席', ['沈旭东'])).toEqual(['沈旭东', '郭晓敏']);
  });
});
