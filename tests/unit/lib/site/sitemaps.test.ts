import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildSitemaps } from '../../../../src/lib/site/sitemaps.ts';

const parser = new XMLParser();

function readLocations(xml: string): Array<{ loc: string; lastmod?: string }> {
  const urls = (parser.parse(xml) as { urlset: { url: unknown } }).urlset.url;
  return (Array.isArray(urls) ? urls : [urls]) as Array<{ loc: string; lastmod?: string }>;
}

describe('buildSitemaps', () => {
  const paths = ['/', '/politik/', '/politik/2/', '/2026/11/20/streik/', '/404/'];
  const changed = new Map([['/2026/11/20/streik/', new Date('2026-11-20T10:00:00Z')]]);

  it('lists every indexable page with its last change, and the index names each part', async () => {
    const files = await buildSitemaps('https://zeitung.example', paths, changed);
    expect(files.map(({ file }) => file)).toEqual(['sitemap-0.xml', 'sitemap-index.xml']);
    const urls = readLocations(files[0]!.xml!);
    // Paths sort as people read numbers: /404/ before /2026/; a later page of a list is left out.
    expect(urls.map(({ loc }) => loc)).toEqual([
      'https://zeitung.example/',
      'https://zeitung.example/404/',
      'https://zeitung.example/2026/11/20/streik/',
      'https://zeitung.example/politik/',
    ]);
    expect(urls[2]!.lastmod).toBe('2026-11-20T10:00:00.000Z');
  });

  it('writes the same files again for the same pages, and new ones as soon as a page changed', async () => {
    const first = await buildSitemaps('https://zeitung.example', paths, changed);
    expect(await buildSitemaps('https://zeitung.example', paths, changed)).toEqual(first);
    const later = new Map([['/2026/11/20/streik/', new Date('2026-11-21T08:00:00Z')]]);
    const second = await buildSitemaps('https://zeitung.example', paths, later);
    expect(readLocations(second[0]!.xml!)[2]!.lastmod).toBe('2026-11-21T08:00:00.000Z');
    const elsewhere = await buildSitemaps('https://andere.example', paths, later);
    expect(readLocations(elsewhere[0]!.xml!)[0]!.loc).toBe('https://andere.example/');
  });

  it('leaves out the text of a file the caller has with the same entries, and only that one', async () => {
    const first = await buildSitemaps('https://zeitung.example', paths, changed);
    const have = new Map(first.map(({ file, digest }) => [file, digest]));
    const again = await buildSitemaps('https://zeitung.example', paths, changed, have);
    expect(again.map(({ file, xml }) => [file, xml])).toEqual([
      ['sitemap-0.xml', undefined],
      ['sitemap-index.xml', undefined],
    ]);
    const later = new Map([['/2026/11/20/streik/', new Date('2026-11-22T08:00:00Z')]]);
    const changedOnes = await buildSitemaps('https://zeitung.example', paths, later, have);
    expect(changedOnes.every(({ xml }) => xml !== undefined)).toBe(true);
  });
});
