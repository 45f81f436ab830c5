/** The text-only edition of a built fixture paper: plain text that reads back, indexes, and the minimal HTML pages. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGopherEdition } from '../../src/lib/text/gopher-edition.ts';
import { buildFixture, type BuiltFixture } from '../helpers/build-fixture.ts';

let site: BuiltFixture;

afterAll(async () => {
  await site?.remove();
});

beforeAll(async () => {
  site = await buildFixture('basic');
});

const read = (urlPath: string): Promise<string> => readFile(path.join(site.outDir, urlPath), 'utf8');
const articles = [
  '/2010/12/13/amazon/',
  '/2010/12/01/alt/',
  '/2010/12/10/netz/',
  '/2026/11/18/agentur/',
  '/2026/11/19/debatte/',
];

describe('plain-text edition', () => {
  it('reads back as the same article: kicker, headline, teaser, body text, authors and related headlines', async () => {
    for (const url of articles) {
      const text = await read(`/text${url.replace(/\/$/, '')}.txt`);
      const parsed = parseGopherEdition(text);
      const $ = await site.page(url);
      expect(parsed.kicker, url).toBe($('h1 .kicker').text() || undefined);
      expect(parsed.headline, url).toBe($('h1 .headline').text());
      expect(parsed.teaser, url).toBe($('.article-teaser').text());
      const bodyText = $('.article-body p')
        .map((_, p) =>
          $(p)
            .text()
            .replace(/^.*? \| /, '')
            .replace(/\s+/g, ' ')
            .trim(),
        )
        .get();
      expect(
        parsed.paragraphs.map((paragraph) => paragraph.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\\(.)/g, '$1')),
        url,
      ).toEqual(bodyText);
      expect(parsed.authors, url).toEqual(
        $('.byline a, .byline .guest-author')
          .map((_, a) => $(a).text())
          .get(),
      );
      expect(
        parsed.related.map((item) => item.headline),
        url,
      ).toEqual(
        $('.related .headline')
          .map((_, h) => $(h).text())
          .get(),
      );
    }
  });

  it('keeps dateline and agencies, and the date line', async () => {
    const parsed = parseGopherEdition(await read('/text/2010/12/13/amazon.txt'));
    expect(parsed).toMatchObject({ dateline: 'LONDON/BERLIN', credits: ['dpa', 'rtr'], date: '2010-12-13' });
  });

  it('wraps at 72 columns with a blank line between paragraphs', async () => {
    const text = await read('/text/2010/12/13/amazon.txt');
    const body = text.split('\n').filter((line) => !/^(# |Bild:|\[\d+\] )/.test(line));
    expect(Math.max(...body.map((line) => line.length))).toBeLessThanOrEqual(72);
    expect(text).toContain('nicht erreichbar.\n\nEin Sprecher');
  });

  it('has indexes for the front page, each section and each day, linking to texts that exist', async () => {
    const front = await read('/text/index.txt');
    expect(front.split('\n')[0]).toBe('# Fixture-Zeitung -- Startseite');
    expect(front).toContain(
      '## WIRTSCHAFT\nEnergie: Strompreise sinken\n  https://fixture.example/text/2026/11/18/agentur.txt',
    );
    expect(await read('/text/politik.txt')).toContain('Debatte über Netzausbau');
    expect(await read('/text/2010/12/13.txt')).toContain('https://fixture.example/text/2010/12/13/amazon.txt');
    for (const [, link] of front.matchAll(/https:\/\/fixture\.example(\/text\/\S+\.txt)/g)) {
      await expect(stat(path.join(site.outDir, link!)), link).resolves.toBeTruthy();
    }
  });

  it('never holds drafts or embargoed articles', async () => {
    expect(await site.exists('/text/2026/11/19/entwurf.txt')).toBe(false);
    expect(await read('/text/index.txt')).not.toMatch(/Geheimer Entwurf|Sperrfrist/);
  });
});

describe('minimal HTML edition', () => {
  it('serves every article without pictures or scripts, in under 10 KB', async () => {
    for (const url of articles) {
      const html = await read(`/text${url}index.html`);
      expect(Buffer.byteLength(html), url).toBeLessThan(10 * 1024);
      expect(html, url).not.toMatch(/<img|<script|<link rel="stylesheet"/);
    }
    const $ = await site.page('/text/2010/12/13/amazon/');
    expect($('h1').text()).toBe('Nach vermeintlicher Hacker-Attacke: Amazon hackt sich selbst');
    expect($('a[href="/text/2010/12/13/amazon.txt"]')).toHaveLength(1);
  });

  it('has a front page listing the newest articles by section', async () => {
    const $ = await site.page('/text/');
    expect(
      $('h2')
        .map((_, h) => $(h).text())
        .get(),
    ).toEqual(['Politik', 'Wirtschaft']);
    expect($('a[href="/text/2026/11/19/debatte/"]')).toHaveLength(1);
  });
});
