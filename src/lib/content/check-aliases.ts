/**
 * Checks articles' `aliases` (old addresses answered with a 301) against the site's own URLs. An
 * alias that equals a page's URL, a feed, a file or another alias would take that address over in
 * nginx and `_redirects`: `aliases: [/]` would send the front page to one article. Every such
 * alias is an error naming the page, file or entry that owns the address.
 */
import { getCalendarDay, parseWrittenTime, resolveWrittenTime } from './dates.ts';
import type { RouteWords } from '../site/i18n.ts';
import { createUrls, isSiteFileName, SITE_FOLDERS } from '../site/urls.ts';
import type { ContentProblem } from './problems.ts';
import type { ArticleRecord, NewsroomRecords } from './read-newsroom.ts';

export interface AliasContext {
  words: RouteWords;
  /** Site paths of the files in `public/`, e.g. "/favicon.svg". */
  publicFiles: readonly string[];
}

const FOLDER_OWNERS: Record<(typeof SITE_FOLDERS)[number], string> = {
  _astro: "the site's scripts and styles",
  pagefind: 'the search index',
  text: 'the text edition',
};

/** `/impressum`, `/impressum/` and `/impressum/index.html` reach the same page on a static host. */
function toPathKey(sitePath: string): string {
  return sitePath.replace(/\/index\.html$/, '/').replace(/\/+$/, '') || '/';
}

function describeLine(record: { file: string; locate(path: ReadonlyArray<PropertyKey>): number }, field: PropertyKey[]): string {
  return `${record.file}:${record.locate(field)}`;
}

/** The article's own URL, as create-newsroom will make it; undefined for a date that cannot be read. */
function getArticlePath(article: ArticleRecord, records: NewsroomRecords, words: RouteWords): string | undefined {
  const urls = createUrls(words);
  if (article.data.date === undefined) return urls.undatedArticle(article.slug);
  const written = parseWrittenTime(article.data.date);
  if (!written) return undefined;
  const timeZone = records.site.data.timeZone;
  return urls.article(getCalendarDay(resolveWrittenTime(written, timeZone), timeZone), article.slug);
}

export function checkAliases(records: NewsroomRecords, context: AliasContext): ContentProblem[] {
  // Every article's URL is worked out below; a paper without aliases need not pay for that.
  if (!records.articles.some((article) => article.data.aliases.length)) return [];
  const problems: ContentProblem[] = [];
  const owners = new Map<string, string>([['/', 'the front page']]);
  const articlePaths = new Map<ArticleRecord, string>();
  for (const article of records.articles) {
    const own = getArticlePath(article, records, context.words);
    if (own === undefined) continue;
    articlePaths.set(article, own);
    owners.set(toPathKey(own), `the article ${article.file}`);
  }
  for (const page of records.pages) owners.set(toPathKey(`/${page.id}/`), `the page ${page.file}`);
  for (const file of context.publicFiles) owners.set(toPathKey(file), `the file public${file}`);
  const sections = new Map(records.sections.map((section) => [section.id, section]));
  const namespaces = new Map<string, string>([
    [context.words.topic, 'the topic pages'],
    [context.words.author, 'the author pages'],
    [context.words.archive, 'the archive'],
    [context.words.search, 'the search page'],
    ...SITE_FOLDERS.map((folder) => [folder, FOLDER_OWNERS[folder]] as const),
  ]);

  /** Who already answers at `key`, if anyone. */
  const findOwner = (key: string): string | undefined => {
    const owner = owners.get(key);
    if (owner) return owner;
    const segments = key.split('/').slice(1);
    const [first = '', second] = segments;
    const namespace = namespaces.get(first);
    if (namespace) return `${namespace} (everything under /${first}/)`;
    if (/^\/\d{4}(\/\d{2}){0,2}$/.test(key)) return 'the date archive';
    const section = sections.get(first);
    if (section && (segments.length === 1 || (segments.length === 2 && (/^\d+$/.test(second!) || isSiteFileName(second!))))) {
      return `the section "${section.id}" (${describeLine(section, ['id'])})`;
    }
    const last = segments.at(-1) ?? '';
    if (isSiteFileName(last) && (segments.length === 1 || owners.has(toPathKey(`/${segments.slice(0, -1).join('/')}/`)))) {
      return `a file the site writes (${key})`;
    }
    return undefined;
  };

  const claims = new Map<string, Array<{ article: ArticleRecord; index: number; line: number }>>();
  for (const article of records.articles) {
    const written = Array.isArray(article.raw['aliases']) ? (article.raw['aliases'] as unknown[]) : [];
    article.data.aliases.forEach((alias) => {
      // The schema dropped repeats, so the position in the file is where the alias is first written.
      const index = written.indexOf(alias);
      const key = toPathKey(alias);
      const line = article.locate(['aliases', index]);
      const report = (message: string): void => {
        problems.push({ severity: 'error', file: article.file, line, field: `aliases[${index}]`, message });
      };
      const own = articlePaths.get(article);
      if (own !== undefined && key === toPathKey(own)) {
        report(`expected an old address of this article, found "${alias}", its current URL (a redirect to itself would never end)`);
        return;
      }
      const owner = findOwner(key);
      if (owner) {
        report(`expected an address the site does not use, found "${alias}", which belongs to ${owner}. Remove the alias`);
        return;
      }
      claims.set(key, [...(claims.get(key) ?? []), { article, index, line }]);
    });
  }
  for (const group of claims.values()) {
    if (group.length < 2) continue;
    for (const claim of group) {
      const others = group.filter((other) => other !== claim).map((other) => `${other.article.file}:${other.line}`);
      problems.push({
        severity: 'error',
        file: claim.article.file,
        line: claim.line,
        field: `aliases[${claim.index}]`,
        message: `expected an address no other article claims, found "${String((claim.article.raw['aliases'] as unknown[])[claim.index])}", which ${others.join(', ')} claims too. Keep it in one article`,
      });
    }
  }
  return problems;
}
