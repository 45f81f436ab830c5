/**
 * "Artikel zum Thema": the articles an editor linked first, then articles that share topics and
 * section, weighted like Hugo's related content. Newer articles are left out by default, so an
 * article's list does not change every time something new appears.
 */
import { getSortTime, type Article } from '../content/model.ts';

export interface RelatedOptions {
  /** How many articles the list shows. */
  limit: number;
  /** Score for each shared topic. */
  topicWeight: number;
  /** Score for the same section. */
  sectionWeight: number;
  /** Include articles published after this one. */
  includeNewer: boolean;
  /** How many of each topic's nearest articles are scored; bounds the work on a large archive. */
  scanPerTopic: number;
}

export const DEFAULT_RELATED_OPTIONS: RelatedOptions = {
  limit: 4,
  topicWeight: 3,
  sectionWeight: 1,
  includeNewer: false,
  scanPerTopic: 200,
};

/** The newsroom's lists, each newest first (as create-newsroom.ts sorts them). */
export interface RelatedIndex {
  articleById: ReadonlyMap<number, Article>;
  articlesByTopic: ReadonlyMap<string, readonly Article[]>;
  articlesBySection: ReadonlyMap<string, readonly Article[]>;
}

/** Index of the first article in a newest-first list that is not newer than `article`. */
function firstNotNewer(list: readonly Article[], article: Article): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (getSortTime(list[mid]!) > getSortTime(article)) low = mid + 1;
    else high = mid;
  }
  return low;
}

interface Scored {
  article: Article;
  score: number;
}

/** Higher score first, then newer, then the higher id: a total order, so the choice is stable. */
function compareScored(a: Scored, b: Scored): number {
  return b.score - a.score || getSortTime(b.article) - getSortTime(a.article) || b.article.id - a.article.id;
}

/**
 * The first `count` of `scored` in compareScored's order. Only a handful are shown, and sorting
 * every candidate of every article (hundreds each) was most of the related lists' time.
 */
function selectBest(scored: Iterable<Scored>, count: number): Scored[] {
  const best: Scored[] = [];
  for (const item of scored) {
    if (best.length === count && compareScored(item, best[count - 1]!) >= 0) continue;
    let at = best.length;
    while (at > 0 && compareScored(item, best[at - 1]!) < 0) at--;
    best.splice(at, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
}

export function selectRelated(article: Article, index: RelatedIndex, options: Partial<RelatedOptions> = {}): Article[] {
  const settings = { ...DEFAULT_RELATED_OPTIONS, ...options };
  // "Newer" means nothing for an undated article, so nothing is left out for being newer.
  if (!article.publishedAt) settings.includeNewer = true;
  const chosen: Article[] = [];
  const taken = new Set<number>([article.id]);

  for (const id of article.relatedIds) {
    const linked = index.articleById.get(id);
    if (!linked || taken.has(id) || chosen.length >= settings.limit) continue;
    chosen.push(linked);
    taken.add(id);
  }
  if (chosen.length >= settings.limit) return chosen;

  const scores = new Map<number, Scored>();
  for (const topic of article.topics) {
    const list = index.articlesByTopic.get(topic.id) ?? [];
    // Newest first: from the first that is not newer, none is.
    const start = settings.includeNewer ? 0 : firstNotNewer(list, article);
    const end = Math.min(list.length, start + settings.scanPerTopic);
    for (let i = start; i < end; i++) {
      const candidate = list[i]!;
      if (taken.has(candidate.id)) continue;
      let entry = scores.get(candidate.id);
      if (!entry) {
        entry = { article: candidate, score: candidate.section.id === article.section.id ? settings.sectionWeight : 0 };
        scores.set(candidate.id, entry);
      }
      entry.score += settings.topicWeight;
    }
  }
  for (const { article: candidate } of selectBest(scores.values(), settings.limit - chosen.length)) {
    chosen.push(candidate);
    taken.add(candidate.id);
  }
  if (chosen.length >= settings.limit) return chosen;

  if (settings.sectionWeight > 0) {
    const list = index.articlesBySection.get(article.section.id) ?? [];
    for (
      let i = settings.includeNewer ? 0 : firstNotNewer(list, article);
      i < list.length && chosen.length < settings.limit;
      i++
    ) {
      const candidate = list[i]!;
      if (taken.has(candidate.id)) continue;
      chosen.push(candidate);
      taken.add(candidate.id);
    }
  }
  return chosen;
}
