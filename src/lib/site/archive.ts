/** The date archive: years, months and days with the articles that appeared on them. */
import type { CalendarDay } from '../content/dates.ts';
import { isDated, type Article, type DatedArticle, type Newsroom } from '../content/model.ts';

export interface ArchiveDay {
  day: CalendarDay;
  /** Newest first. */
  articles: DatedArticle[];
}

export interface ArchiveMonth {
  year: number;
  month: number;
  /** Oldest day first, like a calendar. */
  days: ArchiveDay[];
  count: number;
}

export interface ArchiveYear {
  year: number;
  /** January first. */
  months: ArchiveMonth[];
  count: number;
}

/** Groups newest-first articles by publication day; years come newest first. Undated articles have no place here. */
export function groupArchive(articles: readonly Article[]): ArchiveYear[] {
  const years = new Map<number, Map<number, Map<number, DatedArticle[]>>>();
  for (const article of articles.filter(isDated)) {
    const { year, month, day } = article.day;
    let months = years.get(year);
    if (!months) years.set(year, (months = new Map()));
    let days = months.get(month);
    if (!days) months.set(month, (days = new Map()));
    const list = days.get(day);
    if (list) list.push(article);
    else days.set(day, [article]);
  }
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, months]) => {
      const monthList = [...months.entries()]
        .sort(([a], [b]) => a - b)
        .map(([month, days]) => {
          const dayList = [...days.entries()]
            .sort(([a], [b]) => a - b)
            .map(([day, dayArticles]) => ({ day: { year, month, day }, articles: dayArticles }));
          return { year, month, days: dayList, count: dayList.reduce((sum, d) => sum + d.articles.length, 0) };
        });
      return { year, months: monthList, count: monthList.reduce((sum, m) => sum + m.count, 0) };
    });
}

// Five routes, the sitemaps' dates and the text edition walk the same archive: it is grouped once
// per newsroom.
const archives = new WeakMap<Newsroom, ArchiveYear[]>();

/** The archive of a newsroom's articles (groupArchive), made once per newsroom. */
export function getArchive(newsroom: Newsroom): ArchiveYear[] {
  let archive = archives.get(newsroom);
  if (!archive) archives.set(newsroom, (archive = groupArchive(newsroom.articles)));
  return archive;
}
