/** The "meistkommentiert" box: the most-discussed articles of the last days. */
import { getSortTime, type Article } from '../content/model.ts';

export interface MostCommentedOptions {
  /** Window length in days, ending at `until`. */
  days: number;
  count: number;
  /**
   * End of the window. Pages pass the newest article's time rather than the clock, so a rebuilt
   * archive or a test shows the same box as the day it was published.
   */
  until: Date;
}

export function selectMostCommented(articles: readonly Article[], options: MostCommentedOptions): Article[] {
  const end = options.until.getTime();
  const start = end - options.days * 24 * 60 * 60 * 1000;
  return articles
    .filter((article) => {
      const time = article.publishedAt?.getTime();
      return (article.comments ?? 0) > 0 && time !== undefined && time > start && time <= end;
    })
    .sort((a, b) => (b.comments ?? 0) - (a.comments ?? 0) || getSortTime(b) - getSortTime(a) || b.id - a.id)
    .slice(0, options.count);
}
