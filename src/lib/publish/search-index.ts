/**
 * The static search index, written by Pagefind into `<site>/pagefind/` after Astro has built the
 * pages and before the site is published. Only article bodies are indexed (`data-pagefind-body`),
 * so navigation, the support appeal and related lists never match a search. Pagefind reads each
 * page's `lang` and stems German for a German paper.
 *
 * Pages are handed over from the list the build already made rather than by folder, so Pagefind
 * does not read the whole site again. Its per-page fragments are stable from build to build; its
 * filter and metadata files are not (it writes them from hash maps, Pagefind issue #638), so a
 * rebuilt index always differs in those few files.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { hashBytes } from './finish-release.ts';

/** Pages sent to Pagefind before the first of them must be answered: enough to keep it busy. */
const PAGES_IN_FLIGHT = 32;

export interface SearchIndexResult {
  /** Pages in the index: the articles. */
  indexed: number;
  /** Languages Pagefind found, with their own stemming: e.g. "de-de". */
  languages: string[];
}

/** Pagefind indexes the pages that mark their indexable part: the articles. */
export function isIndexedPage(file: string, data: Buffer): boolean {
  return file.endsWith('.html') && data.includes('data-pagefind-body');
}

/**
 * A digest of the indexed pages' names and hashes. When it equals the previous release's, its
 * index is still exact and is taken over instead of rebuilt.
 */
export function digestIndexedPages(pages: ReadonlyArray<{ file: string; hash: string }>): string {
  const lines = [...pages].sort((a, b) => (a.file < b.file ? -1 : 1)).map(({ file, hash }) => `${file} ${hash}`);
  return hashBytes(Buffer.from(lines.join('\n')));
}

/** `pages`: the site's indexed pages, relative to `siteDir` (e.g. "2026/11/20/streik/index.html"). */
export async function writeSearchIndex(siteDir: string, pages: readonly string[]): Promise<SearchIndexResult> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    // In order: Pagefind numbers pages as they arrive, and its word index is stable from build to
    // build only when the numbering is. Its service handles messages one after another in the
    // order they were written, so pages are sent ahead without waiting for each answer, and
    // reading the next file overlaps with Pagefind indexing the last (12 s instead of 16 s for
    // 10,000 articles).
    const inFlight: Array<Promise<void>> = [];
    const refused: string[] = [];
    for (const page of [...pages].sort()) {
      const content = await readFile(path.join(siteDir, page), 'utf8');
      inFlight.push(
        // Failures are collected rather than thrown: a rejection waiting in the queue would
        // otherwise count as unhandled and end the process.
        index.addHTMLFile({ sourcePath: page, content }).then(
          ({ errors }) => {
            if (errors.length) refused.push(`${page}: ${errors.join('; ')}`);
          },
          (error: unknown) => {
            refused.push(`${page}: ${String(error)}`);
          },
        ),
      );
      if (inFlight.length >= PAGES_IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight);
    if (refused.length) throw new Error(`Pagefind could not index ${refused.length} page(s): ${refused.join(' | ')}`);
    // Pagefind writes the files itself: taking them through its Node API (getFiles) sends the
    // whole index as one message, which for 100,000 articles passes V8's longest string and is
    // lost. A release must never be hashed with half a file in it, so the entry file (written
    // last) is checked before the index counts as written.
    const outputPath = path.join(siteDir, 'pagefind');
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    const entry = await readEntry(outputPath);
    const languages = Object.keys(entry.languages);
    return {
      indexed: languages.reduce((sum, language) => sum + (entry.languages[language]?.page_count ?? 0), 0),
      languages,
    };
  } finally {
    await pagefind.close();
  }
}

interface PagefindEntry {
  languages: Record<string, { hash: string; page_count: number }>;
}

/** The written index's entry file, once it is complete and every language's metadata is there. */
async function readEntry(outputPath: string): Promise<PagefindEntry> {
  const giveUpAt = Date.now() + 30_000;
  for (;;) {
    try {
      const entry = JSON.parse(await readFile(path.join(outputPath, 'pagefind-entry.json'), 'utf8')) as PagefindEntry;
      const complete = await Promise.all(
        Object.values(entry.languages).map(({ hash }) =>
          stat(path.join(outputPath, `pagefind.${hash}.pf_meta`)).then(
            () => true,
            () => false,
          ),
        ),
      );
      if (complete.every(Boolean)) return entry;
    } catch {
      // Not written yet, or half written: look again.
    }
    if (Date.now() > giveUpAt)
      throw new Error(`Pagefind reported its index written, but ${outputPath} is incomplete 30 s later.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
