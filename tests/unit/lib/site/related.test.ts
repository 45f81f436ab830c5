import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getSortTime, type Article } from '../../../../src/lib/content/model.ts';
import { selectRelated } from '../../../../src/lib/site/related.ts';
import { ids, makeNewsroom, type ArticleSpec } from '../../../helpers/make-newsroom.ts';

/**
 * The rules as README states them, worked out the plain way: links first, then every scanned
 * candidate scored and the whole list sorted, then the section's newest older articles.
 */
function selectRelatedPlainly(
  article: Article,
  all: readonly Article[],
  options: { limit: number; scanPerTopic: number; includeNewer: boolean },
): number[] {
  const byId = new Map(all.map((item) => [item.id, item]));
  const includeNewer = options.includeNewer || !article.publishedAt;
  const chosen: number[] = [];
  for (const id of article.relatedIds) if (byId.has(id) && id !== article.id && !chosen.includes(id)) chosen.push(id);
  chosen.splice(options.limit);
  const newestFirst = [...all].sort((a, b) => getSortTime(b) - getSortTime(a) || b.id - a.id);
  const older = (item: Article): boolean => includeNewer || getSortTime(item) <= getSortTime(article);
  const scores = new Map<number, number>();
  for (const topic of article.topics) {
    const candidates = newestFirst.filter((item) => item.topics.some(({ id }) => id === topic.id) && older(item));
    for (const candidate of candidates.slice(0, options.scanPerTopic)) {
      if (candidate.id === article.id || chosen.includes(candidate.id)) continue;
      scores.set(candidate.id, (scores.get(candidate.id) ?? (candidate.section.id === article.section.id ? 1 : 0)) + 3);
    }
  }
  const ranked = [...scores].sort(
    ([a, scoreA], [b, scoreB]) => scoreB - scoreA || getSortTime(byId.get(b)!) - getSortTime(byId.get(a)!) || b - a,
  );
  for (const [id] of ranked) if (chosen.length < options.limit) chosen.push(id);
  for (const item of newestFirst)
    if (
      chosen.length < options.limit &&
      item.section.id === article.section.id &&
      older(item) &&
      item.id !== article.id &&
      !chosen.includes(item.id)
    )
      chosen.push(item.id);
  return chosen;
}

describe('selectRelated', () => {
  const newsroom = makeNewsroom([
    { id: 1, date: '2024-01-10 10:00', topics: ['a', 'b'], related: [6, 2] },
    { id: 2, date: '2024-01-05 10:00', topics: ['c'] },
    { id: 3, date: '2024-01-04 10:00', topics: ['a', 'b'] },
    { id: 4, date: '2024-01-03 10:00', topics: ['a'], section: 'wirtschaft' },
    { id: 5, date: '2024-01-02 10:00', topics: ['a'] },
    { id: 6, date: '2024-01-20 10:00', topics: ['a', 'b'] },
    { id: 7, date: '2024-01-01 10:00' },
    { id: 8, date: '2023-12-01 10:00', section: 'wirtschaft' },
  ]);
  const article = (id: number) => newsroom.articleById.get(id)!;

  it('puts the editor’s links first, in their order, even a newer one', () => {
    expect(ids(selectRelated(article(1), newsroom)).slice(0, 2)).toEqual([6, 2]);
  });

  it('then ranks by shared topics, with the same section as a tie-breaker', () => {
    // 3 shares two topics; 5 shares one topic and the section; 4 one topic in another section.
    expect(ids(selectRelated(article(1), newsroom, { limit: 5 }))).toEqual([6, 2, 3, 5, 4]);
  });

  it('stops at four by default', () => {
    expect(selectRelated(article(1), newsroom)).toHaveLength(4);
  });

  it('leaves out newer articles unless asked, so the list stays stable', () => {
    expect(ids(selectRelated(article(3), newsroom))).toEqual([5, 4, 7]);
    expect(ids(selectRelated(article(3), newsroom, { includeNewer: true }))[0]).toBe(6);
  });

  it('falls back to the newest older articles of the same section when no topic is shared', () => {
    expect(ids(selectRelated(article(7), newsroom))).toEqual([]);
    expect(ids(selectRelated(article(4), newsroom, { limit: 4 }))).toEqual([5, 8]);
  });

  it('never lists the article itself or an article twice', () => {
    const self = makeNewsroom([
      { id: 1, date: '2024-01-10 10:00', topics: ['a'], related: [2, 2] },
      { id: 2, date: '2024-01-05 10:00', topics: ['a'] },
    ]);
    expect(ids(selectRelated(self.articleById.get(1)!, self))).toEqual([2]);
  });

  it('skips an explicit link to an article that is not published', () => {
    const hidden = makeNewsroom([
      { id: 1, date: '2024-01-10 10:00', related: [2] },
      { id: 2, date: '2024-01-05 10:00', draft: true },
    ]);
    expect(selectRelated(hidden.articleById.get(1)!, hidden)).toEqual([]);
  });

  it('scores an undated article’s relations without leaving anything out as newer', () => {
    const undated = makeNewsroom([
      { id: 1, topics: ['a'] },
      { id: 2, date: '2024-01-05 10:00', topics: ['a'] },
      { id: 3, topics: ['a'] },
    ]);
    expect(ids(selectRelated(undated.articleById.get(1)!, undated))).toEqual([2, 3]);
  });

  it('chooses what scoring and sorting every candidate would, for any paper', () => {
    const spec = fc.record({
      day: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      section: fc.constantFrom('politik', 'kultur'),
      topics: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 }),
      related: fc.array(fc.integer({ min: 1, max: 14 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        (specs, limit, scanPerTopic, includeNewer) => {
          const paper = makeNewsroom(
            specs.map((item, index): ArticleSpec => ({
              id: index + 1,
              // Several articles share a time: ties are broken by id.
              ...(item.day === undefined ? {} : { date: `2024-01-0${item.day} 10:00` }),
              section: item.section,
              topics: item.topics,
              related: item.related,
            })),
          );
          for (const article of paper.articles)
            expect(ids(selectRelated(article, paper, { limit, scanPerTopic, includeNewer }))).toEqual(
              selectRelatedPlainly(article, paper.articles, { limit, scanPerTopic, includeNewer }),
            );
        },
      ),
      { numRuns: 300 },
    );
  });
});
