/**
 * The search index in parts, through the real `npm run build`: a first publish writes calendar
 * parts; a second publish after an edit, a deletion and new articles writes only a delta part and
 * takes every calendar part over byte for byte. Each published release is searched in Chromium
 * the way a reader would.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listReleases,
  readPublishedId,
  readReleaseFiles,
  resolveReleasesDir,
  type Release,
} from '../../src/lib/publish/release-store.ts';
import { PARTS_FILE, readSearchedPages, type PartsFile } from '../../src/lib/publish/search-index.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { getBuildEnv, projectRoot } from '../helpers/build-fixture.ts';
import { startPreview, type PreviewedSite } from '../helpers/preview.ts';

const run = promisify(execFile);
const env = { ...getBuildEnv(), DEPESCHE_NOW: '2026-11-20T12:00:00+01:00' };
let work: string;
let content: string;
let out: string;
let browser: Browser;
let server: PreviewedSite | undefined;
let first: Release;
let second: Release;
const errors: string[] = [];

const build = (...flags: string[]): Promise<{ stdout: string }> =>
  run(
    process.execPath,
    ['src/cli/build.ts', '--content', content, '--out', out, '--cache', path.join(work, 'cache'), '--quiet', ...flags],
    { cwd: projectRoot, env, maxBuffer: 64 * 1024 * 1024 },
  );

async function publishedRelease(): Promise<Release> {
  const releasesDir = resolveReleasesDir(out);
  const id = await readPublishedId(out, releasesDir);
  return (await listReleases(releasesDir)).find((release) => release.id === id)!;
}

/** An article of the fixture's shape; `word` appears in every one of a series, for paging. */
function seriesArticle(year: number, day: number, word: string): string {
  const date = `${year}-03-${String(day).padStart(2, '0')} 09:00`;
  return [
    '---',
    `id: ${year * 100 + day}`,
    `kicker: Serie ${year}`,
    `headline: Folge ${day} von ${year}`,
    `teaser: Teil ${day} der Serie.`,
    `date: ${date}`,
    'section: wirtschaft',
    'topics: [energie]',
    '---',
    `Die ${word} geht weiter, Folge ${day}.`,
    '',
  ].join('\n');
}

async function readParts(release: Release): Promise<PartsFile> {
  return JSON.parse(await readFile(path.join(release.siteDir, PARTS_FILE), 'utf8')) as PartsFile;
}

async function serve(release: Release): Promise<string> {
  await server?.stop();
  server = await startPreview(release.siteDir);
  return server.base;
}

async function open(base: string, address: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${base}${address}`);
  return page;
}

/** Types a query into the search field and waits for the answer; logs how long it took. */
async function search(page: Page, query: string): Promise<string[]> {
  await page.locator('.search-ready').waitFor();
  const started = performance.now();
  await page.fill('#search-query', query);
  await page.press('#search-query', 'Enter');
  await page.locator(`.search[data-shown="${new URLSearchParams({ q: query })}"]`).waitFor();
  console.log(`search "${query}": ${Math.round(performance.now() - started)} ms from typing to results`);
  return page.locator('.search-results .headline').allTextContents();
}

async function headlinesOf(page: Page): Promise<string[]> {
  await page.locator('.search-status').filter({ hasText: /\S/ }).waitFor();
  return page.locator('.search-results .headline').allTextContents();
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'depesche-search-parts-'));
  content = path.join(work, 'content');
  out = path.join(work, 'site');
  await cp(path.join(projectRoot, 'tests/fixtures/basic/content'), content, { recursive: true });
  await mkdir(path.join(content, 'articles/2025'));
  for (let day = 1; day <= 20; day++)
    await writeFile(
      path.join(content, `articles/2025/folge-${day}-2025.md`),
      seriesArticle(2025, day, 'Fortsetzungsreihe'),
    );
  await build();
  first = await publishedRelease();

  // The second publish: an old article edited, one deleted, twenty added in a new year's month.
  const amazon = path.join(content, 'articles/2010/amazon.md');
  await writeFile(amazon, `${await readFile(amazon, 'utf8')}\nEin Quastenflosser wurde gesichtet.\n`);
  await rm(path.join(content, 'articles/2026/agentur.md'));
  for (let day = 1; day <= 20; day++)
    await writeFile(
      path.join(content, `articles/2026/folge-${day}-2026.md`),
      seriesArticle(2026, day, 'Fortsetzungsreihe'),
    );
  await build();
  second = await publishedRelease();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await rm(work, { recursive: true, force: true });
});

describe('the search index in parts', () => {
  it('writes calendar parts and no delta on a first publish', async () => {
    const parts = await readParts(first);
    expect(parts.parts.map((part) => part.key)).toEqual(['2026', '2025', '2010']);
    expect(parts.delta).toBeNull();
  });

  it('after an edit, a deletion and additions rebuilds only the delta and keeps every calendar part byte for byte', async () => {
    const before = await readParts(first);
    const after = await readParts(second);
    expect(after.parts).toEqual(before.parts);
    // The 20 new articles and the edited one; a page whose related list changed may join them.
    expect(after.delta?.pages).toBeGreaterThanOrEqual(21);
    expect(after.superseded).toEqual(expect.arrayContaining(['/2010/12/13/amazon/', '/2026/11/18/agentur/']));
    console.log(`delta: ${after.delta?.pages} articles; superseded: ${after.superseded.join(', ')}`);
    const releasesDir = resolveReleasesDir(out);
    const firstFiles = await readReleaseFiles(releasesDir, first);
    const secondFiles = await readReleaseFiles(releasesDir, second);
    for (const part of before.parts) {
      const files = Object.keys(firstFiles).filter((file) => file.startsWith(`pagefind/${part.dir}/`));
      expect(files.length).toBeGreaterThan(5);
      for (const file of files) expect(secondFiles[file]).toEqual(firstFiles[file]);
    }
    const searched = await readSearchedPages(second.siteDir);
    expect(searched.has('2026/11/18/agentur/index.html')).toBe(false);
    expect(searched.get('2010/12/13/amazon/index.html')).toBe(secondFiles['2010/12/13/amazon/index.html']?.hash);
  });

  it('finds a word only the edited article contains right after the publish, once', async () => {
    const base = await serve(second);
    const page = await open(base, '/suche/');
    expect(await search(page, 'Quastenflosser')).toEqual(['Amazon hackt sich selbst']);
    expect(await search(page, 'Hardware')).toEqual(['Amazon hackt sich selbst']);
    await page.close();
  });

  it('no longer finds a deleted article', async () => {
    const base = await serve(first);
    const before = await open(base, '/suche/');
    expect(await search(before, 'Großhandelspreise')).toEqual(['Strompreise sinken']);
    await before.close();
    const page = await open(await serve(second), '/suche/');
    expect(await search(page, 'Großhandelspreise')).toEqual([]);
    expect(await page.locator('.search-status').textContent()).toBe('Keine Artikel gefunden.');
    await page.close();
  });

  it('finds an old article next to a new one, and pages through hits of several parts', async () => {
    const base = await serve(second);
    const page = await open(base, '/suche/');
    const shown = await search(page, 'Fortsetzungsreihe');
    expect(shown).toHaveLength(30);
    expect(await page.locator('.search-status').textContent()).toBe('40 Artikel gefunden');
    await page.click('.search-more button');
    await page.locator('.search-results li').nth(39).waitFor();
    const all = await page.locator('.search-results .headline').allTextContents();
    expect(new Set(all).size).toBe(40);
    expect(all.filter((headline) => headline.endsWith('2025'))).toHaveLength(20);
    expect(all.filter((headline) => headline.endsWith('2026'))).toHaveLength(20);
    expect(await page.locator('.search-more').isHidden()).toBe(true);
    await page.close();
  });

  it('filters by section and year across parts, newest first without a search term', async () => {
    const base = await serve(second);
    const page = await open(base, '/suche/?section=Wirtschaft');
    await headlinesOf(page);
    await page.click('.search-more button');
    await page.locator('.search-more').waitFor({ state: 'hidden' });
    const links = await page
      .locator('.search-results a')
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
    const dated = links.filter((link) => /^\/\d{4}\//.test(link));
    expect(dated.length).toBeGreaterThan(40);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(links).toContain('/2010/12/13/amazon/');
    expect(new Set(links).size).toBe(links.length);
    await page.selectOption('select[name="year"]', '2010');
    // The page marks the search its list shows once the list is complete; the list is emptied
    // before the new hits arrive, so a count of list items would be seen too early.
    await page
      .locator(`.search[data-shown="${new URLSearchParams({ section: 'Wirtschaft', year: '2010' })}"]`)
      .waitFor();
    const in2010 = await page
      .locator('.search-results a')
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
    expect(in2010.length).toBeGreaterThan(0);
    expect(in2010.every((link) => link.startsWith('/2010/'))).toBe(true);
    await page.close();
  });

  it('folds the delta back into the calendar parts it touches when asked to, whatever its size', async () => {
    const before = await readParts(second);
    const { stdout } = await build('--fold-search');
    const folded = await publishedRelease();
    const after = await readParts(folded);
    expect(stdout).toContain('(delta folded back)');
    expect(after.delta).toBeNull();
    expect(after.superseded).toEqual([]);
    // The edited 2010 article, the deleted and the added 2026 ones: those years' parts are rebuilt.
    const dirOf = (parts: PartsFile, key: string): string | undefined =>
      parts.parts.find((part) => part.key === key)?.dir;
    for (const key of ['2010', '2026']) expect(dirOf(after, key)).not.toBe(dirOf(before, key));
    expect(dirOf(after, '2025')).toBe(dirOf(before, '2025'));
    const searched = await readSearchedPages(folded.siteDir);
    expect([...searched.keys()].sort()).toEqual([...(await readSearchedPages(second.siteDir)).keys()].sort());
    const page = await open(await serve(folded), '/suche/');
    expect(await search(page, 'Quastenflosser')).toEqual(['Amazon hackt sich selbst']);
    expect(await search(page, 'Großhandelspreise')).toEqual([]);
    await page.close();
  });

  it('runs without script errors or console errors', () => {
    expect(errors).toEqual([]);
  });
});
