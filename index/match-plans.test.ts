import { describe, expect, it } from 'vitest';
import { analyzeQuery } from './analyze-query.js';
import { matchPlans } from './match-plans.js';

describe('matchPlans', () => {
  it('should match the words as typed, whole, first; then all but one; then loosely', () => {
    const plans = matchPlans(analyzeQuery('老旧小区 燃气 安全隐患'));
    expect(plans[0]!.queries).toEqual([{ q: '"老旧小区" "燃气" "安全隐患"', matchingStrategy: 'all' }]);
    expect(plans.map((plan) => plan.match).slice(-2)).toEqual(['all-but-one', 'some-words']);
  });

  it('should match a department alias as each of its names too, since a phrase takes no synonyms', () => {
    const [typed] = matchPlans(analyzeQuery('城管局 停车泊位'));
    const queries = typed!.queries.map((query) => query.q);
    expect(queries[0]).toBe('"城管局" "停车泊位"');
    expect(queries).toContain('"区城市管理局" "停车泊位"');
    expect(queries.length).toBeLessThanOrEqual(6);
  });

  it('should keep a word that names no department as it is', () => {
    expect(matchPlans(analyzeQuery('施春伟'))[0]).toEqual({
      match: 'all-words',
      queries: [{ q: '"施春伟"', matchingStrategy: 'all' }],
    });
  });
});
