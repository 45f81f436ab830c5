/**
 * The sitemap index and its parts, as the `sitemap` package writes them: every HTML page but the
 * 404 page and later pages of paginated lists (they are `noindex`), sorted as people read paths
 * ("/2/" before "/10/"), with each page's newest change as `lastmod` (last-modified.ts).
 */
import { Readable } from 'node:stream';
import { SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';
import { isPaginatedPath } from './last-modified.ts';

/** What one sitemap file may hold: below the protocol's 50,000, as Astro's sitemap integration. */
export const SITEMAP_ENTRY_LIMIT = 45_000;

export interface SitemapFile {
  /** Relative to the site folder, e.g. "sitemap-0.xml". */
  file: string;
  xml: string;
}

/** Whether a page belongs in the sitemap. */
export function isSitemapPage(pathname: string): boolean {
  return pathname.endsWith('/') && !isPaginatedPath(pathname);
}

async function writeXml(stream: SitemapStream | SitemapIndexStream, items: readonly object[]): Promise<string> {
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}

/** The sitemap files for these page paths, with each path's last change where one is known. */
export async function buildSitemaps(
  siteUrl: string,
  pathnames: readonly string[],
  lastModified: ReadonlyMap<string, Date>,
): Promise<SitemapFile[]> {
  const base = new URL('/', siteUrl).href;
  const paths = pathnames.filter(isSitemapPage).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const files: SitemapFile[] = [];
  const index: Array<{ url: string; lastmod?: string }> = [];
  for (let part = 0; part * SITEMAP_ENTRY_LIMIT < paths.length || part === 0; part++) {
    const items = paths.slice(part * SITEMAP_ENTRY_LIMIT, (part + 1) * SITEMAP_ENTRY_LIMIT).map((pathname) => {
      const changed = lastModified.get(pathname);
      return { url: new URL(pathname, base).href, ...(changed ? { lastmod: changed.toISOString() } : {}) };
    });
    const stream = new SitemapStream({ hostname: base, xmlns: { news: true, xhtml: true, image: true, video: true } });
    const file = `sitemap-${part}.xml`;
    files.push({ file, xml: await writeXml(stream, items) });
    const newest = items.reduce<string | undefined>(
      (latest, item) => (item.lastmod && (!latest || item.lastmod > latest) ? item.lastmod : latest),
      undefined,
    );
    index.push({ url: new URL(file, base).href, ...(newest ? { lastmod: newest } : {}) });
  }
  files.push({ file: 'sitemap-index.xml', xml: await writeXml(new SitemapIndexStream(), index) });
  return files;
}
