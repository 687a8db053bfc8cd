import SwaggerParser from '@apidevtools/swagger-parser';
import type { FastifyInstance } from 'fastify';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordSearch, searchOnlyKey } from '../index/index.js';
import { processIssue } from '../ingest/processor.js';
import { CORPUS_FILES, corpusBytes, dropIndexes, isolated } from '../tests/helpers/ingest-setup.js';
import { TestMeili } from '../tests/helpers/test-meili.js';
import { buildApp } from './app.js';

let meili: TestMeili;
let app: FastifyInstance;
let key: string;
const setup = isolated('api');

// A notice of another county (its 住建局 is the county's, not 海门's).
const COUNTY = 'tests/synthetic/qingshan-county-notice.txt';
// An older notice that 海政发〔2022〕8号 repeals (同时废止), so the repeal status can be seen.
const REPEALED = [
  '关于加强城市绿化管理工作的通知',
  '海政发〔2017〕14号',
  '',
  '各区镇人民政府：',
  '',
  '一、做好城市绿化管理工作。',
  '',
  '南通市海门区人民政府',
  '',
  '2017年5月2日',
  '',
].join('\n');

beforeAll(async () => {
  meili = await TestMeili.start();
  const context = { archive: setup.archive, client: meili.client, names: setup.names };
  for (const file of CORPUS_FILES)
    await processIssue({ sha256: setup.archive.store(corpusBytes(file), file), file }, context);
  await processIssue({ sha256: setup.archive.store(Buffer.from(REPEALED), 'old.txt'), file: 'old.txt' }, context);
  await processIssue({ sha256: setup.archive.store(corpusBytes(COUNTY), COUNTY), file: COUNTY }, context);
  key = await searchOnlyKey(meili.client, setup.names);
  const client = new Meilisearch({ host: meili.url, apiKey: key });
  app = await buildApp({ search: new RecordSearch(client, setup.names), healthy: async () => true });
}, 120_000);
afterAll(async () => {
  await app.close();
  await dropIndexes(meili.client, setup.names);
  await meili.stop();
});

async function get(url: string) {
  const response = await app.inject({ method: 'GET', url });
  return {
    status: response.statusCode,
    body: response.headers['content-type']?.toString().startsWith('application/json') ? response.json() : response.body,
    headers: response.headers,
  };
}

describe('GET /api/search', () => {
  it('should return hits as a result list shows them: the record without its long fields, a crop, highlights, clause paths and facets', async () => {
    const { status, body } = await get(`/api/search?q=${encodeURIComponent('被征地农民')}&kind=clause`);
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(0);
    const hit = body.hits[0];
    expect(hit).toMatchObject({
      kind: 'clause',
      docNumber: expect.any(String),
      crop: expect.stringContaining('被征地农民'),
      source: { file: expect.any(String), line: expect.any(Number) },
      path: expect.any(Array),
    });
    expect(hit.highlight.text).toContain('<mark>');
    for (const field of ['text', 'tokens', 'keywords', 'members', 'contentHash'])
      expect(hit[field], field).toBeUndefined();
  });

  it("should keep the long fields out of every hit (a table's cells, a notice's text) and serve them by the notice's own route", async () => {
    const { body } = await get('/api/search?kind=table&limit=10');
    expect(body.hits.length).toBeGreaterThan(0);
    for (const hit of body.hits) {
      expect(hit.rows).toBeUndefined();
      expect(hit.text).toBeUndefined();
      expect(hit.crop.length).toBeGreaterThan(0);
    }
    const notice = (await get(`/api/notices/${body.hits[0].noticeId}`)).body;
    expect(notice.tables.find((t: { id: string }) => t.id === body.hits[0].id).rows.length).toBeGreaterThan(0);
    expect(Object.keys(body.facets).sort()).toEqual([
      'departments',
      'docType',
      'jurisdiction',
      'kind',
      'people',
      'year',
    ]);
  });

  it('should find a short word inside a longer one (农业 in 区农业农村局)', async () => {
    const { body } = await get(`/api/search?q=${encodeURIComponent('农业')}&limit=100`);
    expect(
      body.hits.some(
        (h: { crop: string }) =>
          h.crop.includes('区农业农村局') && !h.crop.replace(/区农业农村局/g, '').includes('农业'),
      ),
    ).toBe(true);
  });

  it("should keep two governments' 住建局 apart: relative to the jurisdiction asked for, else each its own", async () => {
    const county = await get(
      `/api/search?department=${encodeURIComponent('住建')}&jurisdiction=${encodeURIComponent('青山县')}&limit=100`,
    );
    expect(county.body.total).toBeGreaterThan(0);
    for (const hit of county.body.hits) {
      expect(hit.jurisdiction).toBe('青山县');
      expect(hit.departments).toContain('县住房和城乡建设局');
    }
    const haimen = await get(
      `/api/search?department=${encodeURIComponent('住建')}&jurisdiction=${encodeURIComponent('海门')}&limit=100`,
    );
    expect(haimen.body.total).toBeGreaterThan(0);
    expect(haimen.body.hits.every((h: { jurisdiction: string }) => h.jurisdiction === '南通市海门区')).toBe(true);
    const both = await get(`/api/search?department=${encodeURIComponent('住建')}&limit=100`);
    expect(both.body.facets.jurisdiction).toMatchObject({ 青山县: county.body.total, 南通市海门区: haimen.body.total });
  });

  it('should count people as a facet, and filter by a person', async () => {
    const { body } = await get('/api/search?limit=0');
    const [name, count] = Object.entries(body.facets.people as Record<string, number>).sort((a, b) => b[1] - a[1])[0]!;
    const { body: filtered } = await get(`/api/search?person=${encodeURIComponent(name)}&limit=100`);
    expect(filtered.total).toBe(count);
    for (const hit of filtered.hits) expect(hit.people).toContain(name);
  });

  it('should filter by department given as an abbreviation, with no query', async () => {
    const { body } = await get(`/api/search?department=${encodeURIComponent('住建')}&limit=100`);
    expect(body.total).toBeGreaterThan(0);
    for (const hit of body.hits)
      expect(hit.departments.some((d: string) => /^[区县]住房和城乡建设局$/u.test(d))).toBe(true);
  });

  it('should fold the government and its office to one facet value each, found by any of their names', async () => {
    const { body: all } = await get(`/api/search?limit=0&jurisdiction=${encodeURIComponent('海门')}`);
    const facet = Object.keys(all.facets.departments);
    expect(facet).toContain('区政府办公室');
    expect(facet.filter((d) => /人民政府办公室$/u.test(d))).toEqual([]);
    const totals = new Set<number>();
    for (const name of ['区政府办公室', '南通市海门区人民政府办公室', '区政府办'])
      totals.add((await get(`/api/search?limit=0&department=${encodeURIComponent(name)}`)).body.total);
    expect(totals.size).toBe(1);
    expect([...totals][0]).toBeGreaterThan(0);
    const { body: government } = await get(
      `/api/search?kind=notice&department=${encodeURIComponent('区政府')}&jurisdiction=${encodeURIComponent('海门')}`,
    );
    expect(government.total).toBeGreaterThan(0);
    for (const hit of government.hits) expect(hit.departments).toContain('区人民政府');
  });

  it('should take a part of a department name for every department containing it', async () => {
    const { body: parts } = await get(`/api/departments?q=${encodeURIComponent('自然资源')}`);
    expect(parts.departments.length).toBeGreaterThan(0);
    for (const d of parts.departments) expect(d.value).toContain('自然资源');
    // A part inside a word, which Meilisearch's facet search (word prefixes) alone misses.
    const { body: inner } = await get(`/api/departments?q=${encodeURIComponent('规划')}`);
    expect(inner.departments.map((d: { value: string }) => d.value)).toEqual(
      expect.arrayContaining(
        parts.departments
          .filter((d: { value: string }) => d.value.includes('规划'))
          .map((d: { value: string }) => d.value),
      ),
    );
    const { body } = await get(`/api/search?department=${encodeURIComponent('自然资源')}&limit=100`);
    // Every record of any of them: at least as many as the largest holds.
    expect(body.total).toBeGreaterThanOrEqual(Math.max(...parts.departments.map((d: { count: number }) => d.count)));
    for (const hit of body.hits) expect(hit.departments.some((d: string) => d.includes('自然资源'))).toBe(true);
    expect((await get(`/api/search?department=${encodeURIComponent('火星探测')}`)).body.total).toBe(0);
  });

  it('should answer a document number in any spelling with that notice first', async () => {
    for (const spelling of ['海政办发[2022]14号', '海政办发２０２２年14号', '海政办发 2022 14']) {
      const { body } = await get(`/api/search?q=${encodeURIComponent(spelling)}`);
      expect(body.hits[0]).toMatchObject({ kind: 'notice', docNumber: '海政办发〔2022〕14号' });
      const own = body.hits.length - body.interpretation.citing;
      for (const hit of body.hits.slice(0, own)) expect(hit.docNumber).toBe('海政办发〔2022〕14号');
      for (const hit of body.hits.slice(own)) expect(hit.cites).toContain('海政办发〔2022〕14号');
    }
    const { body } = await get(`/api/search?docNumber=${encodeURIComponent('海政办发(2022)14号')}&kind=notice`);
    expect(body.total).toBe(1);
  });

  it('should search the standard form of a common misspelling, say so, and search a quoted one as typed', async () => {
    const { body } = await get(`/api/search?q=${encodeURIComponent('秸杆')}`);
    expect(body.interpretation.corrections).toEqual([{ typed: '秸杆', searched: '秸秆' }]);
    expect(body.total).toBeGreaterThan(0);
    for (const hit of body.hits.slice(0, 5)) expect(`${hit.title ?? ''}${hit.crop}`).toContain('秸秆');
    const { body: quoted } = await get(`/api/search?q=${encodeURIComponent('"秸杆"')}`);
    expect(quoted.interpretation.corrections).toEqual([]);
  });

  it('should answer a number that only other documents cite with the provisions citing it, in any bracket', async () => {
    for (const spelling of [
      '苏政发〔2021〕87号',
      '苏政发﹝2021﹞87号',
      '苏政发（2021）87号',
      '苏政发【2021】87号',
      '苏政发 2021年 第87号',
    ]) {
      const { body } = await get(`/api/search?q=${encodeURIComponent(spelling)}`);
      expect(body.interpretation, spelling).toMatchObject({ docNumber: '苏政发〔2021〕87号' });
      expect(body.total, spelling).toBeGreaterThan(0);
      expect(body.interpretation.citing).toBe(body.total);
      for (const hit of body.hits) expect(hit.cites).toContain('苏政发〔2021〕87号');
      expect(
        body.hits.some((hit: { kind: string; crop: string }) => hit.kind === 'clause' && hit.crop.includes('87号')),
      ).toBe(true);
    }
  });

  it('should suggest the nearest existing numbers for a number that nothing has or cites', async () => {
    const { body } = await get(`/api/search?q=${encodeURIComponent('海政办〔2022〕14号')}`);
    expect(body.total).toBe(0);
    expect(body.interpretation.suggestions[0]).toBe('海政办发〔2022〕14号');
    const { body: far } = await get(`/api/search?q=${encodeURIComponent('京政发〔1999〕999号')}`);
    expect(far).toMatchObject({ total: 0, interpretation: { suggestions: [] } });
  });

  it('should match a word whole, never a scatter of its characters: a name finds that person only', async () => {
    const shown = (hit: Record<string, unknown>) =>
      [hit.title, hit.heading, hit.crop, hit.person, ...((hit.people as string[]) ?? [])].join('');
    const { body } = await get(`/api/search?q=${encodeURIComponent('施春伟')}&limit=100`);
    expect(body.interpretation.match).toBe('all-words');
    expect(body.total).toBeGreaterThan(0);
    expect(body.hits).toHaveLength(body.total);
    for (const hit of body.hits) expect(shown(hit)).toContain('施春伟');
    expect(Object.values(body.facets.kind as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(body.total);
    for (const word of ['新三板挂牌', '秸秆', '养老金', '征地']) {
      const { body: answer } = await get(`/api/search?q=${encodeURIComponent(word)}&limit=10`);
      expect(answer.total, word).toBeGreaterThan(0);
      for (const hit of answer.hits) expect(shown(hit), word).toContain(word);
    }
  });

  it('should find nothing for words in no record, and say so when it loosens a longer query', async () => {
    for (const absent of ['元宇宙', '量子纠缠', '火星探测器 登月舱'])
      expect((await get(`/api/search?q=${encodeURIComponent(absent)}`)).body.total, absent).toBe(0);
    const { body } = await get(`/api/search?q=${encodeURIComponent('老旧小区 燃气 安全隐患 排查整治')}&kind=clause`);
    expect(body.interpretation.match).toBe('all-but-one');
    expect(body.totalExact).toBe(false);
    expect(body.hits[0].crop).toContain('全面排查整治老旧小区燃气安全风险和重大隐患');
  });

  it('should give one hit per notice when asked', async () => {
    const { body } = await get(`/api/search?q=${encodeURIComponent('安全生产')}&distinct=true&limit=100`);
    const notices = body.hits
      .map((h: { kind: string; id: string; noticeId?: string }) => (h.kind === 'notice' ? h.id : h.noticeId))
      .filter(Boolean);
    expect(new Set(notices).size).toBe(notices.length);
  });

  it('should give the matching records of chosen notices, and only theirs', async () => {
    const q = encodeURIComponent('安全生产');
    const page = (await get(`/api/search?q=${q}&distinct=true&limit=3`)).body;
    const chosen = page.hits.map((h: { kind: string; id: string; noticeId?: string }) =>
      h.kind === 'notice' ? h.id : h.noticeId,
    );
    const { body } = await get(`/api/search?q=${q}&notices=${chosen.join(',')}&limit=100`);
    const all = (await get(`/api/search?q=${q}&limit=100`)).body;
    const noticeOf = (h: { kind: string; id: string; noticeId?: string }) => (h.kind === 'notice' ? h.id : h.noticeId);
    expect(body.hits.length).toBeGreaterThan(chosen.length - 1);
    expect(body.hits.map((h: { id: string }) => h.id).sort()).toEqual(
      all.hits
        .filter((h: { kind: string; id: string; noticeId?: string }) => chosen.includes(noticeOf(h)))
        .map((h: { id: string }) => h.id)
        .sort(),
    );
    expect(await get('/api/search?notices=a,b%20c')).toMatchObject({ status: 400, body: { parameter: 'notices' } });
  });

  it('should refuse a bad parameter with a 400 that names it, in one format', async () => {
    expect(await get('/api/search?limit=500')).toMatchObject({
      status: 400,
      body: {
        statusCode: 400,
        code: 'FST_ERR_VALIDATION',
        error: 'Bad Request',
        message: 'invalid querystring: limit: must be <= 100',
        parameter: 'limit',
      },
    });
    expect(await get('/api/search?colour=red')).toMatchObject({
      status: 400,
      body: { message: 'invalid querystring: colour: unknown parameter', parameter: 'colour' },
    });
    expect(await get('/api/search?kind=memo')).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('kind: must be equal to one of the allowed values'), parameter: 'kind' },
    });
  });

  it('should take only real dates and a range in order', async () => {
    for (const date of ['2022-13-45', '2022-02-29', '2022-04-31', '2022-13', '2022-1-1']) {
      expect(await get(`/api/search?from=${date}`)).toMatchObject({
        status: 400,
        body: { message: 'invalid querystring: from: must be a real date, YYYY-MM-DD', parameter: 'from' },
      });
    }
    expect((await get('/api/search?from=2024-02-29&to=2024-03-01')).status).toBe(200);
    for (const route of ['/api/search', '/api/events', '/api/export']) {
      expect(await get(`${route}?from=2022-05-01&to=2022-04-30`)).toMatchObject({
        status: 400,
        body: { code: 'bad_range', message: 'to: 2022-04-30 is before from: 2022-05-01', parameter: 'to' },
      });
    }
  });

  it('should answer every error in the format of a bad parameter', async () => {
    const shape = {
      statusCode: expect.any(Number),
      code: expect.any(String),
      error: expect.any(String),
      message: expect.any(String),
    };
    const notice = await get('/api/notices/nope');
    expect(notice).toMatchObject({ status: 404, body: { ...shape, code: 'not_found', parameter: 'id' } });
    expect(await get('/api/no-such-route')).toMatchObject({
      status: 404,
      body: { ...shape, statusCode: 404, error: 'Not Found' },
    });
    expect(await get(`/api/doc-numbers/${encodeURIComponent('城市绿化')}`)).toMatchObject({
      status: 400,
      body: { ...shape, code: 'not_a_doc_number', parameter: 'docNumber' },
    });
    expect(await get('/api/feed.atom')).toMatchObject({ status: 400, body: { ...shape, parameter: 'department' } });
  });

  it('should never let a filter value become filter syntax', async () => {
    const { status, body } = await get(`/api/search?department=${encodeURIComponent('x" OR kind = "notice')}`);
    expect(status).toBe(200);
    expect(body.total).toBe(0);
  });
});

describe('lookups', () => {
  it('should show a notice with its clauses, tables, citations, and its repeal by a later notice', async () => {
    const { body: found } = await get(`/api/search?q=${encodeURIComponent('海政发〔2017〕14号')}`);
    const { status, body } = await get(`/api/notices/${found.hits[0].id}`);
    expect(status).toBe(200);
    expect(body.notice.title).toBe('关于加强城市绿化管理工作的通知');
    expect(body.clauses.map((c: { path: string[] }) => c.path)).toContainEqual(['一、']);
    expect(body.status).toMatchObject({ state: 'repealed', repealedBy: [{ docNumber: '海政发〔2022〕8号' }] });
    const { body: repealing } = await get(`/api/notices/${body.status.repealedBy[0].id}`);
    expect(repealing.status.state).toBe('in-force');
    expect(repealing.clauses.length).toBeGreaterThan(0);
    expect((await get('/api/notices/nope')).status).toBe(404);
  });

  it('should resolve a document number typed any way, and refuse what is not one', async () => {
    const { body } = await get(`/api/doc-numbers/${encodeURIComponent('海政办发［2022］14号')}`);
    expect(body.docNumber).toBe('海政办发〔2022〕14号');
    expect(body.notices).toHaveLength(1);
    expect((await get(`/api/doc-numbers/${encodeURIComponent('城市绿化')}`)).status).toBe(400);
  });

  it("should list a person's appointments and removals and the events naming them", async () => {
    const { body } = await get(`/api/people/${encodeURIComponent('朱勇')}`);
    expect(body.personnel.map((p: { action: string }) => p.action).sort()).toEqual(['appoint', 'remove']);
    expect(body.timeline).toHaveLength(body.personnel.length + body.events.length);
    const dates = body.timeline.map((t: { date: string | null }) => t.date).filter(Boolean);
    expect(dates).toEqual([...dates].sort());
    expect(body.timeline.map((t: { what: string }) => t.what).sort()).toEqual(['appoint', 'remove']);
    const { body: official } = await get(`/api/people/${encodeURIComponent('郭晓敏')}`);
    expect(official.events.length).toBeGreaterThan(10);
  });

  it('should list the events between two dates', async () => {
    const { body } = await get('/api/events?from=2022-05-01&to=2022-05-31');
    expect(body.events.length).toBeGreaterThan(0);
    for (const event of body.events) expect(event.date >= '2022-05-01' && event.date <= '2022-05-31').toBe(true);
  });
});

describe('exports, feed, OpenAPI, health', () => {
  it('should stream every match as JSON Lines or CSV', async () => {
    const jsonl = await get(`/api/export?department=${encodeURIComponent('住建')}&format=jsonl`);
    const { body: search } = await get(`/api/search?department=${encodeURIComponent('住建')}&limit=0`);
    const lines = (jsonl.body as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(search.total);
    const csv = await get(`/api/export?department=${encodeURIComponent('住建')}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect((csv.body as string).split('\r\n')[0]).toBe(
      '\uFEFFid,kind,docNumber,title,date,departments,path,person,post,text,file,line',
    );
    expect((csv.body as string).trim().split('\r\n').length).toBeGreaterThanOrEqual(search.total + 1);
  });

  it('should give the newest notices of a department as an Atom feed', async () => {
    const { status, body, headers } = await get(`/api/feed.atom?department=${encodeURIComponent('公安')}`);
    expect(status).toBe(200);
    expect(headers['content-type']).toContain('application/atom+xml');
    expect(body).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(body).toContain('<entry>');
  });

  it('should describe itself in OpenAPI and report health', async () => {
    const { body } = await get('/api/openapi.json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/search',
        '/api/notices/{id}',
        '/api/doc-numbers/{docNumber}',
        '/api/people/{name}',
        '/api/events',
        '/api/departments',
        '/api/export',
        '/api/feed.atom',
        '/api/health',
      ]),
    );
    await SwaggerParser.validate(structuredClone(body)); // throws on a document that breaks the OpenAPI schema
    for (const [path, operations] of Object.entries(
      body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>,
    )) {
      const statuses = Object.keys(operations.get!.responses);
      expect(statuses, path).toContain('200');
      expect(statuses, path).toContain('500');
      if (path !== '/api/health') expect(statuses, path).toContain('400');
    }
    expect(await get('/api/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('should search with a key that cannot write', async () => {
    const client = new Meilisearch({ host: meili.url, apiKey: key });
    await expect(client.index(setup.names.records).addDocuments([{ id: 'x' }])).rejects.toThrow();
    expect(key).not.toBe(meili.masterKey);
  });

  it('should serve the page in Chinese', async () => {
    const { status, body } = await get('/');
    expect(status).toBe(200);
    expect(body).toContain('<html lang="zh-CN">');
  });
});
