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

function isNewer(candidate: Article, article: Article): boolean {
  return getSortTime(candidate) > getSortTime(article);
}

function compareRecency(a: Article, b: Article): number {
  return getSortTime(b) - getSortTime(a) || b.id - a.id;
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

  const scores = new Map<number, { article: Article; score: number }>();
  for (const topic of article.topics) {
    const list = index.articlesByTopic.get(topic.id) ?? [];
    const start = settings.includeNewer ? 0 : firstNotNewer(list, article);
    for (const candidate of list.slice(start, start + settings.scanPerTopic)) {
      if (taken.has(candidate.id) || (!settings.includeNewer && isNewer(candidate, article))) continue;
      const entry = scores.get(candidate.id) ?? {
        article: candidate,
        score: candidate.section.id === article.section.id ? settings.sectionWeight : 0,
      };
      entry.score += settings.topicWeight;
      scores.set(candidate.id, entry);
    }
  }
  const ranked = [...scores.values()].sort((a, b) => b.score - a.score || compareRecency(a.article, b.article));
  for (const { article: candidate } of ranked) {
    if (chosen.length >= settings.limit) return chosen;
    chosen.push(candidate);
    taken.add(candidate.id);
  }

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
