import { describe, expect, it } from 'vitest';
import { selectMostCommented } from '../../../../src/lib/site/most-commented.ts';
import { ids, makeNewsroom } from '../../../helpers/make-newsroom.ts';

describe('selectMostCommented', () => {
  const { articles } = makeNewsroom([
    { id: 1, date: '2024-01-10 10:00', comments: 5 },
    { id: 2, date: '2024-01-09 10:00', comments: 50 },
    { id: 3, date: '2024-01-08 10:00', comments: 50 },
    { id: 4, date: '2024-01-02 10:00', comments: 900 },
    { id: 5, date: '2024-01-09 12:00' },
    { id: 6, date: '2024-01-09 13:00', comments: 0 },
  ]);
  const until = new Date('2024-01-10T09:00:00Z');

  it('ranks articles in the window by comments, newer first on a tie', () => {
    expect(ids(selectMostCommented(articles, { days: 7, count: 5, until }))).toEqual([2, 3, 1]);
  });

  it('leaves out articles older than the window and ones without comments', () => {
    expect(ids(selectMostCommented(articles, { days: 7, count: 5, until }))).not.toContain(4);
    expect(ids(selectMostCommented(articles, { days: 30, count: 5, until }))[0]).toBe(4);
  });

  it('lists at most `count` articles', () => {
    expect(selectMostCommented(articles, { days: 7, count: 2, until })).toHaveLength(2);
  });
});
