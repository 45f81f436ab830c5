/**
 * When each page last changed, for the sitemap's `lastmod`: an article when it was updated or
 * published, a list or archive page when its newest article was.
 */
import { getArchive } from './archive.ts';
import type { Article, Newsroom } from '../content/model.ts';

function getChanged(article: Article): Date | undefined {
  return article.updatedAt ?? article.publishedAt;
}

/**
 * The newest change of each list: an unchanged list is the very list of the last newsroom
 * (take-over-equal.ts), so `npm run watch` scans only the lists an edit touched.
 */
const newestOf = new WeakMap<readonly Article[], Date | undefined>();

function getNewestChange(articles: readonly Article[] | undefined): Date | undefined {
  if (!articles) return undefined;
  if (newestOf.has(articles)) return newestOf.get(articles);
  let newest: Date | undefined;
  for (const article of articles) newest = newer(newest, getChanged(article));
  newestOf.set(articles, newest);
  return newest;
}

function newer(a: Date | undefined, b: Date | undefined): Date | undefined {
  return !a || (b && b > a) ? b : a;
}

export function buildLastModified(newsroom: Newsroom): Map<string, Date> {
  const dates = new Map<string, Date>();
  const set = (path: string, date: Date | undefined): void => {
    if (date) dates.set(path, date);
  };
  for (const article of newsroom.articles) set(article.url, getChanged(article));
  const newest = getNewestChange(newsroom.articles);
  set('/', newest);
  set(newsroom.urls.archive(), newest);
  for (const section of newsroom.sections)
    set(section.url, getNewestChange(newsroom.articlesBySection.get(section.id)));
  for (const topic of newsroom.topics) set(topic.url, getNewestChange(newsroom.articlesByTopic.get(topic.id)));
  for (const author of newsroom.authors) set(author.url, getNewestChange(newsroom.articlesByAuthor.get(author.id)));
  for (const year of getArchive(newsroom)) {
    let yearNewest: Date | undefined;
    for (const month of year.months) {
      let monthNewest: Date | undefined;
      for (const day of month.days) {
        const dayNewest = getNewestChange(day.articles);
        set(newsroom.urls.day(day.day), dayNewest);
        monthNewest = newer(monthNewest, dayNewest);
      }
      set(newsroom.urls.month(month.year, month.month), monthNewest);
      yearNewest = newer(yearNewest, monthNewest);
    }
    set(newsroom.urls.year(year.year), yearNewest);
  }
  return dates;
}

/** Later pages of a paginated list (`/wirtschaft/2/`): kept out of the sitemap, as they are `noindex`. */
export function isPaginatedPath(pathname: string): boolean {
  return /\/[a-z][a-z0-9-]*\/\d+\/$/.test(pathname);
}
