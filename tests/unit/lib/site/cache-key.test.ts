import { describe, expect, it } from 'vitest';
import { createCacheKey, getFrameDigest, getShownDigests } from '../../../../src/lib/site/cache-key.ts';
import type { Newsroom } from '../../../../src/lib/content/model.ts';
import { listArticleRoutes, listSectionRoutes } from '../../../../src/lib/site/routes.ts';
import { makeNewsroom, makePicture } from '../../../helpers/make-newsroom.ts';

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
    newsroom.articles[0]!.image!.src = makePicture({ digest: 'cd'.repeat(32) });
    // A newsroom is never changed once made: the changed content is a new newsroom.
    const replaced = { ...newsroom };
    expect(listArticleRoutes(replaced)[0]!.cacheKey).not.toBe(before.articles[0]!.cacheKey);
    expect(listSectionRoutes(replaced)[0]!.cacheKey).not.toBe(before.sections[0]!.cacheKey);
  });
});

describe('route cache keys', () => {
  it('give an article page a new key when its body digest changes, and list pages none', () => {
    const newsroom = makeNewsroom([
      { id: 1, date: '2026-11-20 10:00' },
      { id: 2, date: '2026-11-19 10:00' },
    ]);
    const before = { articles: listArticleRoutes(newsroom), sections: listSectionRoutes(newsroom) };
    newsroom.articles[0]!.digest = 'new body';
    const edited = { ...newsroom };
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
