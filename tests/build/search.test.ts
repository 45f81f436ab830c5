/**
 * Search in a real browser: the fixture paper built, indexed by Pagefind in calendar parts as
 * `npm run build` does on a first publish, served by Astro's preview server, and searched the way a
 * reader would.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSite } from '../../src/lib/publish/finish-release.ts';
import { isIndexedPage, updateSearchParts } from '../../src/lib/publish/search-index.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { buildFixture, type BuiltFixture } from '../helpers/build-fixture.ts';
import { startPreview, type PreviewedSite } from '../helpers/preview.ts';

let site: BuiltFixture;
let server: PreviewedSite;
let browser: Browser;
let base: string;
const errors: string[] = [];

beforeAll(async () => {
  site = await buildFixture('basic');
  const indexed: string[] = [];
  const hashes = await hashSite(site.outDir, (file, data) => {
    if (isIndexedPage(file, data)) indexed.push(file);
  });
  await updateSearchParts(
    site.outDir,
    indexed.map((file) => ({ file, hash: hashes.get(file)!.hash })),
    undefined,
  );
  server = await startPreview(site.outDir);
  base = server.base;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await site?.remove();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}${path}`);
  return page;
}

async function headlines(page: Page): Promise<string[]> {
  await page.locator('.search-status').filter({ hasText: /\S/ }).waitFor();
  return page.locator('.search-results .headline').allTextContents();
}

describe('search', () => {
  it('finds an article by a word of its body and shows kicker, headline, teaser and date', async () => {
    const page = await open('/suche/?q=Hardware');
    expect(await headlines(page)).toEqual(['Amazon hackt sich selbst']);
    const hit = page.locator('.search-results li').first();
    expect(await hit.locator('.kicker').textContent()).toBe('Nach vermeintlicher Hacker-Attacke');
    expect(await hit.locator('.teaser-teaser').textContent()).toBe(
      'Die Seiten des Händlers waren nicht erreichbar. Schuld war ein Hardware-Fehler.',
    );
    expect(await hit.locator('.teaser-meta').textContent()).toBe('13.12.2010');
    expect(await hit.locator('a').getAttribute('href')).toBe('/2010/12/13/amazon/');
    await page.close();
  });

  it('stems German words, so "Bote" finds "Boten"', async () => {
    const page = await open('/suche/?q=Bote');
    expect(await headlines(page)).toEqual(['Pakete stapeln sich']);
    await page.close();
  });

  it('filters by section and year, newest first without a search term', async () => {
    const page = await open('/suche/');
    await page.selectOption('select[name="section"]', 'Politik');
    expect(await headlines(page)).toEqual(['Debatte über Netzausbau', 'Netzsperren vom Tisch']);
    await page.selectOption('select[name="year"]', '2010');
    await page.locator('.search-results li').nth(1).waitFor({ state: 'detached' });
    expect(await page.locator('.search-results .headline').allTextContents()).toEqual(['Netzsperren vom Tisch']);
    expect(page.url()).toBe(`${base}/suche/?section=Politik&year=2010`);
    await page.close();
  });

  it('does not match the navigation, the support appeal or related lists', async () => {
    const page = await open('/suche/?q=unterst%C3%BCtzen');
    expect(await headlines(page)).toEqual([]);
    expect(await page.locator('.search-status').textContent()).toBe('Keine Artikel gefunden.');
    await page.close();
  });

  it('takes a search from the header field of any page to the results', async () => {
    const page = await open('/2010/12/01/alt/');
    await page.fill('#site-search', 'Hardware');
    await page.press('#site-search', 'Enter');
    await page.waitForURL(/\/suche\/\?q=Hardware$/);
    expect(await headlines(page)).toEqual(['Amazon hackt sich selbst']);
    await page.close();
  });

  it('runs without script errors', () => {
    expect(errors).toEqual([]);
  });
});
