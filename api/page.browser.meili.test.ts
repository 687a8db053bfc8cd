import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { Meilisearch } from 'meilisearch';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordSearch, searchOnlyKey } from '../index/index.js';
import { processIssue } from '../ingest/processor.js';
import { CORPUS_FILES, corpusBytes, dropIndexes, isolated } from '../tests/helpers/ingest-setup.js';
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

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  meili = await TestMeili.start();
  const context = { archive: setup.archive, client: meili.client, names: setup.names };
  for (const file of CORPUS_FILES) await processIssue({ sha256: setup.archive.store(corpusBytes(file), file), file }, context);
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

describe('the search page', () => {
  it('should search, then narrow by a facet, changing the count and the highlighted text', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.fill('#q', '安全生产');
    await page.click('button[type=submit]');
    await page.waitForFunction("document.querySelector('#summary')?.dataset.query === '安全生产||||'");
    const total = Number(await page.getAttribute('#summary', 'data-total'));
    expect(total).toBeGreaterThan(0);
    const marks = await page.locator('#results mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => '安全生产'.includes(m) || m.includes('安全'))).toBe(true);
    const firstText = await page.locator('#results li .text').first().textContent();

    // Narrow to the chronicle: the count drops and the results are events.
    const facet = page.locator('button.facet[data-param="kind"][data-value="event"]');
    const facetCount = Number(await facet.locator('.count').textContent());
    await facet.click();
    await page.waitForFunction("document.querySelector('#summary')?.dataset.query === '安全生产|event|||'");
    const narrowed = Number(await page.getAttribute('#summary', 'data-total'));
    expect(narrowed).toBe(facetCount);
    expect(narrowed).toBeLessThan(total);
    expect(await page.locator('#results li').first().getAttribute('data-kind')).toBe('event');
    expect(await page.locator('#results li .text').first().textContent()).not.toBe(firstText);
    expect(await page.locator('#results li mark').count()).toBeGreaterThan(0);

    // The notice view marks the hit's lines.
    await page.locator('button.facet[data-param="kind"][data-value="event"]').click(); // clear the kind filter
    await page.waitForFunction("document.querySelector('#summary')?.dataset.query === '安全生产||||'");
    await page.fill('#q', '海政办发[2022]14号');
    await page.click('button[type=submit]');
    await page.waitForFunction("document.querySelector('#summary')?.dataset.query === '海政办发[2022]14号||||'");
    expect(await page.textContent('#summary')).toContain('海政办发〔2022〕14号');
    await page.locator('#results a[data-notice]').first().click();
    await page.waitForSelector('#detail .hit-line');
    expect(await page.locator('#detail h2').textContent()).toContain('政府网站');
    await page.close();
  }, 60_000);
});
