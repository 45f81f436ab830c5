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
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { hashBytes } from './publish/finish-release.ts';

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
    // The index is taken from Pagefind in memory and written here: its own writeFiles() was seen
    // to resolve before pagefind-entry.json was complete, and a release must never be hashed and
    // published with half a file in it.
    const built = await index.getFiles();
    if (built.errors.length) throw new Error(`Pagefind could not build the index: ${built.errors.join('; ')}`);
    const outputPath = path.join(siteDir, 'pagefind');
    let entry: { languages: Record<string, { page_count: number }> } | undefined;
    for (const file of built.files) {
      const target = path.join(outputPath, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content);
      if (file.path === 'pagefind-entry.json')
        entry = JSON.parse(Buffer.from(file.content).toString('utf8')) as typeof entry;
    }
    if (!entry) throw new Error('Pagefind built an index without its pagefind-entry.json.');
    const languages = Object.keys(entry.languages);
    return {
      indexed: languages.reduce((sum, language) => sum + (entry.languages[language]?.page_count ?? 0), 0),
      languages,
    };
  } finally {
    await pagefind.close();
  }
}
