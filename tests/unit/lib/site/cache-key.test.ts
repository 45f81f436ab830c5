import { describe, expect, it } from 'vitest';
import { createCacheKey, getFrameDigest, getShownDigests } from '../../../../src/lib/site/cache-key.ts';
import type { Newsroom } from '../../../../src/lib/content/model.ts';
import { listArticleRoutes, listSectionRoutes } from '../../../../src/lib/site/routes.ts';
import { makeNewsroom } from '../../../helpers/make-newsroom.ts';

describe('createCacheKey', () => {
  it('is the same for the same frame, props and bodies', () => {
    expect(createCacheKey('f', { a: 1 }, ['d'])).toBe(createCacheKey('f', { a: 1 }, ['d']));
  });

  it('changes with the frame, the props or a body digest', () => {
    const key = createCacheKey('f', { a: 1 }, ['d']);
    expect(createCacheKey('g', { a: 1 }, ['d'])).not.toBe(key);
    expect(createCacheKey('f', { a: 2 }, ['d'])).not.toBe(key);
    expect(createCacheKey('f', { a: 1 }, ['e'])).not.toBe(key);
  });

  it('ignores digests inside props and everything of a byline but name and link', () => {
    const byline = { name: 'Jana Beispiel', url: '/autor/jb/' };
    const key = createCacheKey('f', { article: { digest: '1', authors: [{ ...byline, bio: 'Alt.' }] } });
    expect(createCacheKey('f', { article: { digest: '2', authors: [{ ...byline, bio: 'Neu.' }] } })).toBe(key);
    expect(createCacheKey('f', { article: { digest: '1', authors: [{ ...byline, name: 'J. B.' }] } })).not.toBe(key);
  });

  it('gives the same keys when the objects a page shows are written out once and shared between pages', () => {
    const article = { headline: 'Streik', digest: '1', authors: [{ name: 'Jana Beispiel', bio: 'Alt.' }] };
    const shared = getShownDigests({} as Newsroom);
    const pages = [{ article }, { list: [article, { ...article, headline: 'Wahl' }] }, { list: [article] }];
    expect(pages.map((props) => createCacheKey('f', props, [], shared))).toEqual(
      pages.map((props) => createCacheKey('f', props)),
    );
    expect(createCacheKey('f', pages[1], [], shared)).not.toBe(createCacheKey('f', pages[2], [], shared));
  });
});

describe('route cache keys of pictures', () => {
  it('give every page that shows a picture a new key when the picture is replaced under the same name', () => {
    const newsroom = makeNewsroom([{ id: 1, date: '2026-11-20 10:00', image: true }]);
    const before = { articles: listArticleRoutes(newsroom), sections: listSectionRoutes(newsroom) };
    // A newsroom is never changed once made: the changed content is a new newsroom.
    const replaced = makeNewsroom([{ id: 1, date: '2026-11-20 10:00', image: { digest: 'cd'.repeat(32) } }]);
    expect(listArticleRoutes(replaced)[0]!.cacheKey).not.toBe(before.articles[0]!.cacheKey);
    expect(listSectionRoutes(replaced)[0]!.cacheKey).not.toBe(before.sections[0]!.cacheKey);
  });
});

describe('route cache keys', () => {
  it('give an article page a new key when its body digest changes, and list pages none', () => {
    const articles = [
      { id: 1, date: '2026-11-20 10:00', digest: 'body' },
      { id: 2, date: '2026-11-19 10:00' },
    ];
    const newsroom = makeNewsroom(articles);
    const before = { articles: listArticleRoutes(newsroom), sections: listSectionRoutes(newsroom) };
    const edited = makeNewsroom([{ ...articles[0]!, digest: 'new body' }, articles[1]!]);
    expect(listArticleRoutes(edited)[0]!.cacheKey).not.toBe(before.articles[0]!.cacheKey);
    expect(listArticleRoutes(edited)[1]!.cacheKey).toBe(before.articles[1]!.cacheKey);
    expect(listSectionRoutes(edited).map((route) => route.cacheKey)).toEqual(
      before.sections.map((route) => route.cacheKey),
    );
  });

  it('change every page when the frame (site settings) changes', () => {
    const one = makeNewsroom([{ id: 1, date: '2026-11-20 10:00' }]);
    const other = makeNewsroom([{ id: 1, date: '2026-11-20 10:00' }], { site: { tagline: 'Anders' } });
    expect(getFrameDigest(one)).not.toBe(getFrameDigest(other));
    expect(listArticleRoutes(other)[0]!.cacheKey).not.toBe(listArticleRoutes(one)[0]!.cacheKey);
  });
});

describe('page keys across newsrooms', () => {
  const specs = [
    { id: 1, date: '2026-11-18 10:00', topics: ['a'], authors: ['jb'], digest: 'eins' },
    { id: 2, date: '2026-11-19 10:00', topics: ['a', 'b'], digest: 'zwei' },
    { id: 3, date: '2026-11-20 10:00', section: 'wirtschaft', related: [1], digest: 'drei' },
  ];
  const edits: Array<[string, Parameters<typeof makeNewsroom>]> = [
    ['nothing', [specs]],
    ['a body', [[specs[0]!, { ...specs[1]!, digest: 'zwei, neu' }, specs[2]!]]],
    ['a headline', [[specs[0]!, { ...specs[1]!, headline: 'Neu' }, specs[2]!]]],
    ['a section', [[{ ...specs[0]!, section: 'wirtschaft' }, specs[1]!, specs[2]!]]],
    ['a topic', [[specs[0]!, specs[1]!, { ...specs[2]!, topics: ['b'] }]]],
    ['an author', [specs, { authorName: 'Jana B.' }]],
    ['an article added', [[...specs, { id: 4, date: '2026-11-21 10:00', topics: ['a'] }]]],
    ['an article deleted', [specs.slice(1)]],
    ['the site', [specs, { site: { tagline: 'Anders' } }]],
  ];

  it.each(edits)(
    'are the keys a newsroom of its own would get, after %s changed, when the last newsroom lends its objects',
    (_, [articles, options = {}]) => {
      const before = makeNewsroom(specs);
      const routes = (newsroom: Newsroom) => [
        ...listArticleRoutes(newsroom).map((route) => ({ ...route, bodies: [route.props.article.digest] })),
        ...listSectionRoutes(newsroom).map((route) => ({ ...route, bodies: [] as string[] })),
      ];
      routes(before);
      const after = makeNewsroom(articles, { ...options, previous: before });
      for (const route of routes(after))
        expect(route.cacheKey).toBe(createCacheKey(getFrameDigest(after), route.props, route.bodies));
    },
  );
});
