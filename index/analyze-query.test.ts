import misspellingData from './data/misspellings.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { analyzeQuery, queryStrings } from './analyze-query.js';

describe('analyzeQuery', () => {
  it('should convert traditional characters to simplified', () => {
    expect(analyzeQuery('社會保障 農業農村局').terms).toEqual(['社会保障', '农业农村局']);
  });

  it('should recognise a document number in any spelling', () => {
    for (const spelling of [
      '海政办发[2022]14号',
      '海政办发２０２２年14号',
      '海政办发 2022 14',
      '海政办发（2022）14号',
      '海政办发［2022］14号',
      '海政办發〔2022〕14號',
    ]) {
      expect(analyzeQuery(spelling).docNumber?.text).toBe('海政办发〔2022〕14号');
    }
    expect(analyzeQuery('被征地农民').docNumber).toBeNull();
  });

  it('should keep quoted phrases whole, with straight or curly quotes', () => {
    expect(analyzeQuery('“加强组织领导” 普查')).toMatchObject({ phrases: ['加强组织领导'], terms: ['普查'] });
  });

  it('should keep department names whole and drop stop words', () => {
    expect(analyzeQuery('区住房和城乡建设局的职责').terms).toEqual(['区住房和城乡建设局', '职责']);
  });
});

describe('misspellings', () => {
  it('should search the standard form of a common misspelling and say so, but never inside quotes', () => {
    expect(analyzeQuery('秸杆综合利用')).toMatchObject({
      terms: expect.arrayContaining(['秸秆']),
      corrections: [{ typed: '秸杆', searched: '秸秆' }],
    });
    expect(analyzeQuery('防讯 撤消')).toMatchObject({
      corrections: [
        { typed: '防讯', searched: '防汛' },
        { typed: '撤消', searched: '撤销' },
      ],
    });
    expect(analyzeQuery('"秸杆"')).toMatchObject({ phrases: ['秸杆'], corrections: [] });
    expect(analyzeQuery('秸秆综合利用').corrections).toEqual([]);
  });

  it('should hold only wrong forms that are never a standard form of the table', () => {
    const { misspellings } = misspellingData;
    const standard = new Set(Object.values(misspellings));
    for (const [wrong, right] of Object.entries(misspellings)) {
      expect(standard.has(wrong), wrong).toBe(false);
      expect(wrong).not.toBe(right);
      expect(wrong.length, wrong).toBe(right.length); // a 别字 swaps characters, it does not add or drop them
    }
  });
});

describe('queryStrings', () => {
  it('should send a short query as one string', () => {
    expect(queryStrings(analyzeQuery('被征地农民 社会保障'))).toEqual(['被征地农民 社会保障']);
  });

  it('should split a query of more than 10 words into groups, losing no word, each with the phrases', () => {
    const query = analyzeQuery(
      '"安全生产" 始终坚守数据质量第一原则，严格执行普查方案，规范普查工作流程，强化事前事中事后数据质量检查核查',
    );
    const groups = queryStrings(query);
    expect(groups.length).toBeGreaterThan(1);
    for (const group of groups) expect(group.startsWith('"安全生产" ')).toBe(true);
    expect(groups.flatMap((g) => g.split(' ').slice(1))).toEqual(query.terms);
    for (const group of groups) expect(group.split(' ').length).toBeLessThanOrEqual(10);
  });
});
