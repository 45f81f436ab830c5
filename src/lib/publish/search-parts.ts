/**
 * Which parts of the search index a publish rebuilds. Pagefind has no incremental mode (every run
 * writes a whole index), so the index is kept in parts, each a complete Pagefind index:
 *
 * - calendar parts, one per year (per month for a year with more than `yearPartLimit` articles)
 *   and one for undated articles, so a new article never shifts another part's membership;
 * - a small delta part with every article added or changed since the calendar parts were last
 *   rebuilt. It is rebuilt on every publish that touches an article (Pagefind indexes a hundred
 *   pages in well under a second), and the search page drops the older copies it supersedes.
 *
 * When the delta grows past `deltaLimit` (or a fold is asked for), it is folded back: every calendar
 * part whose pages differ from what it indexes is rebuilt, the rest are taken over byte for byte,
 * and the delta is emptied. This module only plans; src/lib/search-index.ts does the I/O.
 */
import { hashBytes } from '../hash.ts';

/** Raised when the shape of parts.json or a part's pages.json changes. */
export const PARTS_VERSION = 2;

/** An indexed article page: its file in the site (e.g. "2026/11/20/streik/index.html") and hash. */
export interface IndexedPage {
  file: string;
  hash: string;
}

/** A part as the previous release left it: its folder and the pages (file → hash) it indexes. */
export interface PartRecord {
  key: string;
  dir: string;
  pages: Readonly<Record<string, string>>;
}

/** What the previous release's search index holds. */
export interface PartsState {
  parts: readonly PartRecord[];
  /** The delta part, or null when every article is in its calendar part. */
  delta: PartRecord | null;
  /** Pages the calendar parts still index although they were removed since. */
  removed: readonly string[];
}

/** What a publish hands over: the article pages added or changed (with their new hash), and removed. */
export interface PageChanges {
  upserted: readonly IndexedPage[];
  removed: readonly string[];
}

/** A part of the new release: taken over from the previous one (`reuse`) or rebuilt from `pages`. */
export interface PlannedPart {
  key: string;
  dir: string;
  pages: Record<string, string>;
  reuse: boolean;
}

export interface PartsPlan {
  parts: PlannedPart[];
  delta: PlannedPart | null;
  removed: string[];
  /** URLs the calendar parts hold that the search page must drop: changed or removed since. */
  superseded: string[];
  /** The delta was folded back into the calendar parts in this plan. */
  folded: boolean;
}

export interface PlanOptions {
  /** Fold the delta back once it holds more pages than this (or more removals). */
  deltaLimit: number;
  /** A year with more articles than this is split into month parts. */
  yearPartLimit: number;
  /** Fold back now, whatever the delta's size (e.g. on a nightly schedule). */
  fold?: boolean;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { deltaLimit: 150, yearPartLimit: 5000 };

const DATED_PAGE = /^(\d{4})\/(\d{2})\/\d{2}\//;
export const UNDATED_KEY = 'undated';
export const DELTA_KEY = 'delta';

/** The URL Pagefind gives a page file: "2026/11/20/streik/index.html" → "/2026/11/20/streik/". */
export function getPageUrl(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** The year a page belongs to by its address (/YYYY/MM/DD/…), or null for undated articles. */
function getPageYear(file: string): string | null {
  return DATED_PAGE.exec(file)?.[1] ?? null;
}

/**
 * The calendar part of every page. A year is one part unless it has more than `yearPartLimit`
 * articles; then each month is. The counts are taken at fold time, so a year that outgrows the
 * limit is split once, at the next fold.
 */
export function assignPartKeys(files: Iterable<string>, yearPartLimit: number): Map<string, string> {
  const list = [...files];
  const perYear = new Map<string, number>();
  for (const file of list) {
    const year = getPageYear(file);
    if (year) perYear.set(year, (perYear.get(year) ?? 0) + 1);
  }
  const keys = new Map<string, string>();
  for (const file of list) {
    const match = DATED_PAGE.exec(file);
    if (!match) keys.set(file, UNDATED_KEY);
    else if ((perYear.get(match[1]!) ?? 0) > yearPartLimit) keys.set(file, `${match[1]}-${match[2]}`);
    else keys.set(file, match[1]!);
  }
  return keys;
}

/**
 * A part's folder: its key and a digest of its pages. Equal pages, equal name; a rebuilt part gets
 * a new name, so a cached copy of its (unhashed) entry file can never meet the new files.
 */
export function nameFolder(key: string, pages: Readonly<Record<string, string>>): string {
  const lines = Object.keys(pages)
    .sort()
    .map((file) => `${file} ${pages[file]}`);
  return `${key}-${hashBytes(lines.join('\n'), 12)}`;
}

/** The pages a search must find, with the hash of the copy it must find: the parts as overridden. */
export function listSearchedPages(state: PartsState): Map<string, string> {
  const pages = new Map<string, string>();
  const removed = new Set(state.removed);
  for (const part of state.parts)
    for (const [file, hash] of Object.entries(part.pages)) if (!removed.has(file)) pages.set(file, hash);
  for (const [file, hash] of Object.entries(state.delta?.pages ?? {})) pages.set(file, hash);
  return pages;
}

/**
 * What changed between what the parts hold and the site's indexed pages now. `before` is
 * `listSearchedPages(previous)`, when the caller has it already.
 */
export function diffIndexedPages(
  previous: PartsState | null,
  current: readonly IndexedPage[],
  before: ReadonlyMap<string, string> = previous ? listSearchedPages(previous) : new Map<string, string>(),
): PageChanges {
  const now = new Set<string>();
  const upserted: IndexedPage[] = [];
  for (const page of current) {
    now.add(page.file);
    if (before.get(page.file) !== page.hash) upserted.push(page);
  }
  const removed = [...before.keys()].filter((file) => !now.has(file));
  return { upserted: upserted.sort(byFile), removed: removed.sort() };
}

function byFile(a: IndexedPage, b: IndexedPage): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

function sortRecord(pages: Map<string, string>): Record<string, string> {
  return Object.fromEntries([...pages].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function samePages(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((file) => a[file] === b[file]);
}

/**
 * The parts of the next release, given the previous release's parts and what changed.
 * `searchedBefore` is `listSearchedPages(previous)`, when the caller has it already.
 */
export function planSearchParts(
  previous: PartsState | null,
  changes: PageChanges,
  options: PlanOptions = DEFAULT_PLAN_OPTIONS,
  searchedBefore?: ReadonlyMap<string, string>,
): PartsPlan {
  const searched = new Map(searchedBefore ?? (previous ? listSearchedPages(previous) : []));
  for (const file of changes.removed) searched.delete(file);
  for (const page of changes.upserted) searched.set(page.file, page.hash);

  // Pages the calendar parts index, as they index them.
  const inParts = new Map<string, string>();
  for (const part of previous?.parts ?? [])
    for (const [file, hash] of Object.entries(part.pages)) inParts.set(file, hash);

  // The delta: every searched page whose copy in the calendar parts is missing or older.
  const delta = new Map<string, string>();
  for (const [file, hash] of searched) if (inParts.get(file) !== hash) delta.set(file, hash);
  const removed = [...inParts.keys()].filter((file) => !searched.has(file)).sort();

  const fold =
    !previous || options.fold === true || delta.size > options.deltaLimit || removed.length > options.deltaLimit;
  if (!fold) {
    const deltaPages = sortRecord(delta);
    const reuseDelta = previous.delta !== null && samePages(previous.delta.pages, deltaPages);
    const superseded = new Set([...removed, ...[...delta.keys()].filter((file) => inParts.has(file))]);
    return {
      // A part's pages are never changed once listed: the kept parts share them.
      parts: previous.parts.map((part) => ({ ...part, reuse: true })),
      delta:
        delta.size === 0
          ? null
          : {
              key: DELTA_KEY,
              dir: reuseDelta ? previous.delta!.dir : nameFolder(DELTA_KEY, deltaPages),
              pages: deltaPages,
              reuse: reuseDelta,
            },
      removed,
      superseded: [...superseded].sort().map(getPageUrl),
      folded: false,
    };
  }

  const keys = assignPartKeys(searched.keys(), options.yearPartLimit);
  const grouped = new Map<string, Map<string, string>>();
  for (const [file, hash] of searched) {
    const key = keys.get(file)!;
    if (!grouped.has(key)) grouped.set(key, new Map());
    grouped.get(key)!.set(file, hash);
  }
  const before = new Map((previous?.parts ?? []).map((part) => [part.key, part]));
  const parts = [...grouped.keys()].sort(compareKeys).map((key): PlannedPart => {
    const pages = sortRecord(grouped.get(key)!);
    const old = before.get(key);
    if (old && samePages(old.pages, pages)) return { key, dir: old.dir, pages, reuse: true };
    return { key, dir: nameFolder(key, pages), pages, reuse: false };
  });
  return { parts, delta: null, removed: [], superseded: [], folded: true };
}

/** Newest calendar part first (as a date-sorted search reads them), undated last. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (a === UNDATED_KEY) return 1;
  if (b === UNDATED_KEY) return -1;
  return a < b ? 1 : -1;
}
