/**
 * When each page last changed, for the sitemap's `lastmod`: an article when it was updated or
 * published, a list or archive page when its newest article was.
 */
import { getArchive } from './archive.ts';
import type { Article, Newsroom } from '../content/model.ts';

function getChanged(article: Article): Date | undefined {
  return article.updatedAt ?? article.publishedAt;
}

function getNewestChange(articles: readonly Article[] | undefined): Date | undefined {
  let newest: Date | undefined;
  for (const article of articles ?? []) {
    const changed = getChanged(article);
    if (changed && (!newest || changed > newest)) newest = changed;
  }
  return newest;
}

export function buildLastModified(newsroom: Newsroom): Map<string, Date> {
  const dates = new Map<string, Date>();
  const set = (path: string, date: Date | undefined): void => {
    if (date) dates.set(path, date);
  };
  for (const article of newsroom.articles) set(article.url, getChanged(article));
  set('/', getNewestChange(newsroom.articles));
  set(newsroom.urls.archive(), getNewestChange(newsroom.articles));
  for (const section of newsroom.sections)
    set(section.url, getNewestChange(newsroom.articlesBySection.get(section.id)));
  for (const topic of newsroom.topics) set(topic.url, getNewestChange(newsroom.articlesByTopic.get(topic.id)));
  for (const author of newsroom.authors) set(author.url, getNewestChange(newsroom.articlesByAuthor.get(author.id)));
  for (const year of getArchive(newsroom)) {
    set(
      newsroom.urls.year(year.year),
      getNewestChange(year.months.flatMap((month) => month.days.flatMap((day) => day.articles))),
    );
    for (const month of year.months) {
      set(newsroom.urls.month(month.year, month.month), getNewestChange(month.days.flatMap((day) => day.articles)));
      for (const day of month.days) set(newsroom.urls.day(day.day), getNewestChange(day.articles));
    }
  }
  return dates;
}

/** Later pages of a paginated list (`/wirtschaft/2/`): kept out of the sitemap, as they are `noindex`. */
export function isPaginatedPath(pathname: string): boolean {
  return /\/[a-z][a-z0-9-]*\/\d+\/$/.test(pathname);
}
