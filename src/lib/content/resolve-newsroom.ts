/**
 * Resolves what an article names by text to the entries of the paper: a guest byline whose name
 * is a known author's becomes that author, and a related article named by its headline becomes
 * that article's id where the paper has exactly one such article. Fills `bylines` and
 * `relatedResolved` on every article record; checks nothing (that is check-newsroom's job), so it
 * runs over the whole paper on every read, stored entries and freshly read ones alike.
 */
import type { NewsroomRecords } from './read-newsroom.ts';

/** Names compare without case, accents' composition or extra spaces: "jana  Beispiel" is Jana Beispiel. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function titleKey(kicker: string | undefined, headline: string): string {
  return normalizeName(kicker ? `${kicker}: ${headline}` : headline);
}

/** Articles by "kicker: headline" and by headline alone; a headline two articles share is left out. */
function indexTitles(records: NewsroomRecords): Map<string, number> {
  const index = new Map<string, number>();
  const ambiguous = new Set<string>();
  for (const article of records.articles) {
    for (const key of [titleKey(article.data.kicker, article.data.headline), titleKey(undefined, article.data.headline)]) {
      if (index.has(key) && index.get(key) !== article.data.id) ambiguous.add(key);
      else index.set(key, article.data.id);
    }
  }
  for (const key of ambiguous) index.delete(key);
  return index;
}

export function resolveNewsroom(records: NewsroomRecords): void {
  const authorByName = new Map(records.authors.map((author) => [normalizeName(author.data.name), author.id]));
  // Every headline of the paper is normalised for this index; most papers name no related article
  // by headline, and they need not pay for it.
  let articlesByTitle: Map<string, number> | undefined;
  for (const article of records.articles) {
    const data = article.data;
    // A record kept from the last run (content-store.ts) keeps its lists when they resolve the same.
    article.bylines = keepSame(
      article.bylines,
      data.authors.map((author) => (typeof author === 'string' ? author : (authorByName.get(normalizeName(author.name)) ?? author))),
    );
    article.relatedResolved = keepSame(
      article.relatedResolved,
      data.related.map((item) => {
        if (typeof item === 'number') return item;
        articlesByTitle ??= indexTitles(records);
        const found = articlesByTitle.get(titleKey(item.kicker, item.headline)) ?? articlesByTitle.get(titleKey(undefined, item.headline));
        return found !== undefined && found !== data.id ? found : item;
      }),
    );
  }
}

/** `before` when it holds the same items as `after`, else `after`. */
function keepSame<T>(before: readonly T[] | undefined, after: T[]): T[] {
  return before && before.length === after.length && before.every((item, index) => item === after[index]) ? (before as T[]) : after;
}
