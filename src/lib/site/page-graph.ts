/**
 * The page graph: every page of the site, with the route it renders through, the props it gets
 * and a key that changes whenever anything the page shows changes (cache-key.ts). After a change,
 * the pages to render are exactly those whose key changed, plus added ones; a page whose key is
 * the same is the same page. Pure: the engine turns nodes into URLs and files with Astro's routes.
 */
import { isDated, type Newsroom } from '../content/model.ts';
import { createCacheKey, getFrameDigest, getShownDigests } from './cache-key.ts';
import { buildFrontPage } from './front-page.ts';
import {
  listArchiveRoutes,
  listArticleRoutes,
  listAuthorRoutes,
  listDayRoutes,
  listFeedRoutes,
  listLiteRoutes,
  listMonthRoutes,
  listNewsSitemapRoutes,
  listPageRoutes,
  listSearchRoutes,
  listSectionRoutes,
  listTextFileRoutes,
  listTopicRoutes,
  listUndatedArticleRoutes,
  listYearRoutes,
  type Keyed,
} from './routes.ts';

/** A page route's source file, as Astro names it in its route data (`routeData.component`). */
export type RouteComponent = (typeof ROUTE_COMPONENTS)[number];

export const ROUTE_COMPONENTS = [
  'src/pages/index.astro',
  'src/pages/404.astro',
  'src/pages/robots.txt.ts',
  'src/pages/[year]/[month]/[day]/[article].astro',
  'src/pages/[articleBase]/[article].astro',
  'src/pages/[section]/[...page].astro',
  'src/pages/[topicBase]/[topic]/[...page].astro',
  'src/pages/[authorBase]/[author]/[...page].astro',
  'src/pages/[archive]/index.astro',
  'src/pages/[year]/index.astro',
  'src/pages/[year]/[month]/index.astro',
  'src/pages/[year]/[month]/[day]/index.astro',
  'src/pages/[slug].astro',
  'src/pages/[...list]/feed.[format].ts',
  'src/pages/[file].xml.ts',
  'src/pages/[searchBase]/index.astro',
  'src/pages/text/[...path].txt.ts',
  'src/pages/text/[...path].astro',
] as const;

/** The article pages: the only ones the search index reads. */
export const ARTICLE_COMPONENTS: ReadonlySet<RouteComponent> = new Set([
  'src/pages/[year]/[month]/[day]/[article].astro',
  'src/pages/[articleBase]/[article].astro',
]);

export interface PageNode {
  component: RouteComponent;
  params: Record<string, string | undefined>;
  props: object;
  key: string;
}

/**
 * Each keyed route's node, once: a route the routes module kept from the last newsroom (an
 * unchanged article's) keeps its node, so the engine can tell it unchanged by identity.
 */
const madeNodes = new WeakMap<object, PageNode>();

function nodes(component: RouteComponent, routes: ReadonlyArray<Keyed<{ params: object; props: object }>>): PageNode[] {
  return routes.map((route) => {
    let node = madeNodes.get(route);
    if (node?.component !== component) {
      node = {
        component,
        params: route.params as Record<string, string | undefined>,
        props: route.props,
        key: route.cacheKey,
      };
      madeNodes.set(route, node);
    }
    return node;
  });
}

/** Every page of the site for a build at `now`. */
export function listPageNodes(newsroom: Newsroom, now: Date): PageNode[] {
  const frame = getFrameDigest(newsroom);
  const front = buildFrontPage(newsroom);
  // The pages without routes of their own compute what they show from the newsroom: their keys
  // name exactly that.
  const editionDate = newsroom.articles.find(isDated)?.publishedAt;
  const single = (component: RouteComponent, shows: unknown): PageNode => ({
    component,
    params: {},
    props: {},
    key: createCacheKey(frame, shows, [], getShownDigests(newsroom)),
  });
  return [
    single('src/pages/index.astro', { front, editionDate }),
    single('src/pages/404.astro', newsroom.articles.slice(0, 5)),
    single('src/pages/robots.txt.ts', null),
    ...nodes('src/pages/[year]/[month]/[day]/[article].astro', listArticleRoutes(newsroom)),
    ...nodes('src/pages/[articleBase]/[article].astro', listUndatedArticleRoutes(newsroom)),
    ...nodes('src/pages/[section]/[...page].astro', listSectionRoutes(newsroom)),
    ...nodes('src/pages/[topicBase]/[topic]/[...page].astro', listTopicRoutes(newsroom)),
    ...nodes('src/pages/[authorBase]/[author]/[...page].astro', listAuthorRoutes(newsroom)),
    ...nodes('src/pages/[archive]/index.astro', listArchiveRoutes(newsroom)),
    ...nodes('src/pages/[year]/index.astro', listYearRoutes(newsroom)),
    ...nodes('src/pages/[year]/[month]/index.astro', listMonthRoutes(newsroom)),
    ...nodes('src/pages/[year]/[month]/[day]/index.astro', listDayRoutes(newsroom)),
    ...nodes('src/pages/[slug].astro', listPageRoutes(newsroom)),
    ...nodes('src/pages/[...list]/feed.[format].ts', listFeedRoutes(newsroom)),
    ...nodes('src/pages/[file].xml.ts', listNewsSitemapRoutes(newsroom, now)),
    ...nodes('src/pages/[searchBase]/index.astro', listSearchRoutes(newsroom)),
    ...nodes('src/pages/text/[...path].txt.ts', listTextFileRoutes(newsroom)),
    ...nodes('src/pages/text/[...path].astro', listLiteRoutes(newsroom)),
  ];
}
