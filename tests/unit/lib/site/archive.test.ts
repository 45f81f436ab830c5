import { describe, expect, it } from 'vitest';
import { groupArchive } from '../../../../src/lib/site/archive.ts';
import { ids, makeNewsroom } from '../../../helpers/make-newsroom.ts';

describe('groupArchive', () => {
  const { articles } = makeNewsroom([
    { id: 1, date: '2024-02-01 10:00' },
    { id: 2, date: '2024-01-31 23:30' },
    { id: 3, date: '2024-01-31 08:00' },
    { id: 4, date: '2023-12-24 12:00' },
  ]);

  it('groups by year (newest first), month and day (oldest first), counting articles', () => {
    const years = groupArchive(articles);
    expect(years.map((year) => [year.year, year.count])).toEqual([
      [2024, 3],
      [2023, 1],
    ]);
    expect(years[0]!.months.map((month) => [month.month, month.count])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(years[0]!.months[0]!.days.map((day) => [day.day.day, ids(day.articles)])).toEqual([[31, [2, 3]]]);
  });

  it('files an article under its day in the paper’s zone, not UTC', () => {
    // 23:30 in Berlin on 31 January is 22:30 UTC the same day; 00:30 would be the day before in UTC.
    const late = makeNewsroom([{ id: 1, date: '2024-02-01 00:30' }]);
    expect(groupArchive(late.articles)[0]!.months[0]!.days[0]!.day).toEqual({ year: 2024, month: 2, day: 1 });
  });

  it('leaves undated articles out', () => {
    const mixed = makeNewsroom([{ id: 1, date: '2024-02-01 10:00' }, { id: 2 }]);
    expect(
      groupArchive(mixed.articles).flatMap((year) =>
        year.months.flatMap((month) => month.days.flatMap((day) => ids(day.articles))),
      ),
    ).toEqual([1]);
  });
});
