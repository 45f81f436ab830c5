/**
 * Aliases against the site's own addresses, read from real files in a copy of the basic fixture
 * (its article amazon.md lives at /2010/12/13/amazon/, its page at /unterstuetzen/, its sections
 * are politik and wirtschaft, and public/ holds favicon.svg).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../../../src/lib/content/problems.ts';
import { readNewsroom } from '../../../../src/lib/content/read-newsroom.ts';
import { projectRoot } from '../../../helpers/build-fixture.ts';
import { copyFixtureContent, writeArticle, type ContentCopy } from '../../../helpers/content-copy.ts';

let copy: ContentCopy;
afterEach(() => copy.remove());

/** The alias problems of one article that claims `aliases`, as the build prints them. */
async function checkAliasList(aliases: string[], extra: Record<string, string> = {}): Promise<string[]> {
  copy = await copyFixtureContent('basic');
  const list = aliases.map((alias) => `  - ${JSON.stringify(alias)}`).join('\n');
  await copy.write('articles/umzug.md', writeArticle({ id: '9100', slug: 'umzug', date: '2020-05-04 10:00', aliases: `\n${list}` }));
  for (const [name, text] of Object.entries(extra)) await copy.write(name, text);
  const { problems } = await readNewsroom({ root: projectRoot, contentDir: copy.dir });
  return problems
    .filter((problem) => problem.field?.startsWith('aliases'))
    .map((problem) => formatProblem({ ...problem, file: problem.file.replace(/^.*?\/content\//, '') }));
}

describe('aliases', () => {
  it('accepts old addresses nobody else uses, including ones under a section or with umlauts', async () => {
    expect(await checkAliasList(['/2010/12/13/alter-titel/', '/politik/alt.html', '/artikel.php', '/wirtschaft/über-uns/'])).toEqual([]);
  });

  it('refuses the front page, an article, a page, a section and its list pages, naming the owner', async () => {
    const lines = await checkAliasList(['/', '/2010/12/13/amazon/', '/unterstuetzen', '/politik/', '/politik/2/', '/2010/12/13/amazon/index.html']);
    expect(lines).toEqual([
      'articles/umzug.md:9 aliases[0] — expected an address the site does not use, found "/", which belongs to the front page. Remove the alias',
      expect.stringMatching(/^articles\/umzug\.md:10 aliases\[1\] — .*found "\/2010\/12\/13\/amazon\/", which belongs to the article .*articles\/2010\/amazon\.md\. Remove the alias$/),
      expect.stringMatching(/^articles\/umzug\.md:11 aliases\[2\] — .*found "\/unterstuetzen", which belongs to the page .*pages\/unterstuetzen\.md\. Remove the alias$/),
      expect.stringMatching(/^articles\/umzug\.md:12 aliases\[3\] — .*belongs to the section "politik" \(.*sections\.yaml:1\)\. Remove the alias$/),
      expect.stringMatching(/^articles\/umzug\.md:13 aliases\[4\] — .*belongs to the section "politik"/),
      expect.stringMatching(/^articles\/umzug\.md:14 aliases\[5\] — .*belongs to the article .*amazon\.md/),
    ]);
  });

  it('refuses feeds, sitemaps, files from public/, the date archive and the folders the site fills', async () => {
    const lines = await checkAliasList([
      '/feed.xml',
      '/wirtschaft/feed.atom',
      '/sitemap-index.xml',
      '/robots.txt',
      '/favicon.svg',
      '/2010/12/',
      '/thema/alt/',
      '/text/2010/12/13/amazon.txt',
      '/pagefind/pagefind.js',
      '/_astro/x.css',
    ]);
    expect(lines.map((line) => line.replace(/^.*which belongs to /, ''))).toEqual([
      'a file the site writes (/feed.xml). Remove the alias',
      expect.stringMatching(/^the section "wirtschaft"/),
      'a file the site writes (/sitemap-index.xml). Remove the alias',
      'a file the site writes (/robots.txt). Remove the alias',
      'the file public/favicon.svg. Remove the alias',
      'the date archive. Remove the alias',
      'the topic pages (everything under /thema/). Remove the alias',
      'the text edition (everything under /text/). Remove the alias',
      'the search index (everything under /pagefind/). Remove the alias',
      "the site's scripts and styles (everything under /_astro/). Remove the alias",
    ]);
  });

  it('refuses characters nginx or _redirects would need quoted, and dot segments', async () => {
    const lines = await checkAliasList(['/alt;{', '/mit leerzeichen/', '/a/../b', '/"zitat"', '/$var', '/a//b']);
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).toMatch(/ — expected a site path starting with "\/", of letters, digits and .* between single slashes/);
  });

  it('refuses an alias two articles claim, naming the other file and line in each', async () => {
    const lines = await checkAliasList(['/alte-adresse/'], {
      'articles/zwei.md': writeArticle({ id: '9101', slug: 'zwei', aliases: '["/alte-adresse"]' }),
    });
    expect(lines).toEqual([
      expect.stringMatching(/^articles\/umzug\.md:9 aliases\[0\] — expected an address no other article claims, found "\/alte-adresse\/", which .*articles\/zwei\.md:8 claims too\. Keep it in one article$/),
      expect.stringMatching(/^articles\/zwei\.md:8 aliases\[0\] — .*found "\/alte-adresse", which .*articles\/umzug\.md:9 claims too/),
    ]);
  });

  it("refuses the article's own URL, which would redirect to itself", async () => {
    expect(await checkAliasList(['/2020/05/04/umzug/'])).toEqual([
      'articles/umzug.md:9 aliases[0] — expected an old address of this article, found "/2020/05/04/umzug/", its current URL (a redirect to itself would never end)',
    ]);
  });
});
