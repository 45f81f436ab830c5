/** Feeds, sitemaps, robots.txt, structured data and social cards of a built fixture paper. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type BuiltFixture } from '../helpers/build-fixture.ts';

let site: BuiltFixture;
const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['item', 'entry', 'url', 'sitemap'].includes(name),
});

afterAll(async () => {
  await site?.remove();
});

beforeAll(async () => {
  site = await buildFixture('basic');
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

const read = (urlPath: string): Promise<string> => readFile(path.join(site.outDir, urlPath), 'utf8');

describe('feeds', () => {
  it('exist in three formats for the paper and every section, topic and author, all well-formed', async () => {
    const feeds = (await listFiles(site.outDir)).filter((file) => /\/feed\.(xml|atom|json)$/.test(file));
    // 1 paper + 2 sections + 3 topics + 2 authors = 8 channels.
    expect(feeds).toHaveLength(8 * 3);
    for (const file of feeds) {
      const text = await readFile(file, 'utf8');
      if (file.endsWith('.json')) expect(JSON.parse(text).version, file).toBe('https://jsonfeed.org/version/1.1');
      else expect(XMLValidator.validate(text), file).toBe(true);
    }
  });

  it('list the section’s articles newest first with title, link, date, authors, categories and picture', async () => {
    const rss = parser.parse(await read('wirtschaft/feed.xml')).rss.channel;
    expect(rss.item.map((item: { title: string }) => item.title)).toEqual([
      'Energie: Strompreise sinken',
      'Nach vermeintlicher Hacker-Attacke: Amazon hackt sich selbst',
      'Onlinehandel: Pakete stapeln sich',
    ]);
    const amazon = rss.item[1];
    expect(amazon.link).toBe('https://fixture.example/2010/12/13/amazon/');
    expect(amazon['dc:creator']).toEqual(['Tilman Kleinz', 'Jana Beispiel']);
    expect(amazon.category).toEqual(['Wirtschaft', 'Netzpolitik', 'Onlinehandel']);
    expect(amazon.enclosure['@_url']).toMatch(/^https:\/\/fixture\.example\/_astro\/server\..+\.jpeg$/);
    expect(rss.item[0]['dc:creator']).toEqual(['afp', 'dpa']);
    expect(amazon['dc:contributor']).toEqual(['dpa', 'rtr']);
    const atom = parser.parse(await read('wirtschaft/feed.atom')).feed.entry[1];
    expect(atom.contributor).toEqual([{ name: 'dpa' }, { name: 'rtr' }]);
    expect(JSON.parse(await read('wirtschaft/feed.json')).items[1]._depesche).toEqual({ credits: ['dpa', 'rtr'] });
  });

  it('never carry drafts, embargoed or undated articles', async () => {
    const paper = await read('feed.xml');
    expect(paper).not.toContain('Geheimer Entwurf');
    expect(paper).not.toContain('Sperrfrist');
  });

  it('are announced on the front page and on list pages', async () => {
    const front = await site.page('/');
    expect(
      front('link[rel=alternate]')
        .map((_, link) => front(link).attr('href'))
        .get(),
    ).toEqual(['/feed.xml', '/feed.atom', '/feed.json']);
    const topic = await site.page('/thema/netzpolitik/');
    expect(topic('link[rel=alternate][type="application/rss+xml"]').attr('href')).toBe('/thema/netzpolitik/feed.xml');
    const author = await site.page('/autor/tkleinz/');
    expect(author('link[rel=alternate][type="application/atom+xml"]').attr('href')).toBe('/autor/tkleinz/feed.atom');
  });
});

describe('sitemaps', () => {
  it('list every indexable page with lastmod from the content, and no feeds or later pages', async () => {
    const index = parser.parse(await read('sitemap-index.xml')).sitemapindex.sitemap;
    expect(index.map((entry: { loc: string }) => entry.loc)).toEqual(['https://fixture.example/sitemap-0.xml']);
    const urls = parser.parse(await read('sitemap-0.xml')).urlset.url as Array<{ loc: string; lastmod?: string }>;
    const byLoc = new Map(urls.map((url) => [url.loc, url.lastmod]));
    expect(byLoc.get('https://fixture.example/2010/12/13/amazon/')).toBe('2010-12-14T08:10:00.000Z');
    expect(byLoc.get('https://fixture.example/wirtschaft/')).toBe('2026-11-18T09:00:00.000Z');
    expect(byLoc.get('https://fixture.example/')).toBe('2026-11-19T15:30:00.000Z');
    expect([...byLoc.keys()].filter((loc) => /feed\.|\/2\/$|404/.test(loc))).toEqual([]);
    expect(byLoc.has('https://fixture.example/2026/11/19/entwurf/')).toBe(false);
  });

  it('have a news sitemap of the 48 hours before the build', async () => {
    const urls = parser.parse(await read('news-sitemap.xml')).urlset.url;
    expect(urls.map((url: { loc: string }) => url.loc)).toEqual(['https://fixture.example/2026/11/19/debatte/']);
    expect(urls[0]['news:news']['news:publication_date']).toBe('2026-11-19T16:30:00+01:00');
  });

  it('are named in robots.txt', async () => {
    expect(await read('robots.txt')).toContain('Sitemap: https://fixture.example/sitemap-index.xml');
  });
});

describe('structured data and social cards', () => {
  const jsonLd = async (url: string): Promise<Array<Record<string, unknown>>> => {
    const $ = await site.page(url);
    return $('script[type="application/ld+json"]')
      .map((_, script) => JSON.parse($(script).text()) as Array<Record<string, unknown>>)
      .get()
      .flat();
  };

  it('describes an article as NewsArticle with its correction, and a breadcrumb', async () => {
    const [article, breadcrumb] = await jsonLd('/2010/12/13/amazon/');
    expect(article).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Amazon hackt sich selbst',
      datePublished: '2010-12-13T18:45:00+01:00',
      dateModified: '2010-12-14T09:10:00+01:00',
      isAccessibleForFree: true,
    });
    expect(article?.['correction']).toMatchObject({ '@type': 'CorrectionComment' });
    expect(breadcrumb).toMatchObject({ '@type': 'BreadcrumbList' });
    const $ = await site.page('/2010/12/13/amazon/');
    expect($('link[rel=canonical]').attr('href')).toBe('https://fixture.example/2010/12/13/amazon/');
    expect($('meta[property="og:type"]').attr('content')).toBe('article');
    expect($('meta[property="article:published_time"]').attr('content')).toBe('2010-12-13T18:45:00+01:00');
    expect($('meta[name="twitter:card"]').attr('content')).toBe('summary_large_image');
  });

  it('has well-formed JSON-LD with a schema.org type and a breadcrumb on every page', async () => {
    const pages = (await listFiles(site.outDir)).filter(
      (file) => file.endsWith('.html') && !file.includes(`${path.sep}text${path.sep}`),
    );
    expect(pages.length).toBeGreaterThan(20);
    for (const file of pages) {
      const html = await readFile(file, 'utf8');
      const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
        (match) => JSON.parse(match[1]!) as Array<Record<string, unknown>>,
      );
      expect(blocks, file).toHaveLength(1);
      for (const data of blocks[0]!) {
        expect(data['@context'], file).toBe('https://schema.org');
        expect(typeof data['@type'], file).toBe('string');
      }
      expect(
        blocks[0]!.some((data) => data['@type'] === 'BreadcrumbList'),
        file,
      ).toBe(true);
    }
  });

  it('describes sections as CollectionPage and authors as ProfilePage', async () => {
    expect((await jsonLd('/wirtschaft/'))[0]).toMatchObject({ '@type': 'CollectionPage', name: 'Wirtschaft' });
    expect((await jsonLd('/autor/tkleinz/'))[0]).toMatchObject({
      '@type': 'ProfilePage',
      mainEntity: { '@type': 'Person', name: 'Tilman Kleinz' },
    });
  });
});
