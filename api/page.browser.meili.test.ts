import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Meilisearch } from 'meilisearch';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordSearch, ensureIndexes, indexNames, searchOnlyKey } from '../index/index.js';
import { processIssue } from '../ingest/processor.js';
import { CORPUS_FILES, corpusBytes, dropIndexes, isolated, root } from '../tests/helpers/ingest-setup.js';
import { TestMeili } from '../tests/helpers/test-meili.js';
import { buildApp } from './app.js';

/*
 * The search page in a real browser: Debian's chromium driven by playwright-core (.ci/run
 * installs chromium when it is missing). One ingest (a corpus slice, a hostile notice and the
 * page's own fixture) serves every test; each test keeps a screenshot to look at.
 */
const CHROMIUM = '/usr/bin/chromium';
let meili: TestMeili;
let app: FastifyInstance;
let browser: Browser;
let url: string;
const setup = isolated('page');
// Screenshots each test takes, kept as artifacts to look at (git ignores the folder).
const SHOTS = join(root, 'tests', 'artifacts', 'page');
// A notice whose title and clauses hold markup a crawled page could carry.
const HOSTILE = 'tests/hostile/markup-notice.txt';
// A scheme that cites and repeals an older one and has a table; an appointment, a chronicle and a removal of one person.
const FIXTURE = ['old-scheme', 'new-scheme', 'appointment', 'removal'].map((name) => `tests/page/${name}.txt`);
// A slice of the corpus: three issues of 2022 hold more than two pages of 安全生产, chronicle events and 海政办发〔2022〕14号's tables.
const CORPUS_SLICE = [CORPUS_FILES[0]!, CORPUS_FILES[1]!, CORPUS_FILES[3]!];
const OLD_SCHEME = '海政发〔2020〕3号';
const NEW_SCHEME = '海政发〔2024〕7号';

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  meili = await TestMeili.start();
  const context = { archive: setup.archive, client: meili.client, names: setup.names };
  for (const file of [...CORPUS_SLICE, HOSTILE, ...FIXTURE])
    await processIssue({ sha256: setup.archive.store(corpusBytes(file), file), file }, context);
  mkdirSync(SHOTS, { recursive: true });
  const client = new Meilisearch({ host: meili.url, apiKey: await searchOnlyKey(meili.client, setup.names) });
  app = await buildApp({ search: new RecordSearch(client, setup.names), healthy: async () => true });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (meili) {
    await dropIndexes(meili.client, setup.names);
    await meili.stop();
  }
});

interface Hit {
  id: string;
  kind: string;
  date?: string | null;
  noticeId?: string;
  docNumber?: string | null;
}
interface SearchBody {
  total: number;
  hits: Hit[];
}

/** What the API answers, to compare the page with. */
async function api<T = SearchBody>(path: string): Promise<T> {
  return (await app.inject({ method: 'GET', url: path })).json() as T;
}

/** The first hits the API gives for a query, to say what the page was given when a check fails. */
async function firstHitsOf(q: string): Promise<string> {
  const response = await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}&limit=3` });
  return `the API answers ${q} with ${response.body.slice(0, 1500)}`;
}

/** What the page's globals look like from here (the project compiles without the DOM types). */
interface PageGlobals {
  document: {
    querySelector(selector: string): { dataset: Record<string, string | undefined> } | null;
    documentElement: { scrollWidth: number; clientWidth: number };
  };
  location: { search: string };
  __xss?: string;
}

/** Waits until the summary says it answers this query (`q|kind|department|docType|year`). */
async function summaryAnswers(page: Page, query: string): Promise<void> {
  // A function, not a string: the page's CSP forbids evaluating strings.
  await page.waitForFunction(
    (q) => (globalThis as unknown as PageGlobals).document.querySelector('#summary')?.dataset.query === q,
    query,
  );
}

/** Waits until the list shows the page address `listUrl` (the URL without the open notice or person). */
async function listShows(page: Page, listUrl: string): Promise<void> {
  await page.waitForFunction(
    (u) => (globalThis as unknown as PageGlobals).document.querySelector('#summary')?.dataset.url === u,
    listUrl,
  );
}

/** Waits until the detail pane shows `key` (`n:ID:HIT`, `p:NAME`, or `error:…`). */
async function detailShows(page: Page, key: string): Promise<void> {
  await page.waitForFunction(
    (k) => (globalThis as unknown as PageGlobals).document.querySelector('#detail')?.dataset.shows === k,
    key,
  );
}

async function hitIds(page: Page): Promise<string[]> {
  return page
    .locator('#results li.hit')
    .evaluateAll((items) => items.map((item) => (item as unknown as { dataset: { id: string } }).dataset.id));
}

/** A screenshot to look at: the whole page, or only the window (a phone's whole page is too long to read). */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** Whether the page is wider than its window (it would scroll sideways). */
async function overflows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { scrollWidth, clientWidth } = (globalThis as unknown as PageGlobals).document.documentElement;
    return scrollWidth - clientWidth;
  });
}

/** The rows of a CSV text: its line ends outside quoted cells (a cell may hold line breaks). */
function csvRowCount(text: string): number {
  let rows = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) rows += 1;
  }
  return rows;
}

// As the page writes a value into its URL (URLSearchParams: a space is +).
const q = (text: string) => new URLSearchParams({ v: text }).toString().slice(2);

describe('the search page', () => {
  it('should search, then narrow by a facet, changing the count and the highlighted text', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/?view=records`);
    await page.fill('#q', '安全生产');
    await page.click('button[type=submit]');
    await summaryAnswers(page, '安全生产||||');
    const total = Number(await page.getAttribute('#summary', 'data-total'));
    expect(total).toBeGreaterThan(0);
    const marks = await page.locator('#results mark').allTextContents();
    expect(marks.length, await firstHitsOf('安全生产')).toBeGreaterThan(0);
    expect(marks.every((m) => '安全生产'.includes(m) || m.includes('安全'))).toBe(true);
    const firstText = await page.locator('#results li.hit .text').first().textContent();

    // Narrow to the chronicle: the count drops to the facet's and the results are events.
    const facet = page.locator('button.facet[data-param="kind"][data-value="event"]');
    const facetCount = Number(await facet.locator('.count').textContent());
    await facet.click();
    await summaryAnswers(page, '安全生产|event|||');
    const narrowed = Number(await page.getAttribute('#summary', 'data-total'));
    expect(narrowed).toBe(facetCount);
    expect(narrowed).toBeLessThan(total);
    expect(await page.locator('#results li.hit').first().getAttribute('data-kind')).toBe('event');
    expect(await page.locator('#results li.hit .text').first().textContent()).not.toBe(firstText);
    expect(await page.locator('#results li.hit mark').count()).toBeGreaterThan(0);
    // Every facet count is what choosing it gives: a department's count is its list's total.
    await page.locator('button.facet[data-param="kind"][data-value="event"]').click(); // clear the kind filter
    await summaryAnswers(page, '安全生产||||');
    const department = page.locator('button.facet[data-param="department"]').first();
    const departmentCount = Number(await department.locator('.count').textContent());
    const departmentName = (await department.getAttribute('data-value'))!;
    await department.click();
    await summaryAnswers(page, `安全生产||${departmentName}||`);
    expect(Number(await page.getAttribute('#summary', 'data-total'))).toBe(departmentCount);
    expect(await page.locator('#active-filters a.chip').allTextContents()).toEqual([`责任部门：${departmentName} ×`]);
    // The export links give the list's records, all of them; the feed is the chosen department's.
    const csv = await app.inject({
      method: 'GET',
      url: (await page.getAttribute('#exports a[href*="format=csv"]', 'href'))!,
    });
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(csvRowCount(csv.body)).toBe(departmentCount + 1);
    const jsonl = await app.inject({
      method: 'GET',
      url: (await page.getAttribute('#exports a[href*="format=jsonl"]', 'href'))!,
    });
    const exported = jsonl.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { departments: string[] });
    expect(exported.length).toBe(departmentCount);
    expect(exported.every((record) => record.departments.includes(departmentName))).toBe(true);
    const feedHref = (await page.getAttribute('#exports a[type="application/atom+xml"]', 'href'))!;
    expect(new URL(feedHref, url).searchParams.get('department')).toBe(departmentName);
    expect((await app.inject({ method: 'GET', url: feedHref })).statusCode).toBe(200);
    await shot(page, 'search-facets');

    // The notice view marks the hit's lines.
    await page.goto(`${url}/?q=${q('海政办发[2022]14号')}`);
    await summaryAnswers(page, '海政办发[2022]14号||||');
    expect(await page.textContent('#summary')).toContain('海政办发〔2022〕14号');
    await page.locator('#results a[data-notice]').first().click();
    await page.waitForSelector('#detail h2');
    expect(await page.locator('#detail h2').textContent()).toContain('政府网站');
    await page.close();
  }, 60_000);

  it('should show markup from the records as text, run none of it, and send a strict CSP', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const response = await page.goto(url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');

    // A notice's hit shows its frame (title, number, addressee, signature), each clause its own
    // text: every piece of markup is searched where it is printed. Both list views are checked.
    const cases: Array<[string, string[]]> = [
      ['安全生产 复查', ["<script>window.__xss='title'</script>", `<a href="javascript:window.__xss='link'">`]],
      ['安全生产 检查 做实', ['onerror="window.__xss']],
      ['安全生产台账 如实填写', ['<mark>伪造标记</mark>', '&lt;实体&gt;']],
    ];
    for (const view of ['notices', 'records']) {
      for (const [text, texts] of cases) {
        await page.goto(`${url}/?q=${q(text)}&view=${view}`);
        await summaryAnswers(page, `${text}||||`);
        expect(await page.locator('#results li', { hasText: '海政办发〔2024〕99号' }).count(), text).toBeGreaterThan(0);
        // Our own marks are markup; nothing else from the record is.
        expect(await page.locator('#results mark').count(), await firstHitsOf(text)).toBeGreaterThan(0);
        for (const selector of ['script', 'img', 'a[href^="javascript"]', 'mark:text("伪造标记")']) {
          expect(await page.locator(`#results ${selector}`).count(), `${view} ${text}: ${selector}`).toBe(0);
        }
        const shown = (await page.locator('#results').textContent()) ?? '';
        for (const t of texts) expect(shown, text).toContain(t);
      }
    }
    await page.fill('#q', '安全生产 复查');
    await page.click('button[type=submit]');
    await summaryAnswers(page, '安全生产 复查||||');
    const hostile = page.locator('#results li', { hasText: '海政办发〔2024〕99号' });

    // The notice view shows the same text as text.
    await hostile.first().locator('a[data-notice]').first().click();
    await page.waitForSelector('#detail h2');
    expect(await page.locator('#detail h2').textContent()).toContain('<script>');
    expect(await page.locator('#detail script, #detail img, #detail a[href^="javascript"]').count()).toBe(0);
    expect(await page.locator('#detail pre').textContent()).toContain('<a href="javascript:');
    expect(await page.locator('#detail .document').textContent()).toContain('<img src=x onerror=');
    await page.screenshot({ path: join(SHOTS, 'xss-markup-as-text.png'), fullPage: true });
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  }, 90_000);

  it('should keep query, filters, sort, page and the open notice in the URL through reload, Back, Forward and a pasted link', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.fill('#q', '安全生产');
    await page.press('#q', 'Enter');
    await summaryAnswers(page, '安全生产||||');
    await page.locator('button.facet[data-param="year"][data-value="2022"]').click();
    await summaryAnswers(page, '安全生产||||2022');
    await page.selectOption('#sort', 'newest');
    await page.check('input[name=view][value=records]');
    await listShows(page, `/?q=${q('安全生产')}&year=2022&sort=newest&view=records`);
    await page.locator('#pager a[data-page="2"]').click();
    const listUrl = `/?q=${q('安全生产')}&year=2022&sort=newest&page=2&view=records`;
    await listShows(page, listUrl);
    const pageTwo = await hitIds(page);
    expect(pageTwo.length).toBeGreaterThan(0);
    const withNotice = page.locator('#results li.hit a[data-notice]').first();
    const noticeId = await withNotice.getAttribute('data-notice');
    const hitId = await withNotice.evaluate(
      (a) => (a as unknown as { closest(s: string): { dataset: { id: string } } }).closest('li.hit').dataset.id,
    );
    await withNotice.click();
    await detailShows(page, `n:${noticeId}:${hitId}`);
    const title = await page.locator('#detail h2').textContent();
    const address = await page.evaluate(() => (globalThis as unknown as PageGlobals).location.search);
    expect(address).toBe(`${listUrl.slice(1)}&notice=${noticeId}&hit=${hitId}`);

    // Reload: the same list page, sort, filter and notice.
    await page.reload();
    await listShows(page, listUrl);
    await detailShows(page, `n:${noticeId}:${hitId}`);
    expect(await hitIds(page)).toEqual(pageTwo);
    expect(await page.inputValue('#sort')).toBe('newest');
    expect(await page.inputValue('#q')).toBe('安全生产');
    expect(await page.locator('button.facet[data-param="year"][data-value="2022"]').getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await page.locator('#detail h2').textContent()).toBe(title);

    // Back closes the notice, Back again goes to page 1, Forward twice comes back to the notice.
    await page.goBack();
    await detailShows(page, '');
    expect(await page.locator('#detail').isHidden()).toBe(true);
    await page.goBack();
    await listShows(page, `/?q=${q('安全生产')}&year=2022&sort=newest&view=records`);
    expect(await hitIds(page)).not.toEqual(pageTwo);
    await page.goForward();
    await listShows(page, listUrl);
    await page.goForward();
    await detailShows(page, `n:${noticeId}:${hitId}`);

    // A pasted link in a new tab shows the same screen.
    const pasted = await browser.newPage();
    await pasted.goto(`${url}/${address}`);
    await listShows(pasted, listUrl);
    await detailShows(pasted, `n:${noticeId}:${hitId}`);
    expect(await hitIds(pasted)).toEqual(pageTwo);
    expect(await pasted.locator('#detail h2').textContent()).toBe(title);
    await shot(pasted, 'url-pasted-link');
    await pasted.close();
    await page.close();
  }, 90_000);

  it('should sort by date, newest or oldest first, as the API does', async () => {
    const page = await browser.newPage();
    const dates: Record<string, string[]> = {};
    for (const sort of ['newest', 'oldest'] as const) {
      await page.goto(`${url}/?q=${q('安全生产')}&view=records&sort=${sort}`);
      await listShows(page, `/?q=${q('安全生产')}&sort=${sort}&view=records`);
      const ids = await hitIds(page);
      const expected = await api(
        `/api/search?q=${q('安全生产')}&sort=${sort === 'newest' ? 'date:desc' : 'date:asc'}&limit=20`,
      );
      expect(ids).toEqual(expected.hits.map((h) => h.id));
      dates[sort] = expected.hits.map((h) => h.date ?? '');
      if (sort === 'newest') await shot(page, 'sort-newest');
    }
    expect(dates.newest).toEqual([...dates.newest!].sort().reverse());
    expect(dates.oldest).toEqual([...dates.oldest!].sort());
    expect(dates.newest![0]! > dates.oldest![0]!).toBe(true);
    await page.close();
  }, 60_000);

  it('should number the pages from the real total and show each page of hits', async () => {
    const page = await browser.newPage();
    const { total } = await api(`/api/search?q=${q('安全生产')}&limit=0`);
    const last = Math.ceil(total / 20);
    expect(last).toBeGreaterThan(2);
    await page.goto(`${url}/?q=${q('安全生产')}&view=records`);
    await summaryAnswers(page, '安全生产||||');
    expect(await page.textContent('#summary')).toContain(`共 ${total} 条结果`);
    expect(await page.textContent('#summary')).toContain(`第 1 / ${last} 页`);
    expect(await page.locator('#pager a[data-page]').allTextContents()).toEqual(
      Array.from({ length: Math.min(last, 3) }, (_, i) => String(i + 1)).concat(last > 3 ? [String(last)] : []),
    );
    expect(await page.getAttribute('#pager a[aria-current=page]', 'data-page')).toBe('1');
    await page.locator(`#pager a[data-page="${last}"]`).click();
    await listShows(page, `/?q=${q('安全生产')}&page=${last}&view=records`);
    expect(await page.locator('#results li.hit').count()).toBe(total - (last - 1) * 20);
    // Hits are numbered on from the pages before.
    expect(await page.getAttribute('#results', 'start')).toBe(String((last - 1) * 20 + 1));
    expect(await page.getAttribute('#pager a[aria-current=page]', 'data-page')).toBe(String(last));
    const expected = await api(`/api/search?q=${q('安全生产')}&limit=20&offset=${(last - 1) * 20}`);
    expect(await hitIds(page)).toEqual(expected.hits.map((h) => h.id));
    await shot(page, 'pages-last');
    await page.close();
  }, 60_000);

  it('should group hits under their notice, and list them one by one when switched', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/?q=${q('旧城改造 补助')}`);
    await summaryAnswers(page, '旧城改造 补助||||');
    const group = page.locator('#results li.group', { hasText: NEW_SCHEME });
    expect(await group.count()).toBe(1);
    const members = group.locator('li.hit');
    expect(await members.count()).toBeGreaterThanOrEqual(2);
    const newScheme = (await api<{ hits: Hit[] }>(`/api/search?docNumber=${q(NEW_SCHEME)}&kind=notice`)).hits[0]!;
    // Every record under the group belongs to its notice.
    const groupNotice = await group.getAttribute('data-notice-id');
    expect(groupNotice).toBe(newScheme.id);
    const shownIds = await members.evaluateAll((items) =>
      items.map((item) => (item as unknown as { dataset: { id: string } }).dataset.id),
    );
    const inNotice = await api(`/api/search?q=${q('旧城改造 补助')}&notices=${newScheme.id}&limit=100`);
    expect(new Set(shownIds)).toEqual(
      new Set(inNotice.hits.filter((h) => h.kind !== 'notice' || shownIds.includes(h.id)).map((h) => h.id)),
    );
    // The old scheme is its own group: two notices, two groups, not one per record.
    const oldScheme = (await api<{ hits: Hit[] }>(`/api/search?docNumber=${q(OLD_SCHEME)}&kind=notice`)).hits[0]!;
    expect(await page.locator(`#results li.group[data-notice-id="${oldScheme.id}"]`).count()).toBe(1);
    const total = Number(await page.getAttribute('#summary', 'data-total'));
    expect(await page.locator('#results li.group').count()).toBeLessThan(total);
    await shot(page, 'grouped-hits');

    await page.check('input[name=view][value=records]');
    await listShows(page, `/?q=${q('旧城改造 补助')}&view=records`);
    expect(await page.locator('#results li.group').count()).toBe(0);
    expect(await page.locator('#results li.hit').count()).toBe(Math.min(total, 20));
    await page.close();
  }, 60_000);

  it('should show a notice as a document: clause levels, a table as a table, attachments, citations both ways, repeal status and source lines', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${url}/?q=${q('同时废止 施行')}&view=records`);
    await summaryAnswers(page, '同时废止 施行||||');
    const hit = page.locator('#results li.hit', { hasText: NEW_SCHEME }).filter({ hasText: '第四条' }).first();
    const hitId = await hit.getAttribute('data-id');
    await hit.locator('a[data-notice]').click();
    const newScheme = (await api<{ hits: Hit[] }>(`/api/search?docNumber=${q(NEW_SCHEME)}&kind=notice`)).hits[0]!;
    const oldScheme = (await api<{ hits: Hit[] }>(`/api/search?docNumber=${q(OLD_SCHEME)}&kind=notice`)).hits[0]!;
    await detailShows(page, `n:${newScheme.id}:${hitId}`);
    const detail = page.locator('#detail');
    expect(await detail.locator('h2').textContent()).toBe('关于印发《海门区旧城改造补助新办法》的通知');
    expect((await detail.locator('.notice-meta').textContent())?.replace(/\s+/g, '')).toMatch(
      /^文号海政发〔2024〕7号发文机关南通市海门区人民政府成文日期2024-05-20/,
    );
    // Clause levels: chapters are headings, items sit deeper than articles.
    expect(await detail.locator('h3.clause.heading').allTextContents()).toEqual(['第一章　总则', '第二章　补助标准']);
    expect(await detail.locator('p.clause.depth-3').first().textContent()).toBe('（一）住宅每平方米补助五百元；');
    // The hit's clause is marked and on screen.
    const marked = detail.locator(`#r-${hitId}`);
    expect(await marked.getAttribute('class')).toContain('hit');
    expect(await marked.textContent()).toContain('同时废止');
    await expect
      .poll(() =>
        marked.evaluate((el) => {
          const box = (
            el as unknown as { getBoundingClientRect(): { top: number; bottom: number } }
          ).getBoundingClientRect();
          return box.top >= 0 && box.bottom <= 800;
        }),
      )
      .toBe(true);
    // The table as a table.
    expect(await detail.locator('table th').allTextContents()).toEqual(['类别', '单位', '补助金额（元）']);
    expect(await detail.locator('table tbody tr').count()).toBe(2);
    expect(await detail.locator('table tbody tr').first().locator('td').allTextContents()).toEqual([
      '住宅',
      '每平方米',
      '500',
    ]);
    expect(await detail.locator('.attachments a[data-jump]').textContent()).toBe('旧城改造补助标准表');
    // Citations as links, and the source lines.
    expect(await detail.locator(`.cites a[data-notice="${oldScheme.id}"]`).textContent()).toContain(OLD_SCHEME);
    expect(await detail.locator('.repeals').textContent()).toContain(OLD_SCHEME);
    expect(await detail.locator('.status').textContent()).toContain('现行');
    expect(await detail.locator('.source-link').textContent()).toMatch(/^tests\/page\/new-scheme\.txt:1–\d+$/);
    expect(await detail.locator('#source .hit-line').count()).toBeGreaterThan(0);
    await shot(page, 'notice-document');

    // The cited notice: repealed by the new one, which cites it.
    await detail.locator(`.cites a[data-notice="${oldScheme.id}"]`).click();
    await detailShows(page, `n:${oldScheme.id}:`);
    expect(await detail.locator('.status.repealed').textContent()).toContain(NEW_SCHEME);
    expect(await detail.locator(`.cited-by a[data-notice="${newScheme.id}"]`).count()).toBe(1);
    await detail.locator('.source-link').click();
    expect(await detail.locator('#source').getAttribute('open')).not.toBeNull();
    expect(await detail.locator('#source pre').textContent()).toContain('补助对象为旧城改造范围内的住户');
    await shot(page, 'notice-repealed');
    // Back: the new scheme again.
    await page.goBack();
    await detailShows(page, `n:${newScheme.id}:${hitId}`);
    await page.close();
  }, 60_000);

  it('should show a person as a timeline of appointments, removals and chronicle mentions', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/?q=${q('李明远')}&view=records`);
    await summaryAnswers(page, '李明远||||');
    await page.locator('#results a[data-person="李明远"]').first().click();
    await detailShows(page, 'p:李明远');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).location.search)).toContain(
      `profile=${q('李明远')}`,
    );
    const entries = page.locator('#detail .timeline li.entry');
    expect(
      await entries.evaluateAll((items) =>
        items.map((item) => (item as unknown as { dataset: { what: string } }).dataset.what),
      ),
    ).toEqual(['appoint', 'event', 'event', 'remove']);
    expect(await entries.locator('.date').allTextContents()).toEqual([
      '2024-03-01',
      '2024-03-05',
      '2024-06-02',
      '2024-09-10',
    ]);
    expect(await entries.first().textContent()).toContain('区住房和城乡建设局局长');
    expect(await entries.first().locator('a[data-notice]').textContent()).toBe('海政干〔2024〕5号');
    await shot(page, 'person-timeline');
    // A reload keeps the person open.
    await page.reload();
    await detailShows(page, 'p:李明远');
    // The appointment's number opens its notice with the appointment marked.
    const appointment = page.locator('#detail .timeline li.entry a[data-notice]').first();
    const noticeId = await appointment.getAttribute('data-notice');
    await appointment.click();
    await page.waitForFunction(
      (id) =>
        (globalThis as unknown as PageGlobals).document
          .querySelector('#detail')
          ?.dataset.shows?.startsWith(`n:${id}:p-`) ?? false,
      noticeId,
    );
    expect(await page.locator('#detail .document .hit').textContent()).toBe(
      '李明远同志任区住房和城乡建设局局长，试用期一年。',
    );
    await page.close();
  }, 60_000);

  it('should fit a 390 px screen without sideways scrolling, with labelled controls and keyboard navigation', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(url);
    // Labelled controls: reachable by their labels.
    await page.getByLabel('检索词').fill('安全生产');
    await page.getByLabel('检索词').press('Enter');
    await summaryAnswers(page, '安全生产||||');
    expect(await page.getByLabel('排序').count()).toBe(1);
    expect(await page.getByLabel('起').count()).toBe(1);
    expect(await overflows(page)).toBeLessThanOrEqual(0);
    await shot(page, 'narrow-390-results', false);
    // Keyboard: a group's title link opened with Enter.
    const link = page.locator('#results li.group a[data-notice]').first();
    const noticeId = await link.getAttribute('data-notice');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (id) =>
        (globalThis as unknown as PageGlobals).document
          .querySelector('#detail')
          ?.dataset.shows?.startsWith(`n:${id}:`) ?? false,
      noticeId,
    );
    expect(await overflows(page)).toBeLessThanOrEqual(0);
    // A notice with a wide table: the table scrolls in its box, the page does not.
    await page.goto(
      `${url}/?q=${q('考核结果')}&notice=${(await api(`/api/search?docNumber=${q('海政办发〔2022〕14号')}&kind=notice`)).hits[0]!.id}`,
    );
    await page.waitForSelector('#detail table');
    expect(await overflows(page)).toBeLessThanOrEqual(0);
    await shot(page, 'narrow-390-notice', false);
    await page.close();
  }, 60_000);

  it('should say what to do when a notice link is bad or a search finds nothing', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/?notice=n-0000000000dead`);
    await detailShows(page, 'error:n:n-0000000000dead:');
    expect(await page.locator('#detail [role=alert]').textContent()).toContain('找不到这篇公文');
    await page.goto(`${url}/?notice=${q('not an id!')}`);
    await detailShows(page, `error:n:not an id!:`);
    expect(await page.locator('#detail [role=alert]').textContent()).toContain('找不到这篇公文');
    // A number nothing has: the suggestions the search gives, as links that search them.
    await page.goto(`${url}/?q=${q('海政办发〔2022〕1499号')}`);
    await summaryAnswers(page, '海政办发〔2022〕1499号||||');
    const answer = await api<{ interpretation: { suggestions: string[] } }>(
      `/api/search?q=${q('海政办发〔2022〕1499号')}`,
    );
    expect(answer.interpretation.suggestions.length).toBeGreaterThan(0);
    expect(await page.locator('#suggestions a.suggestion').allTextContents()).toEqual(
      answer.interpretation.suggestions,
    );
    await shot(page, 'no-results-suggestions');
    await page.goto(`${url}/?q=${q('量子纠缠')}&kind=event`);
    await summaryAnswers(page, '量子纠缠|event|||');
    expect(await page.textContent('#suggestions')).toContain('去掉上面的筛选条件');
    await page.close();
  }, 60_000);

  it('should say that nothing is ingested yet (missing or empty index) and that Meilisearch is down', async () => {
    const missing = indexNames(`test-page-missing-${Date.now()}`);
    const empty = indexNames(`test-page-empty-${Date.now()}`);
    // As `gazette serve` leaves a fresh data directory: the indexes made, with their settings, and empty.
    await ensureIndexes(meili.client, empty);
    const apps = await Promise.all([
      buildApp({ search: new RecordSearch(meili.client, missing), healthy: async () => true }),
      buildApp({ search: new RecordSearch(meili.client, empty), healthy: async () => true }),
      // Nothing listens on port 9 (discard) here: every read is refused.
      buildApp({
        search: new RecordSearch(new Meilisearch({ host: 'http://127.0.0.1:9', apiKey: 'none' }), missing),
        healthy: async () => false,
      }),
    ]);
    try {
      const [missingUrl, emptyUrl, downUrl] = await Promise.all(
        apps.map((a) => a.listen({ port: 0, host: '127.0.0.1' })),
      );
      const answer = await apps[0]!.inject({ method: 'GET', url: '/api/search?q=x' });
      expect(answer.statusCode).toBe(503);
      expect(answer.json()).toMatchObject({
        code: 'not_ingested',
        message: expect.stringContaining('nothing ingested yet: run gazette ingest'),
      });
      const page = await browser.newPage();
      for (const [at, name] of [
        [missingUrl, 'missing'],
        [emptyUrl, 'empty'],
      ] as const) {
        for (const path of ['/', `/?q=${q('安全生产')}`]) {
          await page.goto(`${at}${path}`);
          await page.waitForSelector('#problem:not([hidden])');
          expect(await page.getAttribute('#problem', 'data-code'), `${name} ${path}`).toBe('not_ingested');
          expect(await page.textContent('#problem')).toContain('还没有导入任何公报（nothing ingested yet）');
          expect(await page.textContent('#problem')).toContain('gazette ingest');
        }
        await shot(page, `index-${name}`);
      }
      await page.goto(`${downUrl}/?q=${q('安全生产')}`);
      await page.waitForSelector('#problem:not([hidden])');
      expect(await page.getAttribute('#problem', 'data-code')).toBe('unavailable');
      expect(await page.textContent('#problem')).toContain('Meilisearch');
      await shot(page, 'meilisearch-down');
      await page.close();
    } finally {
      await Promise.all(apps.map((a) => a.close()));
      await dropIndexes(meili.client, empty);
    }
  }, 60_000);
});
