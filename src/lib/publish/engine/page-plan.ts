/**
 * Which pages a build renders: every page whose key differs from the one the previous release was
 * built with, every page that is new, and every page when the code changed (the keys cover data,
 * the code key covers templates). The rest are the previous release's files, taken over. Pages
 * the graph no longer lists are simply not in the new release. Pure.
 */

/** What a release records of the graph it was built from (page-graph.json beside release.json). */
export interface PageGraphRecord {
  version: 1;
  /** The code bundle the pages were rendered with. */
  codeKey: string;
  /** Every page's output file and key. */
  pages: Record<string, string>;
  /** The files this build rendered; the rest it took over. */
  rendered: string[];
  /** The other files of the release (styles, pictures, sitemaps, hosting files), but the search index's. */
  extras?: string[];
  /** The sitemaps by the digest of their entries (lib/site/sitemaps.ts). */
  sitemaps?: Record<string, string>;
}

export const PAGE_GRAPH_FILE = 'page-graph.json';

export interface PlannedFile {
  file: string;
  key: string;
}

export interface PagePlan {
  render: string[];
  keep: string[];
}

export function planPages(
  pages: readonly PlannedFile[],
  codeKey: string,
  previous: PageGraphRecord | undefined,
): PagePlan {
  const plan: PagePlan = { render: [], keep: [] };
  const reusable = previous !== undefined && previous.codeKey === codeKey;
  for (const { file, key } of pages) {
    if (reusable && previous.pages[file] === key) plan.keep.push(file);
    else plan.render.push(file);
  }
  return plan;
}

export function parsePageGraph(text: string): PageGraphRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<PageGraphRecord>;
    if (value.version !== 1 || typeof value.codeKey !== 'string' || typeof value.pages !== 'object' || !value.pages)
      return undefined;
    return value as PageGraphRecord;
  } catch {
    return undefined;
  }
}
