/**
 * A page's URL and output file from its route and params, as Astro's static build names them
 * (`build.format: 'directory'`, `trailingSlash: 'always'`): a page at `/a/b/` is `a/b/index.html`,
 * an endpoint at `/a/feed.xml` is `a/feed.xml`, the 404 page is `404.html`. Pure.
 */

/** One part of a route segment, as Astro's route data holds it. */
export interface RoutePart {
  content: string;
  dynamic: boolean;
  spread: boolean;
}

export interface RouteShape {
  type: string;
  segments: RoutePart[][];
}

/** The path a route serves for these params; a rest param that is undefined drops its segment. */
export function toPathname(route: RouteShape, params: Readonly<Record<string, string | undefined>>): string {
  const segments = route.segments
    .map((segment) =>
      segment
        .map((part) => {
          if (!part.dynamic) return part.content;
          const name = part.spread ? part.content.replace(/^\.\.\./, '') : part.content;
          const value = params[name];
          if (value === undefined && !part.spread)
            throw new Error(`The route needs the param "${name}", which the page graph did not give.`);
          return value ?? '';
        })
        .join(''),
    )
    .filter((segment) => segment !== '');
  const path = `/${segments.join('/')}`;
  if (route.type === 'endpoint' || path === '/404' || path === '/500') return path;
  return path.endsWith('/') ? path : `${path}/`;
}

/** The file a page at `pathname` is written to, relative to the site folder. */
export function toOutputFile(route: RouteShape, pathname: string): string {
  const clean = pathname.replace(/^\//, '');
  if (route.type === 'endpoint') return clean;
  if (pathname === '/404' || pathname === '/500') return `${clean}.html`;
  return `${clean}index.html`;
}
