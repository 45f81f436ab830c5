import { describe, expect, it } from 'vitest';
import { selectRelated } from '../../../../src/lib/site/related.ts';
import { ids, makeNewsroom } from '../../../helpers/make-newsroom.ts';

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
});
