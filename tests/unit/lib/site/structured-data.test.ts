import { describe, expect, it } from 'vitest';
import { buildArticleSeo, buildBreadcrumbJsonLd, serializeJsonLd } from '../../../../src/lib/site/structured-data.ts';
import { makeNewsroom } from '../../../helpers/make-newsroom.ts';

describe('serializeJsonLd', () => {
  it('cannot be ended early by text that closes the script element', () => {
    const json = serializeJsonLd({
      headline: '</script><script>alert(1)</script>',
      note: 'a & b <!-- c',
      separator: '\u2028',
    });
    expect(json).not.toMatch(/<\/?script|<!--|\u2028/);
    expect(JSON.parse(json)).toEqual({
      headline: '</script><script>alert(1)</script>',
      note: 'a & b <!-- c',
      separator: '\u2028',
    });
  });
});

describe('buildArticleSeo', () => {
  const newsroom = makeNewsroom([
    { id: 1, date: '2010-12-13 18:45', authors: ['jb', { name: 'Gast Autor' }], topics: ['a'] },
    { id: 2, date: '2010-12-14 10:00' },
  ]);

  it('describes a NewsArticle with times in the paper’s zone, authors as Person and the publisher', () => {
    const [data] = buildArticleSeo(newsroom, newsroom.articleById.get(1)!, 'https://test.example/bild.jpg').jsonLd;
    expect(data).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Artikel 1',
      datePublished: '2010-12-13T18:45:00+01:00',
      dateModified: '2010-12-13T18:45:00+01:00',
      author: [
        { '@type': 'Person', name: 'Jana Beispiel', url: 'https://test.example/autor/jb/' },
        { '@type': 'Person', name: 'Gast Autor' },
      ],
      publisher: { '@type': 'NewsMediaOrganization', name: 'Testblatt' },
      isAccessibleForFree: true,
      mainEntityOfPage: { '@id': 'https://test.example/2010/12/13/artikel-1/' },
      image: ['https://test.example/bild.jpg'],
    });
  });

  it('names the agencies as Organization when a piece has no authors', () => {
    const agency = makeNewsroom([{ id: 3, date: '2010-12-13 18:45' }]);
    const article = { ...agency.articleById.get(3)!, credits: ['dpa', 'afp'] };
    expect(buildArticleSeo(agency, article, undefined).jsonLd[0]?.['author']).toEqual([
      { '@type': 'Organization', name: 'dpa' },
      { '@type': 'Organization', name: 'afp' },
    ]);
  });

  it('writes Open Graph article tags and a Twitter card', () => {
    const { meta } = buildArticleSeo(newsroom, newsroom.articleById.get(1)!, undefined);
    expect(meta).toContainEqual({ property: 'og:type', content: 'article' });
    expect(meta).toContainEqual({ property: 'article:published_time', content: '2010-12-13T18:45:00+01:00' });
    expect(meta).toContainEqual({ property: 'article:author', content: 'https://test.example/autor/jb/' });
    expect(meta).toContainEqual({ property: 'article:section', content: 'Politik' });
    expect(meta).toContainEqual({ property: 'article:tag', content: 'A' });
    expect(meta).toContainEqual({ name: 'twitter:card', content: 'summary' });
  });

  it('builds a breadcrumb list starting at the front page', () => {
    expect(
      buildBreadcrumbJsonLd(newsroom, [{ label: 'Politik', url: '/politik/' }, { label: 'Artikel' }], '/x/')[
        'itemListElement'
      ],
    ).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Startseite', item: 'https://test.example/' },
      { '@type': 'ListItem', position: 2, name: 'Politik', item: 'https://test.example/politik/' },
      { '@type': 'ListItem', position: 3, name: 'Artikel', item: 'https://test.example/x/' },
    ]);
  });
});
