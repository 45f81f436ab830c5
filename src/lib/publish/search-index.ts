/**
 * The static search index, written by Pagefind into `<site>/pagefind/` after Astro has built the
 * pages and before the site is published, in parts (planned by search-parts.ts): each part is a
 * complete Pagefind index in its own folder, `pagefind/<key>-<digest>/`, and `pagefind/parts.json`
 * lists them for the search page. Only article bodies are indexed (`data-pagefind-body`), so
 * navigation, the support appeal and related lists never match a search. Pagefind reads each
 * page's `lang` and stems German for a German paper.
 *
 * A part that is not rebuilt is taken over from the previous release byte for byte (its folder is
 * shared by the release's tree; the parts no longer used are listed in `dropped`). A rebuilt part
 * always differs in its filter and metadata
 * files, which Pagefind writes from hash maps (Pagefind issue #638); its per-page fragments are
 * stable from build to build.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { hashBytes } from '../hash.ts';
import {
  DEFAULT_PLAN_OPTIONS,
  DELTA_KEY,
  diffIndexedPages,
  getPageUrl,
  listSearchedPages,
  PARTS_VERSION,
  planSearchParts,
  type IndexedPage,
  type PartRecord,
  type PartsState,
  type PlannedPart,
  type PlanOptions,
} from './search-parts.ts';

/** Pages sent to Pagefind before the first of them must be answered: enough to keep it busy. */
const PAGES_IN_FLIGHT = 32;

export const PARTS_FILE = 'pagefind/parts.json';
/** Each part's own list of its pages: the file, its hash and Pagefind's id for it (its fragment). */
const PART_PAGES_FILE = 'pages.json';

/** `pagefind/parts.json`: read by the search page (parts, drop) and by the next build. */
export interface PartsFile {
  version: typeof PARTS_VERSION;
  /** Calendar parts, newest first, then undated articles. */
  parts: Array<{ key: string; dir: string; pages: number }>;
  /** Articles added or changed since the calendar parts were rebuilt, or null. */
  delta: { dir: string; pages: number } | null;
  /**
   * The articles a search finds (superseded copies left out) and the words Pagefind counted in
   * them: what one index of the whole paper would rank by (see the search page's rankAcrossParts).
   */
  searched: { pages: number; words: number };
  /** Pages the calendar parts index that no longer exist (until the next fold). */
  removed: string[];
  /** Addresses of the old copies the search page drops: changed or removed since. */
  superseded: string[];
  /** The same as Pagefind result ids, per part folder: what the search page filters on. */
  drop: Record<string, string[]>;
}

interface PartPagesFile {
  version: typeof PARTS_VERSION;
  key: string;
  /** Per page: its hash, Pagefind's id and the words Pagefind counted (for page-length ranking). */
  pages: Record<string, PartPage>;
}

export interface SearchIndexResult {
  /** Articles a search finds. */
  indexed: number;
  /** Languages of the rebuilt parts, with their own stemming: e.g. "de-de". */
  languages: string[];
  /** Keys of the parts rebuilt by this publish ("delta" for the delta part). */
  rebuilt: string[];
  /** Parts taken over from the previous release. */
  kept: number;
  /** Articles in the delta part. */
  delta: number;
  /** The delta was folded back into the calendar parts. */
  folded: boolean;
  /** The previous release's part folders (e.g. "pagefind/2016-0a1b2c3d4e5f/") the index no longer has. */
  dropped: string[];
  /**
   * Each rebuilt part's folder with a folder of the previous release it replaces (the same
   * calendar part's, else the delta's, else any), e.g. "pagefind/delta-1a…/" → "pagefind/delta-9f…/":
   * Pagefind writes the same script, styles and WebAssembly into every part, and their
   * compressed copies can be taken from there.
   */
  formerFolders: Record<string, string>;
  /** The indexed pages with their hashes. */
  pages: IndexedPage[];
}

/** An indexed page of the site; without a hash, it is the same as in the previous release. */
export interface SitePage {
  file: string;
  hash?: string | undefined;
}

/** Pagefind indexes the pages that mark their indexable part: the articles. */
export function isIndexedPage(file: string, data: Buffer): boolean {
  return file.endsWith('.html') && data.includes('data-pagefind-body');
}

/** A digest of the indexed pages' names and hashes, recorded in the release manifest. */
export function digestIndexedPages(pages: ReadonlyArray<{ file: string; hash: string }>): string {
  const lines = [...pages].sort((a, b) => (a.file < b.file ? -1 : 1)).map(({ file, hash }) => `${file} ${hash}`);
  return hashBytes(lines.join('\n'));
}

interface PartPage {
  hash: string;
  id: string;
  words: number;
}

interface LoadedParts {
  state: PartsState;
  /** Per part folder: page file → its entry. */
  entries: Map<string, Record<string, PartPage>>;
}

async function readPartPages(siteDir: string, dir: string): Promise<PartPagesFile> {
  const file = JSON.parse(
    await readFile(path.join(siteDir, 'pagefind', dir, PART_PAGES_FILE), 'utf8'),
  ) as PartPagesFile;
  if (file.version !== PARTS_VERSION) throw new Error(`${dir}/${PART_PAGES_FILE} has version ${file.version}`);
  return file;
}

/**
 * The parts the last `parts.json` this process read or wrote stands for: a part's folder is named
 * by its pages' digest and never rewritten, so the same list stands for the same parts, and
 * `npm run watch` need not read 10,000 pages' entries again for every publish.
 */
let lastParts: { text: string; parts: LoadedParts } | undefined;

/**
 * The parts a published site's search index is made of, or null when it has none this version can
 * read (a release from before parts, or a damaged one): then every part is built anew.
 */
async function readParts(siteDir: string): Promise<LoadedParts | null> {
  try {
    const text = await readFile(path.join(siteDir, PARTS_FILE), 'utf8');
    if (lastParts?.text === text) return lastParts.parts;
    const list = JSON.parse(text) as PartsFile;
    if (list.version !== PARTS_VERSION) return null;
    const entries = new Map<string, Record<string, PartPage>>();
    const load = async ({ dir }: { dir: string }): Promise<PartRecord> => {
      const file = await readPartPages(siteDir, dir);
      entries.set(dir, file.pages);
      return {
        key: file.key,
        dir,
        pages: Object.fromEntries(Object.entries(file.pages).map(([page, { hash }]) => [page, hash])),
      };
    };
    const parts = await Promise.all(list.parts.map(load));
    const delta = list.delta ? await load(list.delta) : null;
    const loaded = { state: { parts, delta, removed: list.removed }, entries };
    lastParts = { text, parts: loaded };
    return loaded;
  } catch {
    return null;
  }
}

/** The articles a search of a published site finds, with the hash of the copy it finds (for tests). */
export async function readSearchedPages(siteDir: string): Promise<Map<string, string>> {
  const parts = await readParts(siteDir);
  if (!parts) throw new Error(`${siteDir} has no readable ${PARTS_FILE}.`);
  return listSearchedPages(parts.state);
}

/**
 * Brings the search index of `siteDir` up to date with `sitePages` (the site's indexed pages,
 * relative to it), taking over what it can from the previous release's site folder. `siteDir` holds
 * the pages this build wrote; the others are read from the previous release.
 */
export async function updateSearchParts(
  siteDir: string,
  sitePages: readonly SitePage[],
  previousSiteDir: string | undefined,
  options: Partial<PlanOptions> = {},
  { keepService = false }: { keepService?: boolean } = {},
): Promise<SearchIndexResult> {
  const previous = previousSiteDir ? await readParts(previousSiteDir) : null;
  const readPage = async (file: string): Promise<Buffer> => {
    try {
      return await readFile(path.join(siteDir, file));
    } catch (error) {
      if (!previousSiteDir) throw error;
      return readFile(path.join(previousSiteDir, file));
    }
  };
  const searchedBefore = previous ? listSearchedPages(previous.state) : new Map<string, string>();
  const pages: IndexedPage[] = [];
  for (const { file, hash } of sitePages)
    pages.push({
      file,
      // An unchanged page the previous index did not have (it was damaged, or made by another
      // version) is read once to hash it.
      hash: hash ?? searchedBefore.get(file) ?? hashBytes(await readPage(file)),
    });
  const state = previous?.state ?? null;
  const plan = planSearchParts(
    state,
    diffIndexedPages(state, pages, searchedBefore),
    { ...DEFAULT_PLAN_OPTIONS, ...options },
    searchedBefore,
  );
  const all = [...plan.parts, ...(plan.delta ? [plan.delta] : [])];
  const rebuilt = all.filter((part) => !part.reuse);
  const entries = new Map(
    all.filter((part) => part.reuse).map((part) => [part.dir, previous?.entries.get(part.dir) ?? {}]),
  );
  const languages = new Set<string>();
  for (const part of rebuilt) {
    // One Pagefind process a part: its service keeps every index it made until it is closed, so
    // one service for all parts would hold the whole paper's index at the end (3.8 GB instead of
    // one part's at 10,000 articles), and a part's memory is what the parts are there to bound.
    // Only the delta, which holds at most the fold limit's pages, may leave its service up for
    // the next publish (watch mode): a start is 30 ms, and a warm service indexes faster.
    const keep = keepService && part.key === DELTA_KEY;
    if (!keep) await pagefind.close();
    try {
      const written = await writePart(siteDir, part, readPage);
      entries.set(part.dir, written.entries);
      for (const language of written.languages) languages.add(language);
    } finally {
      if (!keep) await pagefind.close();
    }
  }

  // Superseded copies live in the calendar parts: the delta always holds the current one.
  const superseded = new Set(plan.superseded);
  const drop: Record<string, string[]> = {};
  for (const part of plan.parts) {
    const dropped = Object.entries(entries.get(part.dir) ?? {})
      .filter(([file]) => superseded.has(getPageUrl(file)))
      .map(([, { id }]) => id)
      .sort();
    if (dropped.length) drop[part.dir] = dropped;
  }
  const list: PartsFile = {
    version: PARTS_VERSION,
    parts: plan.parts.map(({ key, dir, pages }) => ({ key, dir, pages: Object.keys(pages).length })),
    delta: plan.delta && { dir: plan.delta.dir, pages: Object.keys(plan.delta.pages).length },
    searched: countSearchedWords(plan.parts, plan.delta, superseded, entries),
    removed: plan.removed,
    superseded: plan.superseded,
    drop,
  };
  await mkdir(path.join(siteDir, 'pagefind'), { recursive: true });
  const text = `${JSON.stringify(list, null, 1)}\n`;
  await writeFile(path.join(siteDir, PARTS_FILE), text);
  lastParts = {
    text,
    parts: {
      state: {
        parts: plan.parts.map(({ key, dir, pages }) => ({ key, dir, pages })),
        delta: plan.delta && { key: plan.delta.key, dir: plan.delta.dir, pages: plan.delta.pages },
        removed: plan.removed,
      },
      entries,
    },
  };
  return {
    indexed: pages.length,
    languages: [...languages].sort(),
    rebuilt: rebuilt.map((part) => part.key),
    kept: all.length - rebuilt.length,
    delta: plan.delta ? Object.keys(plan.delta.pages).length : 0,
    folded: plan.folded,
    dropped: previous
      ? [...previous.state.parts, ...(previous.state.delta ? [previous.state.delta] : [])]
          .map((part) => part.dir)
          .filter((dir) => !all.some((part) => part.reuse && part.dir === dir))
          .map((dir) => `pagefind/${dir}/`)
      : [],
    formerFolders: Object.fromEntries(
      rebuilt.flatMap((part) => {
        const before = previous?.state;
        const former = before?.parts.find(({ key }) => key === part.key) ?? before?.delta ?? before?.parts[0];
        return former && former.dir !== part.dir ? [[`pagefind/${part.dir}/`, `pagefind/${former.dir}/`]] : [];
      }),
    ),
    pages,
  };
}

/** The searched articles and their words: every part's pages but the copies the delta supersedes. */
function countSearchedWords(
  parts: readonly PlannedPart[],
  delta: PlannedPart | null,
  superseded: ReadonlySet<string>,
  entries: ReadonlyMap<string, Record<string, PartPage>>,
): PartsFile['searched'] {
  const searched = { pages: 0, words: 0 };
  for (const part of [...parts, ...(delta ? [delta] : [])])
    for (const [file, { words }] of Object.entries(entries.get(part.dir) ?? {})) {
      if (part !== delta && superseded.has(getPageUrl(file))) continue;
      searched.pages++;
      searched.words += words;
    }
  return searched;
}

/** Indexes one part's pages into `pagefind/<dir>/`, with its list of pages and their ids. */
async function writePart(
  siteDir: string,
  part: PlannedPart,
  readPage: (file: string) => Promise<Buffer>,
): Promise<{ entries: Record<string, PartPage>; languages: string[] }> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // In order: Pagefind numbers pages as they arrive, and its word index is stable from build to
    // build only when the numbering is. Its service handles messages one after another in the
    // order they were written, so pages are sent ahead without waiting for each answer, and
    // reading the next file overlaps with Pagefind indexing the last.
    const inFlight: Array<Promise<void>> = [];
    const refused: string[] = [];
    for (const page of Object.keys(part.pages).sort()) {
      const content = (await readPage(page)).toString('utf8');
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
    // whole index as one message, which for a large part passes V8's longest string and is lost.
    const outputPath = path.join(siteDir, 'pagefind', part.dir);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    const entry = await readEntry(outputPath);
    const byUrl = await readFragments(outputPath);
    const pages: PartPagesFile['pages'] = {};
    for (const [file, hash] of Object.entries(part.pages)) {
      const fragment = byUrl.get(getPageUrl(file));
      if (!fragment) throw new Error(`Pagefind wrote no entry for ${file} in ${part.dir}.`);
      pages[file] = { hash, id: fragment.id, words: fragment.words };
    }
    const record: PartPagesFile = { version: PARTS_VERSION, key: part.key, pages };
    await writeFile(path.join(outputPath, PART_PAGES_FILE), `${JSON.stringify(record, null, 1)}\n`);
    return { entries: pages, languages: Object.keys(entry.languages) };
  } finally {
    await index.deleteIndex();
  }
}

/**
 * Pagefind's id of each page (its fragment's name) and its word count, by URL: the search page
 * drops superseded copies by id, before it loads anything of them, and ranks across parts by the
 * paper's average page length, which is the parts' words over their pages.
 */
async function readFragments(outputPath: string): Promise<Map<string, { id: string; words: number }>> {
  const byUrl = new Map<string, { id: string; words: number }>();
  const dir = path.join(outputPath, 'fragment');
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.endsWith('.pf_fragment')) continue;
    const text = gunzipSync(await readFile(path.join(dir, name))).toString('utf8');
    // Pagefind prefixes its compressed files with a signature before the JSON.
    const { url, word_count } = JSON.parse(text.slice(text.indexOf('{'))) as { url: string; word_count: number };
    byUrl.set(url, { id: name.slice(0, -'.pf_fragment'.length), words: word_count });
  }
  return byUrl;
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
