import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Meilisearch } from 'meilisearch';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordSearch, searchOnlyKey } from '../index/index.js';
import { processIssue } from '../ingest/processor.js';
import { CORPUS_FILES, corpusBytes, dropIndexes, isolated, root } from '../tests/helpers/ingest-setup.js';
import { TestMeili } from '../tests/helpers/test-meili.js';
import { buildApp } from './app.js';

/*
 * The search page in a real browser: Debian's chromium driven by playwright-core (.ci/run
 * installs chromium when it is missing).
 */
const CHROMIUM = '/usr/bin/chromium';
let meili: TestMeili;
let app: FastifyInstance;
let browser: Browser;
let url: string;
const setup = isolated('page');
// Screenshots each test takes, kept as artifacts to look at (git ignores the folder).
const SHOTS = join(root, 'tests', 'artifacts');
// A notice whose title and clauses hold markup a crawled page could carry.
const HOSTILE = 'tests/hostile/markup-notice.txt';

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  meili = await TestMeili.start();
  const context = { archive: setup.archive, client: meili.client, names: setup.names };
  for (const file of [...CORPUS_FILES, HOSTILE]) await processIssue({ sha256: setup.archive.store(corpusBytes(file), file), file }, context);
  mkdirSync(SHOTS, { recursive: true });
  const client = new Meilisearch({ host: meili.url, apiKey: await searchOnlyKey(meili.client, setup.names) });
  app = await buildApp({ search: new RecordSearch(client, setup.names), healthy: async () => true });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
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

/** The first hits the API gives for a query, to say what the page was given when a check fails. */
async function firstHitsOf(q: string): Promise<string> {
  const response = await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}&limit=3` });
  return `the API answers ${q} with ${response.body.slice(0, 1500)}`;
}

/** What the page's globals look like from here (the project compiles without the DOM types). */
interface PageGlobals {
  document: { querySelector(selector: string): { dataset: Record<string, string | undefined> } | null };
  __xss?: string;
}

/** Waits until the summary says it answers this query (`q|kind|department|docType|year`). */
async function summaryAnswers(page: Page, query: string): Promise<void> {
  // A function, not a string: the page's CSP forbids evaluating strings.
  await page.waitForFunction((q) => (globalThis as unknown as PageGlobals).document.querySelector('#summary')?.dataset.query === q, query);
}

describe('the search page', () => {
  it('should search, then narrow by a facet, changing the count and the highlighted text', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.fill('#q', '安全生产');
    await page.click('button[type=submit]');
    await summaryAnswers(page, '安全生产||||');
    const total = Number(await page.getAttribute('#summary', 'data-total'));
    expect(total).toBeGreaterThan(0);
    const marks = await page.locator('#results mark').allTextContents();
    expect(marks.length, await firstHitsOf('安全生产')).toBeGreaterThan(0);
    expect(marks.every((m) => '安全生产'.includes(m) || m.includes('安全'))).toBe(true);
    const firstText = await page.locator('#results li .text').first().textContent();

    // Narrow to the chronicle: the count drops and the results are events.
    const facet = page.locator('button.facet[data-param="kind"][data-value="event"]');
    const facetCount = Number(await facet.locator('.count').textContent());
    await facet.click();
    await summaryAnswers(page, '安全生产|event|||');
    const narrowed = Number(await page.getAttribute('#summary', 'data-total'));
    expect(narrowed).toBe(facetCount);
    expect(narrowed).toBeLessThan(total);
    expect(await page.locator('#results li').first().getAttribute('data-kind')).toBe('event');
    expect(await page.locator('#results li .text').first().textContent()).not.toBe(firstText);
    expect(await page.locator('#results li mark').count()).toBeGreaterThan(0);

    // The notice view marks the hit's lines.
    await page.locator('button.facet[data-param="kind"][data-value="event"]').click(); // clear the kind filter
    await summaryAnswers(page, '安全生产||||');
    await page.fill('#q', '海政办发[2022]14号');
    await page.click('button[type=submit]');
    await summaryAnswers(page, '海政办发[2022]14号||||');
    expect(await page.textContent('#summary')).toContain('海政办发〔2022〕14号');
    await page.locator('#results a[data-notice]').first().click();
    await page.waitForSelector('#detail .hit-line');
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
    // text: every piece of markup is searched where it is printed.
    const cases: Array<[string, string[]]> = [
      ['安全生产 复查', ["<script>window.__xss='title'</script>", `<a href="javascript:window.__xss='link'">`]],
      ['安全生产 检查 做实', ['onerror="window.__xss']],
      ['安全生产台账 如实填写', ['<mark>伪造标记</mark>', '&lt;实体&gt;']],
    ];
    for (const [q, texts] of cases) {
      await page.fill('#q', q);
      await page.click('button[type=submit]');
      await summaryAnswers(page, `${q}||||`);
      expect(await page.locator('#results li', { hasText: '海政办发〔2024〕99号' }).count(), q).toBeGreaterThan(0);
      // Our own marks are markup; nothing else from the record is.
      expect(await page.locator('#results mark').count(), await firstHitsOf(q)).toBeGreaterThan(0);
      for (const selector of ['script', 'img', 'a[href^="javascript"]', 'mark:text("伪造标记")']) {
        expect(await page.locator(`#results ${selector}`).count(), `${q}: ${selector}`).toBe(0);
      }
      const shown = (await page.locator('#results').textContent()) ?? '';
      for (const text of texts) expect(shown, q).toContain(text);
    }
    await page.fill('#q', '安全生产 复查');
    await page.click('button[type=submit]');
    await summaryAnswers(page, '安全生产 复查||||');
    const hostile = page.locator('#results li', { hasText: '海政办发〔2024〕99号' });

    // The notice view shows the same text as text.
    await hostile.first().locator('a[data-notice]').click();
    await page.waitForSelector('#detail h2');
    expect(await page.locator('#detail h2').textContent()).toContain('<script>');
    expect(await page.locator('#detail script, #detail img, #detail a[href^="javascript"]').count()).toBe(0);
    expect(await page.locator('#detail pre').textContent()).toContain('<a href="javascript:');
    await page.screenshot({ path: join(SHOTS, 'page-xss-markup-as-text.png'), fullPage: true });
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  }, 60_000);
});
