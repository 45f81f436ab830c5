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

/** A release's page graph as a build plans with it: its pages by output file. */
export interface PageGraph extends Omit<PageGraphRecord, 'pages'> {
  pages: ReadonlyMap<string, string>;
}

export const PAGE_GRAPH_FILE = 'page-graph.json';

export interface PlannedFile {
  file: string;
  key: string;
}

export interface PagePlan<T extends PlannedFile> {
  render: T[];
  /** How many pages are taken over. */
  kept: number;
  /** The previous graph's pages that are no longer there. */
  removed: string[];
}

export function planPages<T extends PlannedFile>(
  pages: readonly T[],
  codeKey: string,
  previous: PageGraph | undefined,
): PagePlan<T> {
  const render: T[] = [];
  const reusable = previous !== undefined && previous.codeKey === codeKey;
  let kept = 0;
  // How many of the previous pages are still there: when all are, none was removed, and the
  // 35,000 files need not be looked up the other way round.
  let stillThere = 0;
  for (const page of pages) {
    const before = previous?.pages.get(page.file);
    if (before !== undefined) stillThere++;
    if (reusable && before === page.key) kept++;
    else render.push(page);
  }
  let removed: string[] = [];
  if (previous && stillThere < previous.pages.size) {
    const now = new Set(pages.map((page) => page.file));
    removed = [...previous.pages.keys()].filter((file) => !now.has(file));
  }
  return { render, kept, removed };
}

export function parsePageGraph(text: string): PageGraph | undefined {
  try {
    const value = JSON.parse(text) as Partial<PageGraphRecord>;
    if (value.version !== 1 || typeof value.codeKey !== 'string' || typeof value.pages !== 'object' || !value.pages)
      return undefined;
    return { ...(value as PageGraphRecord), pages: new Map(Object.entries(value.pages)) };
  } catch {
    return undefined;
  }
}

/**
 * Each page's entry in the graph's JSON text, by the page object: the page list a build gets from
 * a renderer that stays up (watch) holds the very objects of the last list for the pages that did
 * not change, and writing 35,000 entries anew for every publish costs more than looking them up.
 */
const entryTexts = new WeakMap<PlannedFile, string>();

/** Pages per run of entries whose joined text is kept (see `runTexts`). */
const RUN = 512;

/**
 * The joined text of each run of `RUN` entries, by the run's first page, with the pages it was
 * joined from: a watch publish of an edit changes a few of 35,000 entries, so all but a few runs
 * are the same pages as last time, and their text is taken as it is.
 */
let runTexts = new Map<PlannedFile, { pages: readonly PlannedFile[]; text: string }>();

/** The text of page-graph.json: the same as `JSON.stringify` of the record, `pages` in list order. */
export function writePageGraph(graph: Omit<PageGraphRecord, 'pages'>, pages: readonly PlannedFile[]): string {
  const runs: string[] = [];
  const kept = new Map<PlannedFile, { pages: readonly PlannedFile[]; text: string }>();
  for (let start = 0; start < pages.length; start += RUN) {
    const run = pages.slice(start, start + RUN);
    const known = runTexts.get(run[0]!);
    let text: string;
    if (known && known.pages.length === run.length && known.pages.every((page, index) => page === run[index]))
      text = known.text;
    else text = run.map(writeEntry).join(',');
    kept.set(run[0]!, { pages: run, text });
    runs.push(text);
  }
  runTexts = kept;
  const { version, codeKey, ...rest } = graph;
  const head = JSON.stringify({ version, codeKey });
  const tail = JSON.stringify(rest);
  return `${head.slice(0, -1)},"pages":{${runs.join(',')}}${tail === '{}' ? '' : `,${tail.slice(1, -1)}`}}`;
}

function writeEntry(page: PlannedFile): string {
  let text = entryTexts.get(page);
  if (text === undefined) entryTexts.set(page, (text = `${JSON.stringify(page.file)}:${JSON.stringify(page.key)}`));
  return text;
}
