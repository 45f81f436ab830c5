/**
 * What each page route builds: one function per route, called from its `getStaticPaths`, returning
 * params and plain props. Keeping this here leaves `src/pages/` with markup only.
 */
import { getArchive, type ArchiveDay, type ArchiveMonth, type ArchiveYear } from './archive.ts';
import {
  isDated,
  type Article,
  type Author,
  type Newsroom,
  type Page,
  type Section,
  type Topic,
} from '../content/model.ts';
import { getPaginationLinks, paginate, toPageParam, type PageSlice, type PaginationLinks } from './pagination.ts';
import { selectRelated } from './related.ts';
import { listFeedChannels, toListParam, type FeedChannel, type FeedFormat } from './feeds.ts';
import { buildNewsSitemaps } from './news-sitemap.ts';
import { getLiteUrl, getTextUrl, type TextIndexGroup } from './text-index.ts';
import { getLanguage } from './i18n.ts';
import { getFrameDigest, getShownDigests } from './cache-key.ts';
import { takeOverEqual } from '../content/take-over-equal.ts';

const two = (value: number): string => String(value).padStart(2, '0');

/**
 * The article page and the text edition both list an article's related articles, which are chosen
 * once. An article's related list is kept with what it was chosen from: the articles it links to and
 * the lists of its topics and section. A newsroom that takes over the article and those lists
 * unchanged from the last one (create-newsroom.ts) gets the very same list, and so do the keys
 * that hold it; a list chosen anew that equals the last is the last.
 */
const relatedLists = new WeakMap<Article, { from: unknown[]; related: Article[] }>();

function getRelated(newsroom: Newsroom, article: Article): Article[] {
  const from: unknown[] = [
    ...article.relatedIds.map((id) => newsroom.articleById.get(id)),
    ...article.topics.map((topic) => newsroom.articlesByTopic.get(topic.id)),
    newsroom.articlesBySection.get(article.section.id),
  ];
  const known = relatedLists.get(article);
  if (known && known.from.length === from.length && known.from.every((item, index) => item === from[index]))
    return known.related;
  const related = takeOverEqual(known?.related, selectRelated(article, newsroom));
  relatedLists.set(article, { from, related });
  return related;
}

/** A route as Astro's `getStaticPaths` takes it, with the key its incremental build compares. */
export type Keyed<R> = R & { cacheKey: string };

/**
 * Adds each route's cache key: the shared frame, its props, and the digests of the bodies it
 * prints (see cache-key.ts). Every route function below ends here, so no route goes unkeyed.
 */
function addCacheKeys<R extends { params: object; props: object }>(
  newsroom: Newsroom,
  routeName: string,
  routes: R[],
  bodiesOf: (route: R) => readonly string[] = () => [],
): Array<Keyed<R>> {
  const frame = getFrameDigest(newsroom);
  const digests = getShownDigests(newsroom);
  return routes.map((route) => ({
    ...route,
    cacheKey: digests.keyPage(`${routeName} ${JSON.stringify(route.params)}`, frame, route.props, bodiesOf(route)),
  }));
}

/** An article's keyed route with what it was made from. */
interface MadeRoute<R> {
  frame: string;
  related: Article[] | undefined;
  route: Keyed<R>;
}

/**
 * The routes of one kind that each article has (its page, its text file, its minimal page), made
 * from the article, its related list and the frame only: an article the next newsroom takes over
 * unchanged (create-newsroom.ts), with the same related list and frame, gets its very route back,
 * key and all, without its props being built, compared or keyed again. Articles have 30,000 of a
 * 10,000-article paper's 35,000 pages. Newsroom objects never change once made, so a route kept
 * for an object cannot go stale.
 */
function keyArticleRoutes<A extends Article, R extends { params: object; props: object }>(
  newsroom: Newsroom,
  made: WeakMap<Article, MadeRoute<R>>,
  articles: readonly A[],
  withRelated: boolean,
  build: (article: A, related: Article[] | undefined) => R,
  routeName: string,
): Array<Keyed<R>> {
  const frame = getFrameDigest(newsroom);
  return articles.map((article) => {
    const related = withRelated ? getRelated(newsroom, article) : undefined;
    const known = made.get(article);
    if (known && known.frame === frame && known.related === related) return known.route;
    const [route] = addCacheKeys(newsroom, routeName, [build(article, related)], () => [article.digest]);
    made.set(article, { frame, related, route: route! });
    return route!;
  });
}

export interface ArticleProps {
  article: Article;
  related: Article[];
}

export interface ArticleRoute {
  params: { year: string; month: string; day: string; article: string };
  props: ArticleProps;
}

type ArticleRouteOf<P> = { params: P; props: ArticleProps };

const undatedArticleRoutes = new WeakMap<
  Article,
  MadeRoute<ArticleRouteOf<{ articleBase: string; article: string }>>
>();

/** Undated articles (imported texts without a date) live at `/artikel/<slug>/`. */
export function listUndatedArticleRoutes(
  newsroom: Newsroom,
): Array<Keyed<ArticleRouteOf<{ articleBase: string; article: string }>>> {
  return keyArticleRoutes(
    newsroom,
    undatedArticleRoutes,
    newsroom.articles.filter((article) => !isDated(article)),
    true,
    (article, related) => ({
      params: { articleBase: newsroom.words.article, article: article.slug },
      props: { article, related: related! },
    }),
    'undatedArticle',
  );
}

const articleRoutes = new WeakMap<Article, MadeRoute<ArticleRoute>>();

export function listArticleRoutes(newsroom: Newsroom): Array<Keyed<ArticleRoute>> {
  return keyArticleRoutes(
    newsroom,
    articleRoutes,
    newsroom.articles.filter(isDated),
    true,
    (article, related) => ({
      params: {
        year: String(article.day.year),
        month: two(article.day.month),
        day: two(article.day.day),
        article: article.slug,
      },
      props: { article, related: related! },
    }),
    'article',
  );
}

export interface ListingProps<T> {
  subject: T;
  slice: PageSlice<Article>;
  pager: PaginationLinks;
}

function listPaged<T>(
  subject: T,
  articles: readonly Article[],
  pageSize: number,
  urlFor: (page: number) => string,
): Array<{ page: string | undefined; props: ListingProps<T> }> {
  return paginate(articles, pageSize).map((slice) => ({
    page: toPageParam(slice.page),
    props: { subject, slice, pager: getPaginationLinks(slice.page, slice.totalPages, urlFor) },
  }));
}

export function listSectionRoutes(
  newsroom: Newsroom,
): Array<Keyed<{ params: { section: string; page: string | undefined }; props: ListingProps<Section> }>> {
  return addCacheKeys(
    newsroom,
    'section',
    newsroom.sections.flatMap((section) =>
      listPaged(section, newsroom.articlesBySection.get(section.id) ?? [], newsroom.site.pageSize, (page) =>
        newsroom.urls.section(section.id, page),
      ).map(({ page, props }) => ({ params: { section: section.id, page }, props })),
    ),
  );
}

export function listTopicRoutes(
  newsroom: Newsroom,
): Array<
  Keyed<{ params: { topicBase: string; topic: string; page: string | undefined }; props: ListingProps<Topic> }>
> {
  return addCacheKeys(
    newsroom,
    'topic',
    newsroom.topics.flatMap((topic) =>
      listPaged(topic, newsroom.articlesByTopic.get(topic.id) ?? [], newsroom.site.pageSize, (page) =>
        newsroom.urls.topic(topic.id, page),
      ).map(({ page, props }) => ({ params: { topicBase: newsroom.words.topic, topic: topic.id, page }, props })),
    ),
  );
}

export function listAuthorRoutes(
  newsroom: Newsroom,
): Array<
  Keyed<{ params: { authorBase: string; author: string; page: string | undefined }; props: ListingProps<Author> }>
> {
  return addCacheKeys(
    newsroom,
    'author',
    newsroom.authors.flatMap((author) =>
      listPaged(author, newsroom.articlesByAuthor.get(author.id) ?? [], newsroom.site.pageSize, (page) =>
        newsroom.urls.author(author.id, page),
      ).map(({ page, props }) => ({ params: { authorBase: newsroom.words.author, author: author.id, page }, props })),
    ),
  );
}

export function listArchiveRoutes(
  newsroom: Newsroom,
): Array<Keyed<{ params: { archive: string }; props: { years: ArchiveYear[] } }>> {
  return addCacheKeys(newsroom, 'archive', [
    { params: { archive: newsroom.words.archive }, props: { years: getArchive(newsroom) } },
  ]);
}

export function listYearRoutes(
  newsroom: Newsroom,
): Array<Keyed<{ params: { year: string }; props: { year: ArchiveYear } }>> {
  return addCacheKeys(
    newsroom,
    'year',
    getArchive(newsroom).map((year) => ({ params: { year: String(year.year) }, props: { year } })),
  );
}

export function listMonthRoutes(
  newsroom: Newsroom,
): Array<Keyed<{ params: { year: string; month: string }; props: { month: ArchiveMonth } }>> {
  return addCacheKeys(
    newsroom,
    'month',
    getArchive(newsroom).flatMap((year) =>
      year.months.map((month) => ({ params: { year: String(year.year), month: two(month.month) }, props: { month } })),
    ),
  );
}

export interface DayProps {
  day: ArchiveDay;
  /** The day's articles by section, in section order: the day's paper. */
  sections: Array<{ section: Section; articles: Article[] }>;
  previous?: ArchiveDay | undefined;
  next?: ArchiveDay | undefined;
}

export function listDayRoutes(
  newsroom: Newsroom,
): Array<Keyed<{ params: { year: string; month: string; day: string }; props: DayProps }>> {
  return addCacheKeys(newsroom, 'day', listDayGroups(newsroom));
}

/** Each day of the archive with its articles grouped by section: the day pages and the text edition's day files. */
function listDayGroups(
  newsroom: Newsroom,
): Array<{ params: { year: string; month: string; day: string }; props: DayProps }> {
  const days = getArchive(newsroom)
    .flatMap((year) => year.months.flatMap((month) => month.days))
    .sort((a, b) => a.day.year - b.day.year || a.day.month - b.day.month || a.day.day - b.day.day);
  return days.map((day, index) => ({
    params: { year: String(day.day.year), month: two(day.day.month), day: two(day.day.day) },
    props: {
      day,
      sections: newsroom.sections
        .map((section) => ({ section, articles: day.articles.filter((article) => article.section.id === section.id) }))
        .filter((group) => group.articles.length > 0),
      previous: days[index - 1],
      next: days[index + 1],
    },
  }));
}

export function listPageRoutes(newsroom: Newsroom): Array<Keyed<{ params: { slug: string }; props: { page: Page } }>> {
  return addCacheKeys(
    newsroom,
    'page',
    newsroom.pages.map((page) => ({ params: { slug: page.id }, props: { page } })),
    ({ props }) => [props.page.digest],
  );
}

/** Every feed: RSS, Atom and JSON Feed for the paper and each section, topic and author page. */
export function listFeedRoutes(
  newsroom: Newsroom,
): Array<Keyed<{ params: { list: string | undefined; format: FeedFormat }; props: { channel: FeedChannel } }>> {
  return addCacheKeys(
    newsroom,
    'feed',
    listFeedChannels(newsroom).flatMap((channel) =>
      (['xml', 'atom', 'json'] as const).map((format) => ({
        params: { list: toListParam(channel.pageUrl), format },
        props: { channel },
      })),
    ),
    // Full-text feeds print every item's body.
    ({ props }) => (newsroom.site.feeds.fullText ? props.channel.articles.map((article) => article.digest) : []),
  );
}

/** The news sitemap files for a build at `now`: one, or an index and its parts. */
export function listNewsSitemapRoutes(
  newsroom: Newsroom,
  now: Date,
): Array<Keyed<{ params: { file: string }; props: { xml: string } }>> {
  const { site } = newsroom;
  return addCacheKeys(
    newsroom,
    'newsSitemap',
    buildNewsSitemaps(newsroom.articles, {
      siteUrl: site.url,
      publication: site.title,
      language: getLanguage(site.locale),
      timeZone: site.timeZone,
      now,
    }).map((file) => ({ params: { file: file.path.replace(/^\/|\.xml$/g, '') }, props: { xml: file.xml } })),
  );
}

export interface SearchProps {
  sections: Array<{ id: string; name: string }>;
  /** Years with articles, newest first: the year filter's choices. */
  years: number[];
}

/** The search page: its filters' choices come from the paper. */
export function listSearchRoutes(
  newsroom: Newsroom,
): Array<Keyed<{ params: { searchBase: string }; props: SearchProps }>> {
  return addCacheKeys(newsroom, 'search', [
    {
      params: { searchBase: newsroom.words.search },
      props: {
        sections: newsroom.sections.map((section) => ({ id: section.id, name: section.name })),
        years: getArchive(newsroom).map((year) => year.year),
      },
    },
  ]);
}

export type TextFileProps =
  | { kind: 'article'; article: Article; related: Article[] }
  | { kind: 'index'; title: string; groups: TextIndexGroup[] };

type TextFileRoute = { params: { path: string }; props: TextFileProps };

const textFileRoutes = new WeakMap<Article, MadeRoute<TextFileRoute>>();

/**
 * The plain-text edition: every article at `/text/<its path>.txt`, and indexes for the front page
 * (`/text/index.txt`), each section (`/text/<section>.txt`) and each day (`/text/2010/12/13.txt`).
 */
export function listTextFileRoutes(newsroom: Newsroom): Array<Keyed<TextFileRoute>> {
  const { t } = newsroom;
  const front = {
    params: { path: 'index' },
    props: {
      kind: 'index' as const,
      title: t.frontPage,
      groups: newsroom.sections.map((section) => ({
        heading: section.name,
        articles: (newsroom.articlesBySection.get(section.id) ?? []).slice(0, 10),
      })),
    },
  };
  const sections = newsroom.sections.map((section) => ({
    params: { path: section.id },
    props: {
      kind: 'index' as const,
      title: section.name,
      groups: [{ articles: (newsroom.articlesBySection.get(section.id) ?? []).slice(0, 50) }],
    },
  }));
  const days = listDayGroups(newsroom).map((day) => ({
    params: { path: `${day.params.year}/${day.params.month}/${day.params.day}` },
    props: {
      kind: 'index' as const,
      title: t.dayEdition(`${day.params.day}.${day.params.month}.${day.params.year}`),
      groups: day.props.sections.map((group) => ({ heading: group.section.name, articles: group.articles })),
    },
  }));
  return [
    ...addCacheKeys<TextFileRoute>(newsroom, 'textFile', [front, ...sections, ...days]),
    ...keyArticleRoutes<Article, TextFileRoute>(
      newsroom,
      textFileRoutes,
      newsroom.articles,
      true,
      (article, related) => ({
        params: { path: getTextUrl(article.url).replace(/^\/text\/|\.txt$/g, '') },
        props: { kind: 'article', article, related: related! },
      }),
      'textFile',
    ),
  ];
}

export type LiteProps = { kind: 'article'; article: Article } | { kind: 'index'; groups: TextIndexGroup[] };

type LiteRoute = { params: { path: string | undefined }; props: LiteProps };

const liteRoutes = new WeakMap<Article, MadeRoute<LiteRoute>>();

/** The minimal HTML edition: front page `/text/` (eight articles a section) and every article at `/text/<its path>/`. */
export function listLiteRoutes(newsroom: Newsroom): Array<Keyed<LiteRoute>> {
  const index = {
    params: { path: undefined },
    props: {
      kind: 'index' as const,
      groups: newsroom.sections.map((section) => ({
        heading: section.name,
        articles: (newsroom.articlesBySection.get(section.id) ?? []).slice(0, 8),
      })),
    },
  };
  return [
    ...addCacheKeys<LiteRoute>(newsroom, 'lite', [index]),
    ...keyArticleRoutes<Article, LiteRoute>(
      newsroom,
      liteRoutes,
      newsroom.articles,
      false,
      (article) => ({
        params: { path: getLiteUrl(article.url).replace(/^\/text\/|\/$/g, '') },
        props: { kind: 'article', article },
      }),
      'lite',
    ),
  ];
}
