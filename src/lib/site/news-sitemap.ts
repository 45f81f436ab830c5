/**
 * The Google News sitemap: articles published in the 48 hours before the build, at most 1,000 URLs
 * a file, split with a sitemap index beyond that. No library writes it well, so it is written
 * here, with every text escaped.
 */
import { formatIsoWithOffset } from '../content/dates.ts';
import { isDated, type Article, type DatedArticle } from '../content/model.ts';
import { toAbsoluteUrl } from './urls.ts';

export const NEWS_WINDOW_HOURS = 48;
export const NEWS_URLS_PER_FILE = 1000;

export interface NewsSitemapOptions {
  siteUrl: string;
  /** Publication name, as Google News knows the paper. */
  publication: string;
  /** ISO 639 language code of the publication, e.g. "de". */
  language: string;
  timeZone: string;
  /** The build time: the window ends here. */
  now: Date;
}

export interface NewsSitemapFile {
  /** Site path of the file, e.g. "/news-sitemap.xml" or "/news-sitemap-2.xml". */
  path: string;
  xml: string;
}

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!,
  );
}

/** Articles that belong in the news sitemap: published within the window before `now`, newest first. */
export function selectNewsArticles(articles: readonly Article[], now: Date): DatedArticle[] {
  const end = now.getTime();
  const start = end - NEWS_WINDOW_HOURS * 3600_000;
  return articles.filter(isDated).filter((article) => {
    const time = article.publishedAt.getTime();
    return time > start && time <= end;
  });
}

function buildUrlset(articles: readonly DatedArticle[], options: NewsSitemapOptions): string {
  const urls = articles.map((article) => {
    const title = article.kicker ? `${article.kicker}: ${article.headline}` : article.headline;
    return [
      '  <url>',
      `    <loc>${escapeXml(toAbsoluteUrl(options.siteUrl, article.url))}</loc>`,
      '    <news:news>',
      '      <news:publication>',
      `        <news:name>${escapeXml(options.publication)}</news:name>`,
      `        <news:language>${escapeXml(options.language)}</news:language>`,
      '      </news:publication>',
      `      <news:publication_date>${formatIsoWithOffset(article.publishedAt, options.timeZone)}</news:publication_date>`,
      `      <news:title>${escapeXml(title)}</news:title>`,
      '    </news:news>',
      '  </url>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

/**
 * The news sitemap files. Up to 1,000 articles: one `/news-sitemap.xml`. Beyond: that file is a
 * sitemap index pointing at `/news-sitemap-1.xml`, `/news-sitemap-2.xml` …
 */
export function buildNewsSitemaps(articles: readonly Article[], options: NewsSitemapOptions): NewsSitemapFile[] {
  const selected = selectNewsArticles(articles, options.now);
  if (selected.length <= NEWS_URLS_PER_FILE)
    return [{ path: '/news-sitemap.xml', xml: buildUrlset(selected, options) }];
  const parts: NewsSitemapFile[] = [];
  for (let index = 0; index * NEWS_URLS_PER_FILE < selected.length; index++) {
    parts.push({
      path: `/news-sitemap-${index + 1}.xml`,
      xml: buildUrlset(selected.slice(index * NEWS_URLS_PER_FILE, (index + 1) * NEWS_URLS_PER_FILE), options),
    });
  }
  const lastmod = formatIsoWithOffset(selected[0]!.publishedAt, options.timeZone);
  const index = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...parts.map(
      (part) =>
        `  <sitemap>\n    <loc>${escapeXml(toAbsoluteUrl(options.siteUrl, part.path))}</loc>\n    <lastmod>${lastmod}</lastmod>\n  </sitemap>`,
    ),
    '</sitemapindex>',
    '',
  ].join('\n');
  return [{ path: '/news-sitemap.xml', xml: index }, ...parts];
}

/** robots.txt: everything may be crawled; the sitemaps are named. */
export function buildRobotsTxt(siteUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /404.html',
    '',
    `Sitemap: ${toAbsoluteUrl(siteUrl, '/sitemap-index.xml')}`,
    `Sitemap: ${toAbsoluteUrl(siteUrl, '/news-sitemap.xml')}`,
    '',
  ].join('\n');
}
