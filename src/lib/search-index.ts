/**
 * The static search index, written by Pagefind into `<site>/pagefind/` after Astro has built the
 * pages and before the site is published. Only article bodies are indexed (`data-pagefind-body`),
 * so navigation, the support appeal and related lists never match a search. Pagefind reads each
 * page's `lang` and stems German for a German paper.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';

export interface SearchIndexResult {
  /** Pages in the index: the articles. */
  indexed: number;
  /** Languages Pagefind found, with their own stemming: e.g. "de-de". */
  languages: string[];
}

export async function writeSearchIndex(siteDir: string): Promise<SearchIndexResult> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const outputPath = path.join(siteDir, 'pagefind');
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    const entry = JSON.parse(await readFile(path.join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const languages = Object.keys(entry.languages);
    return {
      indexed: languages.reduce((sum, language) => sum + (entry.languages[language]?.page_count ?? 0), 0),
      languages,
    };
  } finally {
    await pagefind.close();
  }
}
