/**
 * The URL scheme. Every URL ends in "/" and none depends on a headline, so editing a headline
 * never moves an article:
 *   /2010/12/13/amazon-hackt-sich-selbst/   article (publication day in the paper's zone + slug)
 *   /artikel/5130574/                       undated article (English sites: /article/…)
 *   /wirtschaft/  /wirtschaft/2/            section, paginated
 *   /thema/klimakrise/  /thema/klimakrise/2/ topic (English sites: /topic/…)
 *   /autor/jbeispiel/  /autor/jbeispiel/2/  author (English sites: /author/…)
 *   /archiv/  /2010/  /2010/12/  /2010/12/13/ archive index, year, month, day (the day's paper)
 *   /suche/                                 search (English sites: /search/)
 *   /impressum/                             static page
 */
import type { CalendarDay } from '../content/dates.ts';
import type { RouteWords } from './i18n.ts';

export interface Urls {
  home(): string;
  article(day: CalendarDay, slug: string): string;
  undatedArticle(slug: string): string;
  section(id: string, page?: number): string;
  topic(id: string, page?: number): string;
  author(id: string, page?: number): string;
  archive(): string;
  search(): string;
  year(year: number): string;
  month(year: number, month: number): string;
  day(day: CalendarDay): string;
  page(id: string): string;
}

const two = (value: number): string => String(value).padStart(2, '0');

function withPage(base: string, page = 1): string {
  return page > 1 ? `${base}${page}/` : base;
}

export function createUrls(words: RouteWords): Urls {
  return {
    home: () => '/',
    article: (day, slug) => `/${day.year}/${two(day.month)}/${two(day.day)}/${slug}/`,
    undatedArticle: (slug) => `/${words.article}/${slug}/`,
    section: (id, page) => withPage(`/${id}/`, page),
    topic: (id, page) => withPage(`/${words.topic}/${id}/`, page),
    author: (id, page) => withPage(`/${words.author}/${id}/`, page),
    archive: () => `/${words.archive}/`,
    search: () => `/${words.search}/`,
    year: (year) => `/${year}/`,
    month: (year, month) => `/${year}/${two(month)}/`,
    day: (day) => `/${day.year}/${two(day.month)}/${two(day.day)}/`,
    page: (id) => `/${id}/`,
  };
}

/** Turns a site path into an absolute URL on the published site, for canonical links. */
export function toAbsoluteUrl(siteUrl: string, pathname: string): string {
  return new URL(pathname, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).toString();
}

/**
 * First path segments the site fills itself besides route words and section ids: Astro's hashed
 * assets, the search index and the text edition (`/text/2010/12/13/amazon.txt`).
 */
export const SITE_FOLDERS = ['_astro', 'pagefind', 'text'] as const;

/**
 * Files the site writes at its root or beside a list page: feeds, sitemaps, robots.txt, the error
 * page and the hosting files. `name` is a single path segment.
 */
export function isSiteFileName(name: string): boolean {
  return (
    /^feed\.(xml|atom|json)$/.test(name) ||
    /^(news-)?sitemap(-index|-\d+)?\.xml$/.test(name) ||
    ['index.html', '404.html', 'robots.txt', '_headers', '_redirects', 'nginx.conf'].includes(name)
  );
}
