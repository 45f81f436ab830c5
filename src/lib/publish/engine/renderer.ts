/**
 * A renderer: a child process that holds one compiled copy of the site's code (the server bundle
 * of code-bundle.ts), the newsroom read from the content, and the page graph, and renders the
 * pages it is asked for with Astro's `app.render()`. ES modules cannot be unloaded, so a change of
 * code means a new renderer; a change of content only a new `load`, which builds a new newsroom
 * (pages and src/data/ memoise per newsroom object, so nothing of the old content survives; the
 * new newsroom takes over the objects that did not change, and the page keys memoised by them).
 *
 * render-pool.ts is the parent's side. The protocol, one message each way:
 *   load   → loaded   the content's problems, or every page's path, output file and key (as the
 *                     change to the list it sent last: engine/page-list.ts)
 *   render → rendered the files written, with their hashes
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { saveCompileCache } from '../../compile-cache.ts';
import { createNewsroom } from '../../content/create-newsroom.ts';
import { loadContent, type ContentBodies } from '../../content/load-content.ts';
import { findNextEmbargo } from '../../content/next-embargo.ts';
import type { Newsroom } from '../../content/model.ts';
import type { ContentProblem } from '../../content/problems.ts';
import { hashBytes } from '../../hash.ts';
import { buildLastModified } from '../../site/last-modified.ts';
import { ARTICLE_COMPONENTS, listPageNodes, ROUTE_COMPONENTS, type PageNode } from '../../site/page-graph.ts';
import { buildSitemaps, type SitemapFile } from '../../site/sitemaps.ts';
import { listSitePictures, type SitePicture } from '../../site/pictures.ts';
import type { FileRecord } from '../manifest.ts';
import type { HostingFacts } from '../hosting.ts';
import { runPool } from '../finish-release.ts';
import { pauseAt } from '../pause-point.ts';
import { COMPRESSIBLE, compressText } from '../precompress.ts';
import { createPageList, describePageList, type PageList, type PageListUpdate, type PlannedPage } from './page-list.ts';
import { toOutputFile, toPathname, type RouteShape } from './route-paths.ts';

export interface LoadRequest {
  type: 'load';
  root: string;
  contentDir: string;
  /** The build's cache: the newsroom store lives in it (lib/content/content-store.ts). */
  cacheDir: string;
  /** The build time (ISO): embargoes, the news sitemap's window. */
  now: string;
  /** The server bundle's entry; a renderer holds one for its whole life. */
  bundleEntry: string;
  /** The sitemaps the previous release has, by digest: those are not written again. */
  sitemaps?: Record<string, string> | undefined;
  /** The last page list this renderer sent and the parent still has: only changes to it are sent. */
  since?: number | undefined;
  /**
   * Every content file (absolute path) that may have changed since this renderer's last load,
   * when the parent knows (engine/content-changes.ts); the others are taken as that load read them.
   */
  changed?: string[] | undefined;
}

export type LoadReply =
  | {
      type: 'loaded';
      ok: true;
      pages: PageListUpdate;
      sitemaps: SitemapFile[];
      /** When the next embargoed article becomes public (ISO), if one waits. */
      nextEmbargo: string | undefined;
      /** The pictures the pages show, with the variants they name. */
      pictures: SitePicture[];
      hosting: HostingFacts;
      problems: ContentProblem[];
      /** Seconds of each part of the load, for the build's report. */
      timings: Record<string, number>;
    }
  | { type: 'loaded'; ok: false; problems: ContentProblem[] };

export interface RenderRequest {
  type: 'render';
  siteDir: string;
  pathnames: string[];
}

export interface RenderReply {
  type: 'rendered';
  files: Array<[string, FileRecord]>;
}

export type RendererReply = LoadReply | RenderReply | { type: 'failed'; error: Error };

interface AstroRoute extends RouteShape {
  component: string;
  pattern: RegExp;
}

interface AstroApp {
  manifest: { routes: Array<{ routeData: AstroRoute }> };
  render(request: Request, options: Record<string, unknown>): Promise<Response>;
}

interface Loaded {
  newsroom: Newsroom;
  bodies: ContentBodies;
  nodes: Map<string, { node: PageNode; route: AstroRoute }>;
}

/** The site's code bundle, once asked for: imported once, at start or at the first load. */
let app: Promise<AstroApp> | undefined;
let appEntry: string | undefined;
let current: Loaded | undefined;
/** Whether this renderer has written a batch yet: the `render-generated` pause comes after the first. */
let generated = false;
/** Whether this renderer has loaded content yet. */
let loaded = false;

function openApp(entry: string): Promise<AstroApp> {
  if (app && appEntry === entry) return app;
  if (app) throw new Error('A renderer holds one code bundle; start a new renderer for new code.');
  appEntry = entry;
  app = import(pathToFileURL(entry).href).then((module: { createApp(options: { streaming: boolean }): AstroApp }) =>
    module.createApp({ streaming: false }),
  );
  return app;
}

function findRoutes(astro: AstroApp): Map<string, AstroRoute> {
  const routes = new Map<string, AstroRoute>();
  for (const { routeData } of astro.manifest.routes) routes.set(routeData.component, routeData);
  for (const component of ROUTE_COMPONENTS)
    if (!routes.has(component))
      throw new Error(`The code bundle has no route for ${component}; the page graph and src/pages/ disagree.`);
  return routes;
}

async function load(request: LoadRequest): Promise<LoadReply> {
  const timings: Record<string, number> = {};
  let started = performance.now();
  const lap = (part: string): void => {
    const now = performance.now();
    timings[part] = Math.round(now - started) / 1000;
    started = now;
  };
  const astro = await openApp(request.bundleEntry);
  lap('code');
  const now = new Date(request.now);
  const content = await loadContent({
    root: request.root,
    contentDir: request.contentDir,
    cacheDir: request.cacheDir,
    now,
    changedOnly: request.changed && new Set(request.changed),
  });
  lap('read');
  if (!content.input || !content.bodies) return { type: 'loaded', ok: false, problems: content.problems };
  // The last newsroom lends its unchanged objects, and the keys memoised by them.
  const newsroom = createNewsroom(content.input, { now, preview: false }, current?.newsroom);
  lap('newsroom');
  const routes = findRoutes(astro);
  const nodes = new Map<string, { node: PageNode; route: AstroRoute }>();
  const pages: PlannedPage[] = [];
  for (const node of listPageNodes(newsroom, now)) {
    let placed = placedNodes.get(node);
    if (!placed) {
      const route = routes.get(node.component)!;
      const pathname = toPathname(route, node.params);
      placed = {
        entry: { node, route },
        page: {
          pathname,
          file: toOutputFile(route, pathname),
          key: node.key,
          indexed: ARTICLE_COMPONENTS.has(node.component),
        },
      };
      placedNodes.set(node, placed);
    }
    const { pathname } = placed.page;
    if (nodes.has(pathname))
      throw new Error(
        `Two pages would be written to ${pathname}: ${nodes.get(pathname)!.node.component} and ${node.component}.`,
      );
    nodes.set(pathname, placed.entry);
    pages.push(placed.page);
  }
  current = { newsroom, bodies: content.bodies, nodes };
  const list = createPageList((sent?.id ?? 0) + 1, pages);
  const pageList = describePageList(list, sent !== undefined && sent.id === request.since ? sent : undefined);
  sent = list;
  lap('graph');
  await pauseAt('render-start');
  const sitemaps = await buildSitemaps(
    newsroom.site.url,
    pages.map((page) => page.pathname),
    buildLastModified(newsroom),
    new Map(Object.entries(request.sitemaps ?? {})),
  );
  lap('sitemaps');
  const pictures = listSitePictures(newsroom, path.resolve(request.root, request.contentDir));
  lap('pictures');
  if (!loaded) {
    loaded = true;
    saveCompileCache();
  }
  const { site } = newsroom;
  return {
    type: 'loaded',
    ok: true,
    pages: pageList,
    sitemaps,
    nextEmbargo: findNextEmbargo(content.input, now)?.toISOString(),
    pictures,
    timings,
    problems: content.problems,
    hosting: {
      siteUrl: site.url,
      cache: site.cache,
      redirects: newsroom.articles.flatMap((article) => article.aliases.map((from) => ({ from, to: article.url }))),
      brotliStatic: site.nginx.brotliStatic,
    },
  };
}

/**
 * Each page node's place in the site (its Astro route, pathname and file), worked out once: a
 * renderer holds one code bundle, so a node the page graph kept from the last load (an unchanged
 * article's page) has the same place, and the same planned page, which the page list then finds
 * unchanged by identity.
 */
const placedNodes = new WeakMap<PageNode, { entry: { node: PageNode; route: AstroRoute }; page: PlannedPage }>();

/** The page list sent last. */
let sent: PageList | undefined;

/** Error pages are rendered from the bundle, never fetched over the network. */
const refuseErrorPageFetch = (): Promise<Response> => Promise.resolve(new Response(null, { status: 599 }));

async function renderPages(request: RenderRequest): Promise<RenderReply> {
  if (!app || !current) throw new Error('The renderer was asked to render before it loaded the content.');
  const astro = await app;
  const { newsroom, bodies, nodes } = current;
  const pageBodies = {
    article: (id: string) => bodies.articles.get(id),
    page: (id: string) => bodies.pages.get(id),
    articleMarkdown: (id: string) => bodies.articleMarkdown.get(id),
  };
  const files: Array<[string, FileRecord]> = [];
  // Four at a time, as Astro's own static build: one page's write overlaps another's render.
  await runPool(request.pathnames, 4, async (pathname) => {
    const entry = nodes.get(pathname);
    if (!entry) throw new Error(`The renderer knows no page at ${pathname}.`);
    const { node, route } = entry;
    // Astro matches the request against the route's pattern to read its params: a route whose
    // extension is a param (`feed.[format]`) or the 404 page wants a trailing slash.
    const requestPath = route.pattern.test(pathname) ? pathname : `${pathname}/`;
    const response = await astro.render(new Request(new URL(requestPath, newsroom.site.url)), {
      routeData: route,
      locals: { depesche: { newsroom, props: node.props, bodies: pageBodies } },
      prerenderedErrorPageFetch: refuseErrorPageFetch,
    });
    const expected = pathname === '/404' ? 404 : 200;
    if (response.status !== expected) {
      const text = await response.text().catch(() => '');
      throw new Error(
        `Rendering ${pathname} (${node.component}) answered ${response.status} instead of ${expected}.${text ? ` ${text.slice(0, 500)}` : ''}`,
      );
    }
    const data = Buffer.from(await response.arrayBuffer());
    const file = toOutputFile(route, pathname);
    const target = path.join(request.siteDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, data);
    files.push([file, { hash: hashBytes(data), size: data.length }]);
    // Compressed here, as the page is written: on a cold build two renderers share the work
    // that would otherwise wait for the last page.
    if (COMPRESSIBLE.test(file)) {
      const copies = await compressText(data);
      for (const [twin, bytes] of [
        ['.gz', copies.gzip],
        ['.br', copies.brotli],
      ] as const) {
        await writeFile(target + twin, bytes);
        files.push([file + twin, { hash: hashBytes(bytes), size: bytes.length }]);
      }
    }
  });
  if (!generated) {
    generated = true;
    // The site's pages are compiled once they have rendered: keep them for the next renderer.
    saveCompileCache();
    await pauseAt('render-generated');
  }
  return { type: 'rendered', files };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

if (process.send) {
  // Started for a bundle already built (render-pool.ts): import it now, while the parent
  // prepares the build. A failure is reported by the first load, which asks for the same import.
  const startEntry = process.argv[2];
  if (startEntry) openApp(startEntry).catch(() => {});
  // The parent is gone (a kill -9 of the build): stop rather than write into its staging folder.
  process.on('disconnect', () => process.exit(1));
  process.on('message', (message: LoadRequest | RenderRequest) => {
    const work = message.type === 'load' ? load(message) : renderPages(message);
    void work
      .catch((error: unknown): RendererReply => ({ type: 'failed', error: toError(error) }))
      .then((reply) => process.send?.(reply));
  });
}
