import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildNewsSitemaps, buildRobotsTxt, selectNewsArticles } from '../../../../src/lib/site/news-sitemap.ts';
import { makeNewsroom } from '../../../helpers/make-newsroom.ts';

const now = new Date('2026-11-20T12:00:00+01:00');
const options = {
  siteUrl: 'https://test.example',
  publication: 'Testblatt & Co',
  language: 'de',
  timeZone: 'Europe/Berlin',
  now,
};
const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'url' || name === 'sitemap' });

describe('news sitemap', () => {
  const newsroom = makeNewsroom(
    [
      { id: 1, date: '2026-11-20 11:59' },
      { id: 2, date: '2026-11-18 12:01' },
      { id: 3, date: '2026-11-18 11:59' },
      { id: 4, date: '2026-11-20 12:01' },
      { id: 5 },
    ],
    { now: '2030-01-01T00:00:00Z' },
  );

  it('holds only articles from the 48 hours before the build', () => {
    expect(selectNewsArticles(newsroom.articles, now).map((article) => article.id)).toEqual([1, 2]);
  });

  it('writes valid XML with publication, language, W3C date with zone and title, escaped', () => {
    const [file] = buildNewsSitemaps(newsroom.articles, options);
    expect(file?.path).toBe('/news-sitemap.xml');
    expect(XMLValidator.validate(file!.xml)).toBe(true);
    const url = parser.parse(file!.xml).urlset.url[0];
    expect(url.loc).toBe('https://test.example/2026/11/20/artikel-1/');
    expect(url['news:news']).toEqual({
      'news:publication': { 'news:name': 'Testblatt & Co', 'news:language': 'de' },
      'news:publication_date': '2026-11-20T11:59:00+01:00',
      'news:title': 'Artikel 1',
    });
  });

  it('splits beyond 1,000 articles into parts under a sitemap index', () => {
    const many = makeNewsroom(
      Array.from({ length: 2345 }, (_, index) => ({
        id: index + 1,
        date: `2026-11-20 ${String(Math.floor(index / 60) % 10).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}`,
      })),
    );
    const files = buildNewsSitemaps(many.articles, options);
    expect(files.map((file) => file.path)).toEqual([
      '/news-sitemap.xml',
      '/news-sitemap-1.xml',
      '/news-sitemap-2.xml',
      '/news-sitemap-3.xml',
    ]);
    const index = parser.parse(files[0]!.xml).sitemapindex.sitemap;
    expect(index.map((entry: { loc: string }) => entry.loc)).toEqual([
      'https://test.example/news-sitemap-1.xml',
      'https://test.example/news-sitemap-2.xml',
      'https://test.example/news-sitemap-3.xml',
    ]);
    expect(files.slice(1).map((file) => parser.parse(file.xml).urlset.url.length)).toEqual([1000, 1000, 345]);
  });

  it('names both sitemaps in robots.txt', () => {
    expect(buildRobotsTxt('https://test.example')).toContain(
      'Sitemap: https://test.example/sitemap-index.xml\nSitemap: https://test.example/news-sitemap.xml',
    );
  });
});
