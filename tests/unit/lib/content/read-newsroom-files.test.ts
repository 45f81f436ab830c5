/**
 * How the reader treats files as editors' machines write them: CRLF and CR line ends, decomposed
 * umlauts in names, hidden and stray files, page names that meet, dates out of range. Each case is
 * a real file in a copy of the basic fixture.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readNewsroom } from '../../../../src/lib/content/read-newsroom.ts';
import { formatProblem } from '../../../../src/lib/content/problems.ts';
import { projectRoot } from '../../../helpers/build-fixture.ts';
import { copyFixtureContent, writeArticle, type ContentCopy } from '../../../helpers/content-copy.ts';

let copy: ContentCopy;
afterEach(() => copy.remove());

async function read(files: Record<string, string | Buffer>, now?: Date) {
  copy = await copyFixtureContent('basic');
  for (const [name, text] of Object.entries(files)) await copy.write(name, text);
  const result = await readNewsroom({ root: projectRoot, contentDir: copy.dir, now });
  const lines = result.problems.map((problem) => formatProblem({ ...problem, file: problem.file.replace(/^.*?\/content\//, '') }));
  return { ...result, lines };
}

describe('readNewsroom on files from other systems', () => {
  it('reads CRLF and CR line ends like LF, including a blank line inside the front matter', async () => {
    const lf = writeArticle({ id: '9001', kicker: 'Windows', section: 'politik' }, 'Erster Absatz.\n\nZweiter Absatz.\n');
    const crlf = lf.replace('kicker: Windows\n', 'kicker: Windows\n\n').replace(/\n/g, '\r\n');
    const cr = writeArticle({ id: '9002', section: 'wirtschaft' }).replace(/\n/g, '\r');
    const { records, lines } = await read({ 'articles/crlf.md': crlf, 'articles/cr.md': cr });
    expect(lines.filter((line) => !line.startsWith('warning'))).toEqual([]);
    const byId = new Map(records!.articles.map((article) => [article.data.id, article]));
    expect(byId.get(9001)?.data.section).toBe('politik');
    expect(byId.get(9001)?.data.kicker).toBe('Windows');
    expect(byId.get(9001)?.body).toBe('Erster Absatz.\n\nZweiter Absatz.\n');
    expect(byId.get(9002)?.data.section).toBe('wirtschaft');
    expect(byId.get(9002)?.locate(['section'])).toBe(6);
  });

  it('spells out umlauts of decomposed (NFD) file names in slugs and page URLs, and composes the text', async () => {
    const { records } = await read({
      ['articles/über.md'.normalize('NFD')]: writeArticle({ headline: 'Grüße'.normalize('NFD') }),
      ['pages/über-uns.md'.normalize('NFD')]: '---\ntitle: Über uns\n---\nText.\n',
    });
    const article = records!.articles.find((entry) => entry.data.id === 9001);
    expect(article?.slug).toBe('ueber');
    expect(article?.data.headline).toBe('Grüße'.normalize('NFC'));
    expect(records!.pages.map((page) => page.id)).toContain('ueber-uns');
  });
});

describe('readNewsroom names every file it does not read', () => {
  it('warns about hidden files and folders, stray files and unknown entries, but not about system files', async () => {
    const { lines, records } = await read({
      'articles/.entwurf.md': writeArticle({ id: '9003' }),
      'articles/.versteckt/alt.md': writeArticle({ id: '9004' }),
      'articles/.DS_Store': 'x',
      'articles/2010/.gitkeep': '',
      'pages/impressum.txt': 'Impressum',
      'authors/notizen.txt': 'x',
      'artikel/neu.md': writeArticle({ id: '9005' }),
    });
    expect(records).toBeDefined();
    expect(lines).toEqual(
      expect.arrayContaining([
        'warning: articles/.entwurf.md — expected a visible file, found a hidden one (its name starts with "."); it was not read. Rename it without the dot to publish it',
        'warning: articles/.versteckt — expected a visible folder, found a hidden one (its name starts with "."); it was not read. Rename it without the dot to publish it',
        'warning: pages/impressum.txt — expected a page file (.md) or a picture, found another kind of file; it was not read',
        'warning: authors/notizen.txt — expected an author file (.yaml) or a portrait, found another kind of file; it was not read',
        'warning: artikel — expected only site.yaml, sections.yaml, topics.yaml, authors, pages, articles, images at the top of the content folder, found "artikel"; it was not read. Articles belong in articles/, pictures in images/',
      ]),
    );
    expect(lines.filter((line) => /DS_Store|gitkeep/.test(line))).toEqual([]);
  });

  it('refuses two page files that become one URL, naming both', async () => {
    const { lines, records } = await read({ 'pages/Unterstuetzen.md': '---\ntitle: Doppelt\n---\nText.\n' });
    expect(records).toBeUndefined();
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pages\/Unterstuetzen\.md:1 — expected a page file name with a URL of its own, found \/unterstuetzen\/, which .*pages\/unterstuetzen\.md also becomes; rename one of them$/),
        expect.stringMatching(/^pages\/unterstuetzen\.md:1 — .*pages\/Unterstuetzen\.md also becomes/),
      ]),
    );
  });

  it('refuses a page whose URL the text edition, the search index or a section uses', async () => {
    const page = '---\ntitle: Seite\n---\nText.\n';
    const { lines } = await read({ 'pages/text.md': page, 'pages/pagefind.md': page, 'pages/politik.md': page });
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pages\/text\.md:1 — expected a page file name whose URL \/text\/ is free, found it taken by the site's own \/text\/ \(a reserved URL word/),
        expect.stringMatching(/^pages\/pagefind\.md:1 — .*taken by the site's own \/pagefind\//),
        expect.stringMatching(/^pages\/politik\.md:1 — .*taken by the section "politik" \(.*sections\.yaml:1\); rename the file$/),
      ]),
    );
  });
});

describe('readNewsroom on dates and lists', () => {
  it('refuses years outside 1000 to 2100 with the line and the value', async () => {
    const { lines } = await read({
      'articles/antik.md': writeArticle({ id: '9006', date: '0001-01-01' }),
      'articles/zukunft.md': writeArticle({ id: '9007', date: '20244-01-01' }),
      'articles/fern.md': writeArticle({ id: '9008', date: '2999-01-01' }),
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        'articles/antik.md:5 date — expected a year from 1000 to 2100 (is a digit missing or doubled?), found "0001-01-01"',
        'articles/zukunft.md:5 date — expected a real date and time like "2010-12-13 18:45" or "2010-12-13T18:45:00+01:00", found "20244-01-01"',
        'articles/fern.md:5 date — expected a year from 1000 to 2100 (is a digit missing or doubled?), found "2999-01-01"',
      ]),
    );
  });

  it('gives notice of an embargo more than a year ahead of the build, and none for a near one', async () => {
    const { lines } = await read(
      {
        'articles/fern.md': writeArticle({ id: '9009', date: '2099-06-01 06:00' }),
        'articles/nah.md': writeArticle({ id: '9010', date: '2026-12-01 06:00' }),
      },
      new Date('2026-11-20T12:00:00Z'),
    );
    expect(lines.filter((line) => line.includes('embargo'))).toEqual([
      'warning: articles/fern.md:5 date — expected a publication date within a year of the build, found "2099-06-01 06:00", 26491 days ahead; the article stays under embargo until then. Check the year',
    ]);
  });

  it('warns about a repeated topic and author and counts each once', async () => {
    const topics = `[${Array<string>(500).fill('netzpolitik').join(', ')}]`;
    const { lines, records } = await read({ 'articles/doppelt.md': writeArticle({ id: '9011', topics, authors: '[jbeispiel, jbeispiel]' }) });
    const article = records!.articles.find((entry) => entry.data.id === 9011)!;
    expect(article.data.topics).toEqual(['netzpolitik']);
    expect(article.bylines).toEqual(['jbeispiel']);
    expect(lines.filter((line) => line.includes('doppelt.md'))).toEqual([
      'warning: articles/doppelt.md:7 topics[1] — expected each item once, found "netzpolitik" 499 more times (first as topics[0]); it counts once. Remove the repeat',
      'warning: articles/doppelt.md:8 authors[1] — expected each item once, found "jbeispiel" again (first as authors[0]); it counts once. Remove the repeat',
    ]);
  });
});
