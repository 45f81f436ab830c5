import type { APIRoute } from 'astro';
import { loadDevNewsroom } from '../data/newsroom.ts';
import { getRouteProps } from '../data/page-data.ts';
import { resolveBuildTime } from '../lib/content/build-time.ts';
import { listNewsSitemapRoutes } from '../lib/site/routes.ts';

export async function getStaticPaths() {
  return listNewsSitemapRoutes(await loadDevNewsroom(), resolveBuildTime(process.env));
}

export const GET: APIRoute = (context) =>
  new Response(getRouteProps<{ xml: string }>(context).xml, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
