/**
 * Ranking across the search index's parts against one index of the whole paper, in Chromium: the
 * bench (`npm run bench:search`) and a build test use it. One Pagefind index of every article page
 * is written beside the site; a small static server on 127.0.0.1 serves the site, its parts and
 * that single index; for each fixed query the single index's top hit is compared with the search
 * page's (typed in as a reader would) and with a plain merge by each part's own score (Pagefind's
 * mergeIndex order, the search page's before it re-ranked). A date-sorted search (a section chosen,
 * no words) is compared with the single index's newest-first list.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createRandom, WORDS } from './synthetic-paper.ts';

/** Fixed queries: distinct words of the synthetic paper's vocabulary, drawn with a fixed seed. */
export function drawQueries(count: number, seed = 12): string[] {
  const random = createRandom(seed);
  const words = [...new Set(WORDS.filter((word) => word.length > 2).map((word) => word.toLowerCase()))];
  const queries: string[] = [];
  while (queries.length < count && words.length) queries.push(words.splice(Math.floor(random() * words.length), 1)[0]!);
  return queries;
}

/** One Pagefind index of `pages` (files in `siteDir`) in `outputPath`; returns its seconds. */
export async function writeSingleIndex(siteDir: string, pages: Iterable<string>, outputPath: string): Promise<number> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    for (const file of [...pages].sort()) {
      const content = await readFile(path.join(siteDir, file), 'utf8');
      const added = await index.addHTMLFile({ sourcePath: file, content });
      if (added.errors.length) throw new Error(`${file}: ${added.errors.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(written.errors.join('; '));
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
  return (performance.now() - started) / 1000;
}

export function launchRankingBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
};

export interface RankingSetup {
  /** The built site: search page, article pages, assets. Only read. */
  siteDir: string;
  /** The folder whose `pagefind/` holds the parts compared; the site's own by default. */
  partsDir?: string;
  /** The single index (writeSingleIndex's output). */
  singleDir: string;
  /** A search page script (JavaScript) to run in place of the built one. */
  searchScript?: string;
  queries: readonly string[];
}

export interface RankingRow {
  query: string;
  single: string | null;
  plain: string | null;
  reranked: string | null;
  /** Where the single index ranks the search page's top hit (1 = agrees), or null past 30. */
  rankInSingle: number | null;
  /** How far below the single index's best score it scores the search page's top hit (0 = equal). */
  scoreShortfall: number | null;
  /** From pressing Enter to the results shown, on the search page. */
  ms: number;
}

export interface RankingReport {
  parts: number;
  rows: RankingRow[];
  agreePlain: number;
  agreeReranked: number;
  newestFirst: { section: string; shown: string[]; single: string[]; agrees: boolean };
  errors: string[];
}

interface ServedSite {
  base: string;
  close(): void;
}

function serve(setup: RankingSetup, extra: ReadonlyMap<string, string>): Promise<ServedSite> {
  const partsDir = setup.partsDir ?? setup.siteDir;
  const server = createServer((request, response) => {
    void (async () => {
      const url = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      const send = (body: Buffer | string, type: string): void => {
        response.writeHead(200, { 'content-type': type });
        response.end(body);
      };
      const page = extra.get(url);
      if (page !== undefined) return send(page, CONTENT_TYPES[path.extname(url) || '.html']!);
      let file: string;
      if (url.startsWith('/pagefind-single/')) file = path.join(setup.singleDir, url.slice('/pagefind-single/'.length));
      else if (url.startsWith('/pagefind/')) file = path.join(partsDir, url);
      else file = path.join(setup.siteDir, url.endsWith('/') ? `${url}index.html` : url);
      try {
        send(await readFile(file), CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream');
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ base: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

interface PartsList {
  parts: Array<{ dir: string }>;
  delta: { dir: string } | null;
  drop: Record<string, string[]>;
}

/** The single index's top hits and newest-first list, on a page of its own. */
function searchSingle(page: Page, queries: readonly string[], section: string) {
  return page.evaluate(
    async ({ queries, section }) => {
      interface Module {
        options(options: object): Promise<void>;
        search(
          query: string | null,
          options?: object,
        ): Promise<{ results: Array<{ score: number; data(): Promise<{ url: string }> }> }>;
      }
      // Through a function made from text: a test runner would rewrite an import() in this code.
      const load = new Function('url', 'return import(url)') as (url: string) => Promise<Module>;
      const single = await load('/pagefind-single/pagefind.js');
      await single.options({ baseUrl: '/' });
      const tops: Array<Array<{ url: string; score: number }>> = [];
      for (const query of queries) {
        const { results } = await single.search(query);
        tops.push(
          await Promise.all(
            results.slice(0, 30).map(async (result) => ({ url: (await result.data()).url, score: result.score })),
          ),
        );
      }
      const newest = await single.search(null, { filters: { section }, sort: { date: 'desc' } });
      const newestUrls = await Promise.all(
        newest.results.slice(0, 60).map(async (result) => (await result.data()).url),
      );
      return { tops, newestUrls };
    },
    { queries, section },
  );
}

/** The parts merged by each part's own score (superseded copies dropped), on a page of its own. */
function searchPlain(page: Page, queries: readonly string[], list: PartsList) {
  return page.evaluate(
    async ({ queries, list }) => {
      interface Result {
        id: string;
        score: number;
        data(): Promise<{ url: string }>;
      }
      interface Module {
        options(options: object): Promise<void>;
        mergeIndex(path: string, options: object): Promise<void>;
        search(query: string | null, options?: object): Promise<{ results: Result[] }>;
      }
      const dirs = [...(list.delta ? [list.delta.dir] : []), ...list.parts.map((part) => part.dir)];
      const load = new Function('url', 'return import(url)') as (url: string) => Promise<Module>;
      const merged = await load(`/pagefind/${dirs[0]}/pagefind.js`);
      await merged.options({ baseUrl: '/', mergeFilter: { part: dirs[0] } });
      for (const dir of dirs.slice(1))
        await merged.mergeIndex(`/pagefind/${dir}/`, { baseUrl: '/', mergeFilter: { part: dir } });
      const tops: Array<string | null> = [];
      for (const query of queries) {
        const answers = await Promise.all(dirs.map((dir) => merged.search(query, { filters: { part: dir } })));
        const best = answers
          .flatMap(({ results }, index) =>
            results.filter((result) => !(list.drop[dirs[index]!] ?? []).includes(result.id)),
          )
          .sort((a, b) => b.score - a.score)[0];
        tops.push(best ? (await best.data()).url : null);
      }
      return tops;
    },
    { queries, list },
  );
}

/** Compares the parts' ranking with the single index's (see the module's comment). */
export async function compareRanking(browser: Browser, setup: RankingSetup): Promise<RankingReport> {
  const searchDir = (await readdir(setup.siteDir)).find((entry) => ['suche', 'search'].includes(entry));
  if (!searchDir) throw new Error(`${setup.siteDir} has no search page (suche/ or search/).`);
  const pageHtml = await readFile(path.join(setup.siteDir, searchDir, 'index.html'), 'utf8');
  const extra = new Map<string, string>();
  let searchUrl = `/${searchDir}/`;
  if (setup.searchScript !== undefined) {
    const html = pageHtml.replace(
      /<script type="module" src="[^"]*"><\/script>/,
      '<script type="module" src="/__search.js"></script>',
    );
    if (html === pageHtml) throw new Error('The search page has no module script to replace.');
    searchUrl = '/__search/';
    extra.set(searchUrl, html);
    extra.set('/__search.js', setup.searchScript);
  }
  // Pagefind chooses its index by the page's language, as on the search page.
  const lang = /<html lang="([^"]+)"/.exec(pageHtml)?.[1] ?? 'de';
  extra.set('/__blank/', `<!doctype html><html lang="${lang}"><title>ranking</title></html>`);
  const section = /<option value="([^"]+)">/.exec(pageHtml)?.[1] ?? '';
  const list = JSON.parse(
    await readFile(path.join(setup.partsDir ?? setup.siteDir, 'pagefind/parts.json'), 'utf8'),
  ) as PartsList;

  const site = await serve(setup, extra);
  const errors: string[] = [];
  try {
    // Each Pagefind library on a page of its own: two on one page would share its WebAssembly.
    const singlePage = await browser.newPage();
    await singlePage.goto(`${site.base}/__blank/`);
    const single = await searchSingle(singlePage, setup.queries, section);
    const plainPage = await browser.newPage();
    await plainPage.goto(`${site.base}/__blank/`);
    const plain = await searchPlain(plainPage, setup.queries, list);

    const page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${site.base}${searchUrl}`);
    await page.locator('.search-ready').waitFor();
    const rows: RankingRow[] = [];
    for (const [index, query] of setup.queries.entries()) {
      const started = performance.now();
      await page.fill('#search-query', query);
      await page.press('#search-query', 'Enter');
      await page.locator(`.search[data-shown="${new URLSearchParams({ q: query })}"]`).waitFor();
      const ms = Math.round(performance.now() - started);
      const first = page.locator('.search-results a').first();
      const reranked = (await first.count()) ? await first.getAttribute('href') : null;
      const top = single.tops[index] ?? [];
      const at = top.findIndex((hit) => hit.url === reranked);
      rows.push({
        query,
        single: top[0]?.url ?? null,
        plain: plain[index] ?? null,
        reranked,
        rankInSingle: at === -1 ? null : at + 1,
        scoreShortfall: at === -1 ? null : (top[0]!.score - top[at]!.score) / top[0]!.score,
        ms,
      });
    }
    // Newest first across parts: the search page with only a section chosen, two pages of hits.
    await page.goto(`${site.base}${searchUrl}?section=${encodeURIComponent(section)}`);
    await page.locator('.search-status').filter({ hasText: /\S/ }).waitFor();
    const wanted = single.newestUrls.length;
    if (wanted > 30) {
      await page.click('.search-more button');
      await page
        .locator('.search-results li')
        .nth(wanted - 1)
        .waitFor();
    }
    const shown = (
      await page
        .locator('.search-results a')
        .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''))
    ).slice(0, wanted);
    return {
      parts: list.parts.length + (list.delta ? 1 : 0),
      rows,
      agreePlain: rows.filter((row) => row.plain === row.single).length,
      agreeReranked: rows.filter((row) => row.reranked === row.single).length,
      newestFirst: {
        section,
        shown,
        single: single.newestUrls,
        agrees: shown.length === wanted && shown.every((url, index) => url === single.newestUrls[index]),
      },
      errors,
    };
  } finally {
    site.close();
  }
}
