import type { APIRoute } from 'astro';
import { getNewsroom } from '../data/newsroom.ts';
import { resolveBuildTime } from '../lib/content/build-time.ts';
import { listNewsSitemapRoutes } from '../lib/site/routes.ts';

export async function getStaticPaths() {
  return listNewsSitemapRoutes(await getNewsroom(), resolveBuildTime(process.env));
}

export const GET: APIRoute = ({ props }) =>
  new Response((props as { xml: string }).xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
