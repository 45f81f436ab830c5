import { describe, expect, it } from 'vitest';
import { createNewsroom } from '../../../../src/lib/content/create-newsroom.ts';
import { ids, makeNewsroom, makeNewsroomInput } from '../../../helpers/make-newsroom.ts';

describe('createNewsroom', () => {
  const specs = [
    { id: 1, date: '2024-01-10 10:00', topics: ['a'], authors: ['jb'] },
    { id: 2, date: '2024-01-12 10:00', draft: true },
    { id: 3, date: '2024-01-20 10:00' },
    { id: 4, date: '2024-01-05 10:00', section: 'wirtschaft', topics: ['a'] },
  ];

  it('sorts articles newest first and indexes them by section, topic and author', () => {
    const newsroom = makeNewsroom(specs, { now: '2024-01-15T00:00:00Z' });
    expect(ids(newsroom.articles)).toEqual([1, 4]);
    expect(ids(newsroom.articlesByTopic.get('a') ?? [])).toEqual([1, 4]);
    expect(ids(newsroom.articlesBySection.get('wirtschaft') ?? [])).toEqual([4]);
    expect(ids(newsroom.articlesByAuthor.get('jb') ?? [])).toEqual([1]);
  });

  it('keeps drafts and embargoed articles out of a published build', () => {
    const newsroom = makeNewsroom(specs, { now: '2024-01-15T00:00:00Z' });
    expect(newsroom.articleById.has(2)).toBe(false);
    expect(newsroom.articleById.has(3)).toBe(false);
  });

  it('shows drafts and embargoed articles in preview, marked', () => {
    const newsroom = makeNewsroom(specs, { now: '2024-01-15T00:00:00Z', preview: true });
    expect(newsroom.articleById.get(2)?.draft).toBe(true);
    expect(newsroom.articleById.get(3)?.embargoed).toBe(true);
  });

  it('publishes an embargoed article once the build time has passed', () => {
    expect(makeNewsroom(specs, { now: '2024-01-21T00:00:00Z' }).articleById.has(3)).toBe(true);
  });

  it('resolves references and builds URLs from the publication day in the paper’s zone', () => {
    const newsroom = makeNewsroom([{ id: 9, date: '2024-01-10 00:30', authors: ['jb'], topics: ['b'] }]);
    const article = newsroom.articleById.get(9)!;
    expect(article.url).toBe('/2024/01/10/artikel-9/');
    expect(article.publishedAt?.toISOString()).toBe('2024-01-09T23:30:00.000Z');
    expect(article.authors.map((author) => author.url)).toEqual(['/autor/jb/']);
    expect(article.topics.map((topic) => topic.url)).toEqual(['/thema/b/']);
    expect(article.lang).toBe('de-DE');
  });

  it('uses the sections as navigation unless the site names its own', () => {
    expect(makeNewsroom([]).navigation).toEqual([
      { label: 'Politik', url: '/politik/' },
      { label: 'Wirtschaft', url: '/wirtschaft/' },
    ]);
    const custom = makeNewsroom([], {
      site: { navigation: [{ topic: 'a' }, { label: 'Podcast', url: 'https://pod.example/' }] },
    });
    expect(custom.navigation).toEqual([
      { label: 'A', url: '/thema/a/' },
      { label: 'Podcast', url: 'https://pod.example/' },
    ]);
  });

  it('puts undated articles after dated ones, at /artikel/<slug>/, without a day', () => {
    const newsroom = makeNewsroom([{ id: 1 }, { id: 2, date: '2010-01-01 10:00' }, { id: 3 }]);
    expect(ids(newsroom.articles)).toEqual([2, 3, 1]);
    expect(newsroom.articleById.get(3)).toMatchObject({
      url: '/artikel/artikel-3/',
      publishedAt: undefined,
      day: undefined,
      embargoed: false,
    });
  });

  it('keeps a guest byline as a name without a page, and off the author index', () => {
    const newsroom = makeNewsroom([{ id: 1, date: '2024-01-01 10:00', authors: ['jb', { name: 'Tom Neuling' }] }]);
    expect(newsroom.articleById.get(1)?.authors).toEqual([
      expect.objectContaining({ id: 'jb', url: '/autor/jb/' }),
      { name: 'Tom Neuling' },
    ]);
    expect([...newsroom.articlesByAuthor.keys()]).toEqual(['jb']);
  });

  it('separates related ids from related headlines that are not in the paper', () => {
    const newsroom = makeNewsroom([
      { id: 1, date: '2024-01-01 10:00', related: [2, { kicker: 'K', headline: 'Anderswo' }] },
    ]);
    expect(newsroom.articleById.get(1)).toMatchObject({
      relatedIds: [2],
      relatedHeadlines: [{ kicker: 'K', headline: 'Anderswo' }],
    });
  });
});

describe('createNewsroom with the last newsroom', () => {
  const specs = [
    { id: 1, date: '2024-01-10 10:00', topics: ['a'], authors: ['jb'] },
    { id: 2, date: '2024-01-12 10:00', topics: ['a'] },
    { id: 3, date: '2024-01-14 10:00', section: 'wirtschaft' },
  ];

  it('takes over the objects and lists that did not change, and makes the changed ones anew', () => {
    const before = makeNewsroom(specs);
    const after = makeNewsroom([specs[0]!, { ...specs[1]!, headline: 'Neu' }, specs[2]!], { previous: before });
    expect(after.articleById.get(1)).toBe(before.articleById.get(1));
    expect(after.articleById.get(3)).toBe(before.articleById.get(3));
    expect(after.articleById.get(2)).not.toBe(before.articleById.get(2));
    expect(after.articleById.get(2)?.headline).toBe('Neu');
    expect(after.articlesBySection.get('wirtschaft')).toBe(before.articlesBySection.get('wirtschaft'));
    expect(after.articlesByTopic.get('a')).not.toBe(before.articlesByTopic.get('a'));
    expect(after.articlesByAuthor.get('jb')).toBe(before.articlesByAuthor.get('jb'));
    expect(after.sections).toBe(before.sections);
    expect(after.articles).not.toBe(before.articles);
  });

  it('makes every article of a renamed author anew, and only those', () => {
    const before = makeNewsroom(specs);
    const after = makeNewsroom(specs, { previous: before, authorName: 'Jana B.' });
    expect(after.articleById.get(1)).not.toBe(before.articleById.get(1));
    expect(after.articleById.get(1)?.authors[0]?.name).toBe('Jana B.');
    expect(after.articleById.get(2)).toBe(before.articleById.get(2));
  });

  it('hands back the article an unchanged entry made, while the frame is the last newsroom’s', () => {
    const input = makeNewsroomInput([...specs, { id: 5, date: '2024-06-01 10:00', topics: ['b'] }]);
    const early = { now: new Date('2024-03-01T00:00:00Z'), preview: false };
    const before = createNewsroom(input, early);
    const same = createNewsroom({ ...input, articles: [...input.articles] }, early, before);
    expect(same.articleById.get(1)).toBe(before.articleById.get(1));
    expect(same.articles).toBe(before.articles);
    // The embargo moves with the build time, whatever the entry: article 5 is out, then in.
    expect(same.articleById.has(5)).toBe(false);
    const later = createNewsroom(input, { now: new Date('2024-07-01T00:00:00Z'), preview: false }, same);
    expect(later.articleById.get(5)?.embargoed).toBe(false);
    expect(later.articleById.get(1)).toBe(before.articleById.get(1));
    // Another frame (topic b renamed): the entries make their articles again, b's with the new name.
    const renamed = {
      ...input,
      topics: input.topics.map((topic) => (topic.id === 'b' ? { ...topic, name: 'Bee' } : topic)),
    };
    const after = createNewsroom(renamed, { now: new Date('2024-07-01T00:00:00Z'), preview: false }, later);
    expect(after.articleById.get(5)?.topics[0]?.name).toBe('Bee');
    expect(after.articleById.get(5)).not.toBe(later.articleById.get(5));
    expect(after.articleById.get(1)).toBe(before.articleById.get(1));
  });
});
