/**
 * The sitemap index and its parts, as the `sitemap` package writes them: every HTML page but the
 * 404 page and later pages of paginated lists (they are `noindex`), sorted as people read paths
 * ("/2/" before "/10/"), with each page's newest change as `lastmod` (last-modified.ts).
 */
import { Readable } from 'node:stream';
import { SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';
import { hashBytes } from '../hash.ts';
import { isPaginatedPath } from './last-modified.ts';

/** What one sitemap file may hold: below the protocol's 50,000, as Astro's sitemap integration. */
export const SITEMAP_ENTRY_LIMIT = 45_000;

export interface SitemapFile {
  /** Relative to the site folder, e.g. "sitemap-0.xml". */
  file: string;
  /** A digest of the file's entries: equal digests, equal files. */
  digest: string;
  /** The file's text; left out when the caller already has a file of this digest. */
  xml?: string;
}

/** Whether a page belongs in the sitemap. */
export function isSitemapPage(pathname: string): boolean {
  return pathname.endsWith('/') && !isPaginatedPath(pathname);
}

/** One collator for every comparison: `localeCompare` with options makes one per call. */
const byReadingOrder = new Intl.Collator('en', { numeric: true }).compare;

/**
 * The last paths sorted, as given, in reading order and as absolute URLs: a renderer that stays
 * up (watch) lists the same 20,000 paths, in the same order, edit after edit, and comparing them
 * is cheaper than sorting them and making their URLs again. Only the last call's paths are kept.
 */
let lastSorted: { base: string; given: readonly string[]; sorted: string[]; hrefs: string[] } | undefined;

function sortForSitemap(base: string, given: string[]): { sorted: string[]; hrefs: string[] } {
  const last = lastSorted?.base === base ? lastSorted : undefined;
  if (last && last.given.length === given.length && given.every((pathname, index) => pathname === last.given[index]))
    return last;
  const known = new Map(last?.sorted.map((pathname, index) => [pathname, last.hrefs[index]!]));
  const sorted = [...given].sort(byReadingOrder);
  const hrefs = sorted.map((pathname) => known.get(pathname) ?? new URL(pathname, base).href);
  lastSorted = { base, given, sorted, hrefs };
  return lastSorted;
}

async function writeXml(stream: SitemapStream | SitemapIndexStream, items: readonly object[]): Promise<string> {
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}

/**
 * The files the last call wrote, by a digest of their entries: a renderer that stays up (watch)
 * publishes edit after edit whose sitemaps are the same, and the package takes half a second to
 * write 35,000 entries. Keyed by exactly what goes in, so a changed entry always writes anew.
 */
let written = new Map<string, string>();

async function writeOnce(
  file: string,
  kind: 'part' | 'index',
  items: readonly object[],
  write: () => Promise<string>,
  state: { now: Map<string, string>; have: ReadonlyMap<string, string> },
): Promise<SitemapFile> {
  const digest = hashBytes(`${kind}\n${JSON.stringify(items)}`);
  if (state.have.get(file) === digest) return { file, digest };
  const xml = written.get(digest) ?? (await write());
  state.now.set(digest, xml);
  return { file, digest, xml };
}

/**
 * The sitemap files for these page paths, with each path's last change where one is known. `have`
 * names the files the caller has already, by digest: those come back without their text.
 */
export async function buildSitemaps(
  siteUrl: string,
  pathnames: readonly string[],
  lastModified: ReadonlyMap<string, Date>,
  have: ReadonlyMap<string, string> = new Map(),
): Promise<SitemapFile[]> {
  const base = new URL('/', siteUrl).href;
  const { sorted: paths, hrefs } = sortForSitemap(base, pathnames.filter(isSitemapPage));
  const files: SitemapFile[] = [];
  const index: Array<{ url: string; lastmod?: string }> = [];
  const state = { now: new Map<string, string>(), have };
  for (let part = 0; part * SITEMAP_ENTRY_LIMIT < paths.length || part === 0; part++) {
    const from = part * SITEMAP_ENTRY_LIMIT;
    const items = paths.slice(from, from + SITEMAP_ENTRY_LIMIT).map((pathname, index) => {
      const changed = lastModified.get(pathname);
      return { url: hrefs[from + index]!, ...(changed ? { lastmod: changed.toISOString() } : {}) };
    });
    const file = `sitemap-${part}.xml`;
    files.push(
      await writeOnce(
        file,
        'part',
        items,
        () =>
          writeXml(
            new SitemapStream({ hostname: base, xmlns: { news: true, xhtml: true, image: true, video: true } }),
            items,
          ),
        state,
      ),
    );
    const newest = items.reduce<string | undefined>(
      (latest, item) => (item.lastmod && (!latest || item.lastmod > latest) ? item.lastmod : latest),
      undefined,
    );
    index.push({ url: new URL(file, base).href, ...(newest ? { lastmod: newest } : {}) });
  }
  files.push(
    await writeOnce('sitemap-index.xml', 'index', index, () => writeXml(new SitemapIndexStream(), index), state),
  );
  written = state.now;
  return files;
}
